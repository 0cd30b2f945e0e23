"""Red, amber and green against a target, and the five-year path toward the top quartile."""

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


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
    places = Decimal(1).scaleb(-decimals)
    return [(start + step * (year + 1)).quantize(places, ROUND_HALF_UP) for year in range(years)]
