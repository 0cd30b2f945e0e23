"""Targets and due times: each record against its deadlines, met, missed, due or overdue.

Targets are judged with `tenantry.core.deadlines` (the Complaint Handling Code, Awaab's Law and
each landlord's repair priorities) and counted in working days by `tenantry.core.workingdays`,
so a page, an indicator and the overdue list always agree on what "on time" means. A repair is
timed by the target time stored with it (`Repair.due_at`).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.deadlines import (
    END_OF_DAY,
    LONDON,
    HazardStep,
    TimeUnit,
    complaint_deadlines,
    hazard_steps,
    local_date,
)
from tenantry.core.workingdays import add_working_days, working_days_between

from .. import safety
from ..models import (
    Complaint,
    Repair,
    SafetyCheck,
)

State = Literal["met", "missed", "due", "overdue", "stopped", "not_recorded"]
COLOURS: dict[str, str] = {
    "met": "green",
    "missed": "red",
    "overdue": "red",
    "due": "yellow",
    "stopped": "grey",
    "not_recorded": "orange",
}


def _amount(n: int, unit: TimeUnit) -> str:
    if unit == "working_days":
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    if unit == "hours" and n < 48:
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    days = n // 24 if unit == "hours" else n
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


@dataclass(frozen=True)
class Target:
    """One thing that had to be done by a deadline, and whether it was.

    Deadlines in days are dates (any time on the due day is in time); deadlines in clock hours
    are datetimes. `stopped` says why the clock no longer runs (a cancelled repair).
    """

    label: str
    rule: str
    due: date | datetime
    done: date | datetime | None
    unit: TimeUnit
    now: datetime
    stopped: str = ""
    note: str = ""
    group: str = ""  # a heading targets are shown under: "Stage 1", "Awaab's Law"
    # The state when the rule lives elsewhere: Awaab's Law steps (`core.deadlines.hazard_steps`).
    decided: State | None = None

    @property
    def _now(self) -> date | datetime:
        return self.now if isinstance(self.due, datetime) else local_date(self.now)

    @property
    def state(self) -> State:
        if self.decided is not None:
            return self.decided
        if self.done is not None:
            return "met" if self.done <= self.due else "missed"
        if self.stopped:
            return "stopped"
        return "due" if self._now <= self.due else "overdue"

    def _between(self, start, end) -> int:
        """How far `end` comes after `start`, in the target's unit."""
        if isinstance(start, datetime):
            return max(0, math.ceil((end - start).total_seconds() / 3600))
        if self.unit == "working_days":
            return working_days_between(start, end)
        return max(0, (end - start).days)

    @property
    def amount(self) -> int:
        """Working days (or days, or hours) late, or left until the deadline."""
        state = self.state
        if state == "missed":
            return self._between(self.due, self.done)
        if state == "overdue":
            return self._between(self.due, self._now)
        if state == "due":
            return self._between(self._now, self.due)
        return 0

    @property
    def colour(self) -> str:
        return COLOURS[self.state]

    @property
    def text(self) -> str:
        """The result in words: a tag never relies on its colour alone."""
        state, n = self.state, self.amount
        amount = {"amount": _amount(n, self.unit)}
        if state == "met":
            return _("Met")
        if state == "not_recorded":
            return _("Not recorded")
        if state == "stopped":
            return self.stopped
        if state in ("missed", "overdue") and n == 0 and self.unit == "working_days":
            # Late only by a weekend or a bank holiday: say so in calendar days.
            late = ((self.done or self._now) - self.due).days
            amount = {"amount": _amount(late, "calendar_days")}
        if state == "missed":
            return _("Missed by %(amount)s") % amount
        if state == "overdue":
            return _("Overdue by %(amount)s") % amount
        return _("Due in %(amount)s") % amount if n else _("Due today")

    @property
    def has_time(self) -> bool:
        return isinstance(self.due, datetime)


def _is_due_day(due_at: datetime) -> bool:
    """Whether a stored target time is a whole due day (a target in days) or a clock time."""
    return timezone.localtime(due_at, LONDON).time() == END_OF_DAY


