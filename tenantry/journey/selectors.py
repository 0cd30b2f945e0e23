"""Reads of grant programmes worth naming."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from .models import FundingProgramme, GrantCondition


def open_programmes(*, on: date) -> QuerySet[FundingProgramme]:
    """Programmes shown to the public and open on the day `on` (no dates: always open)."""
    return (
        FundingProgramme.objects.filter(published=True)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=on))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=on))
        .select_related("organisation")
        .order_by("name", "pk")
    )


def open_programme(*, pk: int, on: date) -> FundingProgramme | None:
    """One open programme with its conditions in order, or None (also when not published)."""
    return (
        open_programmes(on=on)
        .prefetch_related(
            Prefetch("conditions", queryset=GrantCondition.objects.order_by("position"))
        )
        .filter(pk=pk)
        .first()
    )
