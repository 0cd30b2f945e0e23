"""Reads about indicators and their results."""

from django.db.models import F, Q, QuerySet

from tenantry.core.periods import Period
from tenantry.organisations.models import Organisation

from .models import Indicator, Result, Scope, Source


def indicators_for(*, organisation: Organisation) -> QuerySet[Indicator]:
    """The national indicators and the organisation's own local ones still in use."""
    return Indicator.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation), retired_at__isnull=True
    ).order_by("framework", "order", "code")


def results_for(
    *, organisation: Organisation, period: Period, scope: str | None = None
) -> QuerySet[Result]:
    """The stored results of one organisation for exactly one period."""
    results = Result.objects.filter(
        organisation=organisation, period_start=period.start, period_end=period.end
    ).select_related("indicator", "estate")
    return results.filter(scope=scope) if scope else results


def own_scope(organisation: Organisation) -> str:
    """The scope of an organisation's headline figures."""
    return Scope.LANDLORD_ALL if organisation.is_landlord else Scope.ORGANISATION


def latest_results(
    *, organisation: Organisation, codes: list[str] | None = None, kind: str = "year"
) -> dict[str, Result]:
    """The newest stored headline result of each indicator (all stock types together)."""
    results = Result.objects.filter(
        organisation=organisation,
        scope=own_scope(organisation),
        stock_type="",
        period_kind=kind,
        value__isnull=False,
    ).select_related("indicator")
    if codes:
        results = results.filter(indicator__code__in=codes)
    latest: dict[str, Result] = {}
    for result in results.order_by("period_start"):
        latest[result.indicator.code] = result
    return latest


def indicator_for(*, organisation: Organisation, code: str) -> Indicator | None:
    """A national indicator, or one of the organisation's own (retired ones too), by code."""
    return (
        Indicator.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .filter(code=code)
        # The national indicator first, should an organisation's own share its code.
        .order_by(F("organisation").asc(nulls_first=True))
        .first()
    )


def may_be_entered(indicator: Indicator) -> bool:
    """Figures nobody's records give: those entered by hand, and survey measures until the
    surveys capability hands them over (a contractor's TSM report, say)."""
    return indicator.source in (Source.MANUAL, Source.SURVEY)
