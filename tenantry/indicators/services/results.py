"""Writes: computing and storing results, and results entered by hand or from a survey."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import Period
from tenantry.homes.selectors import estates_of
from tenantry.indicators import permissions as can
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import organisations_working_with

from ..calculators import Measure, Subject, calculate, calculator_of
from ..models import Indicator, Result, Scope, Source, StockType
from ..selectors import indicators_for

SPLIT_STOCK = (StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP)


def keeps_figures(organisation: Organisation) -> bool:
    """A landlord keeps figures for its stock and a managing organisation for its homes; a panel
    or association, which manages none, keeps none of its own."""
    return organisation.is_landlord or organisation.agreements.exists()


def subjects_of(organisation: Organisation, period: Period) -> list[Subject]:
    """Whose figures an organisation keeps: a landlord's whole and directly managed stock; a
    managing organisation's own homes and each estate it works on at the period's end."""
    if organisation.is_landlord:
        return [
            Subject(Scope.LANDLORD_ALL, organisation),
            Subject(Scope.LANDLORD_DIRECT, organisation),
        ]
    if not keeps_figures(organisation):
        return []
    estates = estates_of(organisation=organisation, on=period.end)
    return [
        Subject(Scope.ORGANISATION, organisation),
        *[Subject(Scope.ESTATE, organisation, estate) for estate in estates],
    ]


def _split(subject: Subject, indicator: Indicator) -> list[Subject]:
    # The regulator reports these separately for low-cost rental and home ownership stock.
    if not indicator.split_by_stock or subject.scope == Scope.ESTATE:
        return [subject]
    return [subject, *[Subject(subject.scope, subject.organisation, None, s) for s in SPLIT_STOCK]]


@transaction.atomic
def compute_results(
    *, organisation: Organisation, period: Period, by: User | None = None, partners: bool = True
) -> list[Result]:
    """Compute and store every computed indicator for the organisation's subjects; for a
    landlord, also for each organisation it works with (unless `partners` is False)."""
    results = []
    indicators = [i for i in indicators_for(organisation=organisation) if calculator_of(i)]
    for subject in subjects_of(organisation, period):
        for indicator in indicators:
            for each in _split(subject, indicator):
                measure = calculate(indicator, each, period)
                results.append(_store(indicator, each, period, measure, Source(indicator.source)))
    if organisation.is_landlord and partners:
        for partner in organisations_working_with(landlord=organisation):
            results += compute_results(organisation=partner, period=period, by=by)
    return results


def _store(
    indicator: Indicator,
    subject: Subject,
    period: Period,
    measure: Measure,
    source: str,
    *,
    by: User | None = None,
    note: str = "",
) -> Result:
    """Upsert one result; history records a new version only when the figure changed."""
    key = dict(
        indicator=indicator,
        organisation=subject.organisation,
        scope=subject.scope,
        estate=subject.estate,
        stock_type=subject.stock_type,
        period_start=period.start,
        period_end=period.end,
    )
    figures = dict(
        numerator=measure.numerator, denominator=measure.denominator, value=measure.value
    )
    now = timezone.now()
    result = Result.objects.filter(**key).first()
    if result is None:
        result = Result(**key, period_kind=period.kind, period_label=period.label)
    elif _same(result, figures) and not by and not note:
        Result.objects.filter(pk=result.pk).update(computed_at=now)
        result.computed_at = now
        return result
    for name, value in figures.items():
        setattr(result, name, value)
    result.source, result.computed_at, result.entered_by, result.note = source, now, by, note
    result.save()
    return result


def _same(result: Result, figures: dict) -> bool:
    def norm(value):
        return None if value is None else Decimal(value).normalize()

    return all(norm(getattr(result, name)) == norm(value) for name, value in figures.items())


@transaction.atomic
def enter_result(
    *,
    indicator: Indicator,
    organisation: Organisation,
    period: Period,
    value: Decimal | None,
    by: User | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    note: str = "",
    source: str = Source.MANUAL,
    stock_type: str = "",
) -> Result:
    """Record a figure that is not computed from records: entered by hand, or handed over by
    a survey. Numerator and denominator, when both given, must agree with the value."""
    require(can.can_enter_results, user=by, organisation=organisation)
    if calculator_of(indicator):
        raise ValidationError(_("This indicator is computed from the records."))
    if indicator.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("That indicator belongs to another organisation."))
    if numerator is not None and denominator:
        scale = {"percent": Decimal(100), "per_1000": Decimal(1000)}.get(indicator.unit, 1)
        worked = Decimal(numerator) * scale / Decimal(denominator)
        places = Decimal(1).scaleb(-indicator.decimals)
        if value is not None and abs(Decimal(value) - worked) > places / 2:
            raise ValidationError(
                _("%(numerator)s out of %(denominator)s gives %(worked)s, not %(value)s.")
                % {
                    "numerator": numerator,
                    "denominator": denominator,
                    "worked": worked.quantize(places),
                    "value": value,
                }  # fmt: skip
            )
        value = worked if value is None else value
    if value is None:
        raise ValidationError(_("Give the figure, or the numbers it comes from."))
    scope = Scope.LANDLORD_ALL if organisation.is_landlord else Scope.ORGANISATION
    subject = Subject(scope, organisation, None, stock_type)
    measure = Measure(numerator, denominator, Decimal(value))
    return _store(indicator, subject, period, measure, source, by=by, note=note)
