"""Finding records: an organisation's records of a kind, narrowed, counted and placed."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import DateTimeField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from tenantry.core import paging
from tenantry.core.deadlines import (
    LONDON,
)
from tenantry.core.periods import Period
from tenantry.homes.models import Estate, Home, Household
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation

from ..kinds import RecordKind
from ..models import (
    Record,
    RepairPriority,
)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in England."""
    return datetime.combine(day, time.min, tzinfo=LONDON)


def records_of(
    *,
    organisation: Organisation,
    model: type[Record],
    estate: Estate | None = None,
    estate_lookups: Iterable[str] = (),
    period: Period | None = None,
    date_field: str = "",
    where: Q | None = None,
) -> QuerySet:
    """An organisation's records of one kind, narrowed to an estate, a period and a condition."""
    records = model.objects.filter(organisation=organisation)
    if estate is not None:
        # Each way of reaching the estate as its own indexed subquery ("home_id IN the estate's
        # homes"), joined by UNION: an OR across joined tables makes PostgreSQL read every record.
        ways = [records.filter(_on_estate(model, lookup, estate)) for lookup in estate_lookups]
        if len(ways) == 1:
            records = ways[0]
        elif ways:
            ids = [way.order_by().values("pk") for way in ways]
            records = records.filter(pk__in=ids[0].union(*ids[1:]))
    if period is not None:
        if isinstance(model._meta.get_field(date_field), DateTimeField):
            # A period is whole days in England: from its first midnight to the next one after it.
            records = records.filter(
                **{
                    f"{date_field}__gte": start_of_day(period.start),
                    f"{date_field}__lt": start_of_day(period.end + timedelta(days=1)),
                }
            )
        else:
            records = records.filter(**{f"{date_field}__range": (period.start, period.end)})
    if where is not None:
        records = records.filter(where)
    return records


def _on_estate(model: type[Record], lookup: str, estate: Estate) -> Q:
    """Records reaching the estate by `lookup` ("home__estate"), as a subquery on their own key."""
    first, _, rest = lookup.partition("__")
    if not rest:
        return Q(**{lookup: estate})
    related = model._meta.get_field(first).related_model
    return Q(**{f"{first}__in": related.objects.filter(**{rest: estate}).values("pk")})


@dataclass(frozen=True)
class HeldCount:
    """How many records of a kind an organisation holds, counted as far as its list counts
    (`core/paging.py`): `more` when there are more than `count`."""

    count: int
    more: bool


def record_counts(
    *, organisation: Organisation, models: dict[str, type[Record]]
) -> dict[str, HeldCount]:
    """How many records of each kind the organisation holds, each counted to `paging.CAP` and
    no further (as its list is), in one query: a landlord's three years of records are
    millions of rows, and counting them all on every view of the overview took half a second."""
    counts = {}
    for key, model in models.items():
        sql, params = (
            model.objects.filter(organisation=organisation)
            .order_by()
            .values("pk")[: paging.CAP + 1]
            .query.sql_with_params()
        )
        counts[key] = RawSQL(f"SELECT COUNT(*) FROM ({sql}) AS held", params, IntegerField())
    row = Organisation.objects.filter(pk=organisation.pk).values(**counts).get()
    return {key: HeldCount(min(row[key], paging.CAP), row[key] > paging.CAP) for key in models}


def repair_priorities_of(*, organisation: Organisation) -> QuerySet[RepairPriority]:
    """The priorities of the repairs scheme the organisation works to: its landlord's."""
    scheme = organisation.pk if organisation.is_landlord else organisation.landlord_id
    return RepairPriority.objects.filter(landlord_id=scheme)


def estates_for_filter(*, organisation: Organisation) -> QuerySet[Estate]:
    """Estates of the organisation's landlord where it manages homes, by name: a landlord's
    own estates (read from them, not from its 125,000 homes)."""
    if organisation.is_landlord:
        return Estate.objects.filter(landlord=organisation).order_by("name")
    homes = homes_of(organisation=organisation)
    return Estate.objects.filter(pk__in=homes.values("estate_id")).order_by("name")


def home_by_reference(*, organisation: Organisation, reference: str) -> list[Home]:
    """The homes the organisation manages today with this property reference (one, or none)."""
    return list(
        homes_of(organisation=organisation)
        .filter(reference__iexact=reference.strip())
        .select_related("estate")[:2]
    )


def household_by_reference(*, organisation: Organisation, reference: str) -> list[Household]:
    """Tenancies of homes the organisation manages with this reference (one, or more if shared)."""
    homes = homes_of(organisation=organisation)
    return list(
        Household.objects.filter(home__in=homes, reference__iexact=reference.strip())
        .select_related("home")
        .order_by("-started_on")[:2]
    )


def place_of(record: Record) -> str:
    """Where a record is about, in words: a home's address, a block or an estate."""
    household = getattr(record, "household", None)
    for place in (
        getattr(record, "home", None),
        household.home if household else None,
        getattr(record, "block", None),
        getattr(record, "estate", None),
    ):
        if place is not None:
            return str(place)
    return ""


@dataclass(frozen=True)
class AtHome:
    """A home's latest records of one kind, and whether it has older ones."""

    kind: RecordKind
    records: list[Record]
    more: bool


def records_at_home(
    *, organisation: Organisation, home: Home, kinds: Iterable[RecordKind], limit: int
) -> list[AtHome]:
    """The organisation's latest `limit` records of each kind about a home: a query a kind."""
    found = []
    for kind in kinds:
        related = [path for path in kind.related if path != kind.home_lookup]
        records = records_of(organisation=organisation, model=kind.model).filter(
            **{kind.home_lookup: home}
        )
        if related:
            records = records.select_related(*related)
        records = list(records.order_by(f"-{kind.date_field}", "-pk")[: limit + 1])
        if "__" not in kind.home_lookup:
            for record in records:
                setattr(record, kind.home_lookup, home)  # known already: not read again
        found.append(AtHome(kind, records[:limit], len(records) > limit))
    return found
