"""Red, amber and green against a target (the one status rule), which way is better, which
agreement's targets apply, and the five-year path toward the top quartile."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tenantry.core.figures import rounded
from tenantry.organisations.selectors import current_agreement

from .models import Scope, Target

if TYPE_CHECKING:
    from datetime import date

    from tenantry.core.periods import Period
    from tenantry.organisations.models import ManagementAgreement

    from .calculators import Subject
    from .models import Indicator


class Status(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.GREEN: _("On target"),
    Status.AMBER: _("Just short of target"),
    Status.RED: _("Off target"),
}


def status_against_target(
    value: Decimal | None, target: Decimal, tolerance: Decimal, *, higher_is_better: bool
) -> Status | None:
    """Green when the target is met, amber when short of it by no more than the tolerance,
    red beyond that; None when there is no figure to judge."""
    if value is None:
        return None
    shortfall = (target - value) if higher_is_better else (value - target)
    if shortfall <= 0:
        return Status.GREEN
    if shortfall <= tolerance:
        return Status.AMBER
    return Status.RED


def status_as_shown(
    value: Decimal | None,
    target: Decimal,
    tolerance: Decimal,
    *,
    decimals: int,
    higher_is_better: bool,
) -> Status | None:
    """The status of the figure as shown, rounded half up to its places, so a page never shows
    "92%" against a target of 92% as missed (94.96% shows as 95.0% and meets 95%). Every page,
    export and submission judges a figure with this."""
    return status_against_target(
        rounded(value, decimals), target, tolerance, higher_is_better=higher_is_better
    )


def status_of(indicator: Indicator, value: Decimal | None, target: Target | None) -> Status | None:
    """An indicator's figure against the agreement's target; None with no target or figure."""
    if target is None:
        return None
    return status_as_shown(
        value,
        target.value,
        target.tolerance,
        decimals=indicator.decimals,
        higher_is_better=indicator.higher_is_better,
    )


def direction_text(indicator: Indicator) -> str:
    """Which way is better, in words."""
    return gettext("Higher is better") if indicator.higher_is_better else gettext("Lower is better")


def trajectory(
    start: Decimal, goal: Decimal, *, higher_is_better: bool, years: int = 5, decimals: int = 1
) -> list[Decimal]:
    """Equal yearly steps from `start` (this year's figure) to `goal` (the top-quartile
    threshold) over `years` years: the Guide asks each service to reach the level of the top
    25% within five years. A figure already at or beyond the goal is held, not lowered."""
    if years < 1:
        raise ValueError("a trajectory needs at least one year")
    already_there = start >= goal if higher_is_better else start <= goal
    step = Decimal(0) if already_there else (goal - start) / years
    return [rounded(start + step * (year + 1), decimals) for year in range(years)]


# --- which targets apply ----------------------------------------------------------------------

STATUS_COLOURS = {Status.GREEN: "green", Status.AMBER: "yellow", Status.RED: "red"}


def agreement_for(subject: Subject, period: Period, *, today: date) -> ManagementAgreement | None:
    """The agreement whose targets apply: the one in force at the period's end (or today, for a
    period still running), for an organisation's or an estate's figures. A landlord's own
    figures have no agreement's targets."""
    if subject.scope not in (Scope.ORGANISATION, Scope.ESTATE):
        return None
    return current_agreement(organisation=subject.organisation, on=min(period.end, today))


def targets_for(agreement: ManagementAgreement | None, year_start: date) -> dict[int, Target]:
    """The agreement's targets for one financial year, by indicator id."""
    if agreement is None:
        return {}
    return {
        target.indicator_id: target
        for target in Target.objects.filter(agreement=agreement, year_start=year_start)
    }
