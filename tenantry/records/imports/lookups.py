"""The references a file may use, loaded once per import as dictionaries (not a query a row).

Only what the organisation is responsible for can be pointed at: a landlord's own homes,
estates and blocks; for a managing organisation, the homes its agreements cover (now or in
the past, so older records still load) and the estates and blocks they stand in.
"""

from functools import cached_property

from django.db.models import QuerySet

from tenantry.core.deadlines import Timescale
from tenantry.homes.models import Block, Coverage, Estate, Home, Household
from tenantry.organisations.models import Organisation

from ..models import RepairPriority
from .values import normalise

AMBIGUOUS = object()  # a block reference used on more than one estate


class Lookups:
    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.landlord_id = organisation.pk if organisation.is_landlord else organisation.landlord_id

    def _homes(self) -> QuerySet[Home]:
        if self.organisation.is_landlord:
            return Home.objects.filter(landlord=self.organisation)
        covered = Coverage.objects.filter(agreement__organisation=self.organisation)
        return Home.objects.filter(pk__in=covered.values("home_id"))

    @cached_property
    def homes(self) -> dict[str, int]:
        return dict(self._homes().values_list("reference", "pk").iterator(chunk_size=20_000))

    @cached_property
    def estates(self) -> dict[str, int]:
        if self.organisation.is_landlord:
            estates = Estate.objects.filter(landlord=self.organisation)
        else:
            estates = Estate.objects.filter(pk__in=self._homes().values("estate_id"))
        return dict(estates.values_list("reference", "pk"))

    @cached_property
    def _blocks(self) -> list[tuple[int, str, int]]:
        if self.organisation.is_landlord:
            blocks = Block.objects.filter(estate__landlord=self.organisation)
        else:
            blocks = Block.objects.filter(pk__in=self._homes().values("block_id"))
        return list(blocks.values_list("pk", "reference", "estate_id"))

    @cached_property
    def blocks(self) -> dict[str, object]:
        found: dict[str, object] = {}
        for pk, reference, _estate in self._blocks:
            found[reference] = AMBIGUOUS if reference in found else pk
        return found

    @cached_property
    def block_estates(self) -> dict[int, int]:
        return {pk: estate for pk, _reference, estate in self._blocks}

    @cached_property
    def blocks_by_estate(self) -> dict[tuple[int, str], int]:
        return {(estate, reference): pk for pk, reference, estate in self._blocks}

    @cached_property
    def priorities(self) -> dict[str, int]:
        """A priority by its code or, failing that, its name."""
        found: dict[str, int] = {}
        rows = RepairPriority.objects.filter(landlord_id=self.landlord_id).values_list(
            "pk", "code", "name"
        )
        for pk, _code, name in rows:
            found[normalise(name)] = pk
        for pk, code, _name in rows:
            found[code] = pk
            found[normalise(code)] = pk
        return found

    @cached_property
    def priority_timescales(self) -> dict[int, Timescale]:
        return {
            priority.pk: priority.timescale
            for priority in RepairPriority.objects.filter(landlord_id=self.landlord_id)
        }

    @cached_property
    def households(self) -> dict[tuple[int, str], int]:
        rows = Household.objects.filter(home__in=self._homes()).values_list(
            "home_id", "reference", "pk"
        )
        return {(home, reference): pk for home, reference, pk in rows.iterator(chunk_size=20_000)}
