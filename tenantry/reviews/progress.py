"""Where an improvement plan's actions stand: the one home of "late".

An action is done once its done date is recorded; otherwise it is late once its due date has
passed (a date falls due at the end of that day, as every deadline in `core/deadlines.py`);
otherwise it stands as its owner last reported it, on track or at risk. Every page, the PDF,
the committee's overview and the annual progress report read `standing` (one action) or
`late_q` (the same rule in the database)."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Milestone, PlanAction, Progress

LATE = "late"

STANDING_LABELS = {
    Progress.ON_TRACK: _("On track"),
    Progress.AT_RISK: _("At risk"),
    LATE: _("Late"),
    Progress.DONE: _("Done"),
}
# GOV.UK tag colours for each standing.
STANDING_COLOURS = {
    Progress.ON_TRACK: "govuk-tag--green",
    Progress.AT_RISK: "govuk-tag--yellow",
    LATE: "govuk-tag--red",
    Progress.DONE: "govuk-tag--blue",
}


def is_past(due_on: date, today: date) -> bool:
    """Whether a date has passed: something due on a day may be done at any time that day."""
    return today > due_on


def standing(action: PlanAction, today: date) -> str:
    """On track, at risk, late or done: the action's standing on `today`."""
    if action.done_on is not None and action.done_on <= today:
        return Progress.DONE
    if is_past(action.due_on, today):
        return LATE
    return action.progress if action.progress != Progress.DONE else Progress.ON_TRACK


def late_q(today: date, prefix: str = "") -> Q:
    """`standing(…) == LATE` as a filter on actions (or through `prefix`, like "actions__")."""
    return Q(**{f"{prefix}due_on__lt": today}) & (
        Q(**{f"{prefix}done_on__isnull": True}) | Q(**{f"{prefix}done_on__gt": today})
    )


def milestone_late(milestone: Milestone, today: date) -> bool:
    """A milestone not reached by the end of its day."""
    reached = milestone.done_on is not None and milestone.done_on <= today
    return not reached and is_past(milestone.due_on, today)


def days_late(action: PlanAction, today: date) -> int:
    """How many days past its due date a late action is (0 if it is not late)."""
    return (today - action.due_on).days if standing(action, today) == LATE else 0