def triage_by(repair: Repair) -> date:
    """The day staff promise to look at a report awaiting triage and give it a priority.

    No statute sets this: it is the organisation's own promise
    (`Organisation.repair_triage_working_days`, 1 working day unless it says otherwise),
    counted in working days from the day of the report, so a report on a Friday evening is
    looked at by Monday, or by Tuesday after a bank holiday Monday.
    """
    days = repair.organisation.repair_triage_working_days
    return add_working_days(local_date(repair.reported_at), days)


def repair_target(repair: Repair, now: datetime) -> Target:
    """The repair against the target time stored with it (`Repair.due_at`, the one RP02
    counts), saying so when its priority's target has changed since. A report awaiting
    triage has no target yet: it is timed against the day staff promised to look at it."""
    if repair.priority_id is None:
        return _triage_target(repair, now)
    timescale = repair.priority.timescale
    by_priority_today = timescale.due(repair.reported_at)
    due_at = repair.due_at or by_priority_today  # stored when saved; a new repair has none yet
    note = ""
    if due_at != by_priority_today:
        note = _(
            "The priority's target has changed since this repair was raised; the repair keeps "
            "the target time it was given."
        )
    if _is_due_day(due_at):
        due = local_date(due_at)
        done = local_date(repair.completed_at) if repair.completed_at else None
        unit = timescale.unit if timescale.unit != "hours" else "calendar_days"
    else:
        due, done, unit = due_at, repair.completed_at, "hours"
    stopped = ""
    if repair.status in (Repair.Status.CANCELLED, Repair.Status.RECLASSIFIED):
        stopped = repair.get_status_display()
    return Target(
        label=_("Complete the repair"),
        rule=str(repair.priority),
        group=_("The repair"),
        due=due,
        done=done,
        unit=unit,
        now=now,
        stopped=stopped,
        note=note,
    )


def _triage_target(repair: Repair, now: datetime) -> Target:
    days = repair.organisation.repair_triage_working_days
    return Target(
        label=_("Give it a priority"),
        rule=ngettext(
            "%(n)d working day from the report", "%(n)d working days from the report", days
        )
        % {"n": days},
        group=_("The repair"),
        due=triage_by(repair),
        done=None,
        unit="working_days",
        now=now,
        stopped=repair.get_status_display() if repair.status != Repair.Status.OPEN else "",
    )


_HAZARD_STEPS = {
    HazardStep.MAKE_SAFE: (
        lambda: _("Investigate and make safe"),
        lambda: _("24 hours from being told of the hazard"),
    ),
    HazardStep.INVESTIGATE: (
        lambda: _("Investigate"),
        lambda: _("10 working days from being told of the hazard"),
    ),
    HazardStep.WRITTEN_SUMMARY: (
        lambda: _("Send the resident a written summary"),
        lambda: _("3 working days from the end of the investigation"),
    ),
    HazardStep.SAFETY_WORK: (
        lambda: _("Do the safety work"),
        lambda: _("5 working days from the end of the investigation"),
    ),
    HazardStep.FURTHER_WORKS: (
        lambda: _("Begin further works"),
        lambda: _("5 working days from the end of the investigation"),
    ),
}


def hazard_targets(repair: Repair, now: datetime, only: Iterable[HazardStep] = ()) -> list[Target]:
    """Each Awaab's Law step the repair's hazard is timed against (`only` some, if given), as
    `core.deadlines.hazard_steps` judges it: only a recorded date meets a step."""
    report = repair.awaabs_law()
    if report is None:
        return []
    only = set(only)
    targets = []
    for status in hazard_steps(report, now):
        if only and status.step not in only:
            continue
        label, rule = _HAZARD_STEPS[status.step]
        note = ""
        if status.state == "not_recorded":
            note = (
                _("No date was recorded. Reason given: %(reason)s") % {"reason": status.reason}
                if status.reason
                else _("No date was recorded, and no reason was given.")
            )
        targets.append(
            Target(
                label=label(),
                rule=rule(),
                due=status.due,
                done=status.done,
                unit="hours" if isinstance(status.due, datetime) else "working_days",
                now=now,
                note=note,
                group=_("Awaab's Law"),
                decided=status.state,
            )
        )
    return targets


def repair_targets(repair: Repair, now: datetime) -> list[Target]:
    return [repair_target(repair, now), *hazard_targets(repair, now)]


