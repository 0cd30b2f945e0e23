"""A visit's moves from state to state: the one home of which move is allowed when.

    requested ──accept (dates offered)──▶ offered ──choose a date──▶ confirmed
        │  └──decline (with a reason)──▶ declined                      │
        └──────────── cancel (either side, with a reason) ◀────────────┘ (before the day)

After the day of a confirmed visit, each side records what was learnt ("record"), which leaves
the state as it is. Services call `next_state` before every change; pages call `allowed` to
offer only the buttons that would work.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Visit, VisitState

ACCEPT, DECLINE, CHOOSE, CANCEL, RECORD = "accept", "decline", "choose", "cancel", "record"

_MOVES = {
    (VisitState.REQUESTED, ACCEPT): VisitState.OFFERED,
    (VisitState.REQUESTED, DECLINE): VisitState.DECLINED,
    (VisitState.REQUESTED, CANCEL): VisitState.CANCELLED,
    (VisitState.OFFERED, CHOOSE): VisitState.CONFIRMED,
    (VisitState.OFFERED, CANCEL): VisitState.CANCELLED,
    (VisitState.CONFIRMED, CANCEL): VisitState.CANCELLED,
    (VisitState.CONFIRMED, RECORD): VisitState.CONFIRMED,
}


def next_state(visit: Visit, move: str, *, now: datetime) -> str:
    """The state `move` takes the visit to, or a `ValidationError` saying why it cannot."""
    state = _MOVES.get((visit.state, move))
    if state is None:
        raise ValidationError(
            _("This visit is now “%(state)s”, so that cannot be done.")
            % {"state": VisitState(visit.state).label}
        )
    if visit.state == VisitState.CONFIRMED:
        started = visit.has_taken_place(now)
        if move == CANCEL and started:
            raise ValidationError(_("The visit's day has come: it can no longer be cancelled."))
        if move == RECORD and not started:
            raise ValidationError(_("What was learnt can be written down after the visit."))
    return state


def allowed(visit: Visit, move: str, *, now: datetime) -> bool:
    try:
        next_state(visit, move, now=now)
    except ValidationError:
        return False
    return True


def when(moment: datetime) -> str:
    """A visit's day and time as the pages and emails write it: "Saturday 14 March 2026, 10:30"."""
    return date_format(timezone.localtime(moment), "l j F Y, H:i")
