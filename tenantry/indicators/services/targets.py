"""Writes: targets under a management agreement, one year at a time or as a five-year path.

Either party to the agreement may set a target (the organisation's committee or the landlord's
officer); every change is kept in the target's history, so each side sees who changed what.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import financial_year
from tenantry.indicators import permissions as can
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.permissions import require

from ..models import Indicator, Target, Unit
from ..targets import trajectory


def _check(indicator: Indicator, value: Decimal, tolerance: Decimal) -> None:
    errors = {}
    if indicator.unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        errors["value"] = _("A percentage target must be between 0 and 100.")
    elif indicator.unit == Unit.SCORE and not Decimal(0) <= value <= Decimal(5):
        errors["value"] = _("A score target must be between 0 and 5.")
    elif value < 0:
        errors["value"] = _("A target cannot be below zero.")
    if tolerance < 0:
        errors["tolerance"] = _("The tolerance cannot be below zero.")
    if errors:
        raise ValidationError(errors)


def _belongs(agreement: ManagementAgreement, indicator: Indicator) -> None:
    if indicator.organisation_id not in (None, agreement.organisation_id):
        raise ValidationError(_("That indicator belongs to another organisation."))


@transaction.atomic
def set_target(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    year_start: date,
    value: Decimal,
    tolerance: Decimal = Decimal(0),
    note: str = "",
    by: User | None,
) -> Target:
    """Set (or change) the target for one indicator in one financial year."""
    require(can.can_set_targets, user=by, organisation=agreement.organisation)
    _belongs(agreement, indicator)
    _check(indicator, value, tolerance)
    target = (
        Target.objects.select_for_update()
        .filter(agreement=agreement, indicator=indicator, year_start=year_start)
        .first()
    ) or Target(agreement=agreement, indicator=indicator, year_start=year_start)
    target.value, target.tolerance, target.note, target.set_by = value, tolerance, note, by
    target.full_clean()
    target._history_user = by  # django-simple-history records who made the change
    target.save()
    return target


def plan_trajectory(
    *, indicator: Indicator, start: Decimal, goal: Decimal, years: int = 5
) -> list[Decimal]:
    """Targets rising (or falling) in equal steps from this year's figure to the goal."""
    return trajectory(
        start,
        goal,
        higher_is_better=indicator.higher_is_better,
        years=years,
        decimals=min(indicator.decimals, 2),
    )


@transaction.atomic
def save_trajectory(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    first_year: str,
    start: Decimal,
    goal: Decimal,
    tolerance: Decimal = Decimal(0),
    by: User | None,
) -> list[Target]:
    """Store the five-year path as five targets, one per financial year from `first_year`;
    a year that already has a target is changed, keeping its history. All or nothing."""
    require(can.can_set_targets, user=by, organisation=agreement.organisation)
    first = financial_year(first_year).start.year
    values = plan_trajectory(indicator=indicator, start=start, goal=goal)
    note = _("Step %(step)s of 5 from %(start)s towards %(goal)s.")
    return [
        set_target(
            agreement=agreement,
            indicator=indicator,
            year_start=financial_year(first + n).start,
            value=value,
            tolerance=tolerance,
            note=note % {"step": n + 1, "start": start, "goal": goal},
            by=by,
        )
        for n, value in enumerate(values)
    ]