def _stage_targets(
    *,
    stage: int,
    received_on: date,
    acknowledged_on: date | None,
    responded_on: date | None,
    extension: int,
    now: datetime,
    stopped: str,
) -> list[Target]:
    """One stage of the Complaint Handling Code: acknowledgement, then the answer."""
    try:
        without = complaint_deadlines(stage, received_on, acknowledged_on, 0)
        agreed = complaint_deadlines(stage, received_on, acknowledged_on, extension)
    except ValueError:
        return []  # dates out of order (an import); the record page shows the dates as they are
    limits = {1: (10, 10), 2: (20, 20)}[stage]
    group = _("Stage %(stage)d") % {"stage": stage}
    targets = [
        Target(
            label=_("Acknowledge at stage %(stage)d") % {"stage": stage},
            rule=_("5 working days from receipt")
            if stage == 1
            else _("5 working days from the request to escalate"),
            due=without.acknowledge_by,
            done=acknowledged_on,
            unit="working_days",
            now=now,
            stopped=stopped,
            group=group,
        ),
        Target(
            label=_("Answer at stage %(stage)d without an extension") % {"stage": stage},
            rule=_("%(n)d working days from acknowledgement") % {"n": limits[0]},
            due=without.respond_by,
            done=responded_on,
            unit="working_days",
            now=now,
            stopped=stopped,
            group=group,
        ),
    ]
    if extension:
        targets.append(
            Target(
                label=_("Answer at stage %(stage)d with the agreed extension") % {"stage": stage},
                rule=ngettext(
                    "%(n)d further working day (the Code allows up to %(most)d)",
                    "%(n)d further working days (the Code allows up to %(most)d)",
                    extension,
                )
                % {"n": extension, "most": limits[1]},
                due=agreed.respond_by_with_extension,
                done=responded_on,
                unit="working_days",
                now=now,
                stopped=stopped,
                group=group,
            )
        )
    return targets


def _complaint_stages(complaint: Complaint, now: datetime) -> list[list[Target]]:
    """The targets of each stage reached: acknowledge, answer, answer as extended (if agreed)."""
    withdrawn = _("Withdrawn") if complaint.outcome == Complaint.Outcome.WITHDRAWN else ""
    stages = [
        _stage_targets(
            stage=1,
            received_on=complaint.received_on,
            acknowledged_on=complaint.stage1_acknowledged_on,
            responded_on=complaint.stage1_responded_on,
            extension=complaint.stage1_extension_days,
            now=now,
            # Escalated before stage 1 was answered: stage 2 now runs instead.
            stopped=_("Escalated before an answer") if complaint.escalated_on else withdrawn,
        )
    ]
    if complaint.escalated_on:
        stages.append(
            _stage_targets(
                stage=2,
                received_on=complaint.escalated_on,
                acknowledged_on=complaint.stage2_acknowledged_on,
                responded_on=complaint.stage2_responded_on,
                extension=complaint.stage2_extension_days,
                now=now,
                stopped=withdrawn,
            )
        )
    return [stage for stage in stages if stage]


def complaint_targets(complaint: Complaint, now: datetime) -> list[Target]:
    """Both stages against the Complaint Handling Code, with and without any extension."""
    return [target for stage in _complaint_stages(complaint, now) for target in stage]


def next_complaint_target(complaint: Complaint, now: datetime) -> Target | None:
    """The deadline the complaint works to now: acknowledge, else answer (as extended)."""
    stages = _complaint_stages(complaint, now)
    if not stages:
        return None
    acknowledge, answer = stages[-1][0], stages[-1][-1]
    return acknowledge if acknowledge.done is None else answer


def safety_check_target(check: SafetyCheck, now: datetime) -> Target:
    """The check done by its due date. A visit with no access is not a check done; a check not
    done stops counting once its home or block has a valid check of the kind (`safety`)."""
    no_access = check.outcome == SafetyCheck.Outcome.NO_ACCESS
    not_done = check.done_on is None or no_access
    covered = not_done and safety.is_covered(check, local_date(now))
    return Target(
        label=_("Carry out the check"),
        rule=_("by the due date"),
        due=check.due_on,
        done=None if no_access else check.done_on,
        unit="calendar_days",
        now=now,
        stopped=_("Covered by a valid check") if covered else "",
        note=_("No access on %(day)s.") % {"day": check.done_on.strftime("%d/%m/%Y")}
        if no_access and check.done_on
        else "",
    )
