"""Statutory and landlord timescales: complaints, Awaab's Law hazards and repair priorities.

The numbers are data (module constants and `Timescale` values), so a change of Code, of
regulations or of a landlord's repair scheme is a change of data, not of code. Working days
are counted by `tenantry.core.workingdays`; see docs/deadlines.md for each rule's source and
the choices made where REFERENCE.md is unsure or silent.

Every datetime must be timezone-aware. Clock hours are elapsed hours: 24 hours from 00:30 on
the Sunday the clocks go forward is 01:30 BST on the Monday. A "day" (for working and calendar
days) is a day in England, Europe/London time.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from tenantry.core.workingdays import add_working_days

LONDON = ZoneInfo("Europe/London")

TimeUnit = Literal["hours", "working_days", "calendar_days"]
_UNITS: tuple[TimeUnit, ...] = ("hours", "working_days", "calendar_days")
# A deadline counted in days falls at the end of the due day, England time.
END_OF_DAY = time(23, 59, 59)


def local_date(moment: datetime) -> date:
    """The date in England (Europe/London) at the instant `moment`."""
    return _aware(moment, "moment").astimezone(LONDON).date()


def _aware(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware: {moment!r} has no time zone")
    return moment


def _add_hours(moment: datetime, hours: int) -> datetime:
    # Arithmetic on a zoneinfo datetime is wall-clock arithmetic; go through UTC so that
    # "24 hours" means 24 elapsed hours across a clock change.
    return (moment.astimezone(UTC) + timedelta(hours=hours)).astimezone(LONDON)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), or the month's last day if it has no such day:
    two months from 31 December is 28 (or 29) February. Due the end of that day, like every
    deadline counted in days here."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Timescales -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timescale:
    """A number of clock hours, working days or calendar days: Timescale(5, "working_days")."""

    amount: int
    unit: TimeUnit

    def __post_init__(self) -> None:
        if self.unit not in _UNITS:
            raise ValueError(f"{self.unit!r} is not a unit: use one of {', '.join(_UNITS)}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"{self.amount!r} is not a timescale: give a whole number, 0 or more")

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}"

    def due_on(self, day: date) -> date:
        """The due day when counted from `day` (working or calendar days only)."""
        if self.unit == "working_days":
            return add_working_days(day, self.amount)
        if self.unit == "calendar_days":
            return day + timedelta(days=self.amount)
        raise ValueError("a timescale in hours has a due time, not a due day: use due()")

    def due(self, reported_at: datetime) -> datetime:
        """The deadline for something reported at `reported_at`, in Europe/London time."""
        _aware(reported_at, "reported_at")
        if self.unit == "hours":
            return _add_hours(reported_at, self.amount)
        # Days are counted from the day of the report; the whole due day counts.
        return datetime.combine(self.due_on(local_date(reported_at)), END_OF_DAY, tzinfo=LONDON)

    def met(self, reported_at: datetime, completed_at: datetime) -> bool:
        """Whether something reported at `reported_at` and done at `completed_at` met it."""
        _aware(completed_at, "completed_at")
        if completed_at < _aware(reported_at, "reported_at"):
            raise ValueError(f"completed at {completed_at} is before reported at {reported_at}")
        if self.unit == "hours":
            return completed_at <= self.due(reported_at)
        # Any time on the due day meets a timescale in days, to the last microsecond.
        return local_date(completed_at) <= self.due_on(local_date(reported_at))


# An example of a landlord's repair priorities. Each landlord's scheme is its own data (stored
# with the organisation); RP02 reports repairs completed within the landlord's own target.
EXAMPLE_REPAIR_PRIORITIES: dict[str, Timescale] = {
    "emergency": Timescale(24, "hours"),
    "urgent": Timescale(5, "working_days"),
    "routine": Timescale(20, "working_days"),
}


# --- Housing Ombudsman Complaint Handling Code (statutory from 1 April 2024) -------------------


@dataclass(frozen=True, slots=True)
class ComplaintTimescale:
    """The Code's limits for one stage, in working days."""

    acknowledge: int  # from receipt (stage 1) or the escalation request (stage 2)
    respond: int  # from acknowledgement
    extension: int  # the most further working days an extension may add


# Code: stage 1 acknowledge 5, respond 10, extend by no more than 10; stage 2 acknowledge 5,
# respond 20, extend by up to 20 (the regulator's CH02 return names both extensions).
COMPLAINT_TIMESCALES: dict[int, ComplaintTimescale] = {
    1: ComplaintTimescale(acknowledge=5, respond=10, extension=10),
    2: ComplaintTimescale(acknowledge=5, respond=20, extension=20),
}


@dataclass(frozen=True, slots=True)
class ComplaintDeadlines:
    """The Code's dates for one complaint at one stage."""

    stage: int
    received_on: date  # stage 2: the day the escalation was requested
    acknowledge_by: date
    respond_by: date
    respond_by_with_extension: date
    extension_working_days: int


def complaint_deadlines(
    stage: int,
    received_on: date,
    acknowledged_on: date | None = None,
    extension_working_days: int | None = None,
) -> ComplaintDeadlines:
    """The acknowledgement and response dates the Code sets for a complaint at `stage`."""
    limits = _complaint_limits(stage)
    if extension_working_days is None:
        extension_working_days = limits.extension  # the latest date the Code could allow
    if not 0 <= extension_working_days <= limits.extension:
        raise ValueError(
            f"the Code allows an extension of at most {limits.extension} working days at "
            f"stage {stage}, not {extension_working_days}"
        )
    if acknowledged_on is not None and acknowledged_on < received_on:
        raise ValueError(f"acknowledged on {acknowledged_on}, before receipt on {received_on}")
    acknowledge_by = add_working_days(received_on, limits.acknowledge)
    # The response is due N working days after acknowledgement. Before the acknowledgement
    # is made, and when it was late, count from the latest permitted acknowledgement, so a
    # late acknowledgement never earns the landlord more time (docs/deadlines.md).
    counted_from = (
        acknowledge_by if acknowledged_on is None else min(acknowledged_on, acknowledge_by)
    )
    respond_by = add_working_days(counted_from, limits.respond)
    return ComplaintDeadlines(
        stage=stage,
        received_on=received_on,
        acknowledge_by=acknowledge_by,
        respond_by=respond_by,
        respond_by_with_extension=add_working_days(respond_by, extension_working_days),
        extension_working_days=extension_working_days,
    )


def acknowledged_within_code(stage: int, received_on: date, acknowledged_on: date) -> bool:
    """Whether the acknowledgement came within the Code's 5 working days."""
    return (
        acknowledged_on <= complaint_deadlines(stage, received_on, acknowledged_on).acknowledge_by
    )


def answered_within_code(
    stage: int,
    received_on: date,
    acknowledged_on: date | None,
    responded_on: date,
    extension_working_days: int = 0,
) -> bool:
    """Whether the response met the Code's timescale, with the given extension (0: without)."""
    # CH02 is reported twice: without any extension (pass 0) and with the extension the
    # landlord applied to this complaint (pass its working days, up to the Code's limit).
    if responded_on < received_on:
        raise ValueError(f"responded on {responded_on}, before receipt on {received_on}")
    deadlines = complaint_deadlines(stage, received_on, acknowledged_on, extension_working_days)
    return responded_on <= deadlines.respond_by_with_extension


def _complaint_limits(stage: int) -> ComplaintTimescale:
    try:
        return COMPLAINT_TIMESCALES[stage]
    except KeyError:
        raise ValueError(
            f"{stage!r} is not a complaint stage: the Code has stages 1 and 2"
        ) from None


# --- Awaab's Law: Hazards in Social Housing (Prescribed Requirements) (England) Regs 2025 -------


class HazardStep(StrEnum):
    """A step Awaab's Law times."""

    MAKE_SAFE = "make_safe"  # emergency: investigate and make safe
    INVESTIGATE = "investigate"
    WRITTEN_SUMMARY = "written_summary"
    SAFETY_WORK = "safety_work"
    FURTHER_WORKS = "further_works"  # begun (or, when deferred, physically started)


# SI 2025/1042 came into force on 27 October 2025 for emergency hazards (every HHSRS hazard
# but crowding) and significant damp and mould. Later phases (2026, 2027) add significant
# hazards: each is one more entry here once its commencement date is known.
EMERGENCY_HAZARDS_IN_FORCE = date(2025, 10, 27)
SIGNIFICANT_HAZARDS_IN_FORCE: dict[str, date] = {"damp_and_mould": date(2025, 10, 27)}

# The regulations' timescales. MAKE_SAFE and INVESTIGATE run from becoming aware of the
# hazard; the others from the day the investigation concluded.
AWAABS_LAW_TIMESCALES: dict[HazardStep, Timescale] = {
    HazardStep.MAKE_SAFE: Timescale(24, "hours"),
    HazardStep.INVESTIGATE: Timescale(10, "working_days"),
    HazardStep.WRITTEN_SUMMARY: Timescale(3, "working_days"),
    HazardStep.SAFETY_WORK: Timescale(5, "working_days"),
    HazardStep.FURTHER_WORKS: Timescale(5, "working_days"),
}
# Further works that cannot begin within 5 working days must physically start within 12 weeks.
FURTHER_WORKS_LONGSTOP = Timescale(84, "calendar_days")

Severity = Literal["emergency", "significant"]


@dataclass(frozen=True, slots=True)
class HazardReport:
    """What is known of one hazard: the inputs to its Awaab's Law deadlines."""

    severity: Severity
    aware_at: datetime  # when the landlord became aware of the hazard
    kind: str = "damp_and_mould"  # for significant hazards: a key of SIGNIFICANT_HAZARDS_IN_FORCE
    made_safe_at: datetime | None = None  # emergency hazards
    investigation_concluded_on: date | None = None
    summary_sent_on: date | None = None
    safety_work_needed: bool = True
    safety_work_done_on: date | None = None
    further_works_needed: bool = True
    # Beginning further works within 5 working days was not possible: the 12-week longstop.
    further_works_deferred: bool = False
    further_works_started_on: date | None = None
    # When the work on the hazard was finished: a step with no date after then is not recorded.
    completed_at: datetime | None = None
    # Why a step has no date, as the landlord recorded it ("resident refused access").
    no_dates_reason: str = ""

    def __post_init__(self) -> None:
        if self.severity not in ("emergency", "significant"):
            raise ValueError(f"{self.severity!r} is not a severity: 'emergency' or 'significant'")
        _aware(self.aware_at, "aware_at")
        if self.made_safe_at is not None:
            _aware(self.made_safe_at, "made_safe_at")
        if self.completed_at is not None:
            _aware(self.completed_at, "completed_at")

    @property
    def done(self) -> dict[HazardStep, date | datetime]:
        """When each step was done, for the steps done so far."""
        done = {
            HazardStep.MAKE_SAFE: self.made_safe_at,
            HazardStep.INVESTIGATE: self.investigation_concluded_on,
            HazardStep.WRITTEN_SUMMARY: self.summary_sent_on,
            HazardStep.SAFETY_WORK: self.safety_work_done_on,
            HazardStep.FURTHER_WORKS: self.further_works_started_on,
        }
        return {step: moment for step, moment in done.items() if moment is not None}


def hazard_deadlines(hazard: HazardReport) -> dict[HazardStep, date | datetime]:
    """Each Awaab's Law step's deadline that the known dates fix (none before 27 Oct 2025)."""
    aware_on = local_date(hazard.aware_at)
    steps = AWAABS_LAW_TIMESCALES
    if hazard.severity == "emergency":
        # Investigate and make safe within 24 clock hours of becoming aware.
        if aware_on < EMERGENCY_HAZARDS_IN_FORCE:
            return {}
        return {HazardStep.MAKE_SAFE: steps[HazardStep.MAKE_SAFE].due(hazard.aware_at)}
    in_force = SIGNIFICANT_HAZARDS_IN_FORCE.get(hazard.kind)
    if in_force is None or aware_on < in_force:
        return {}  # not (yet) a hazard the regulations time, or reported before they applied
    due: dict[HazardStep, date | datetime] = {
        HazardStep.INVESTIGATE: steps[HazardStep.INVESTIGATE].due_on(aware_on),
    }
    concluded = hazard.investigation_concluded_on
    if concluded is None:
        return due  # the later steps run from the investigation's end, not yet known
    due[HazardStep.WRITTEN_SUMMARY] = steps[HazardStep.WRITTEN_SUMMARY].due_on(concluded)
    if hazard.safety_work_needed:
        due[HazardStep.SAFETY_WORK] = steps[HazardStep.SAFETY_WORK].due_on(concluded)
    if hazard.further_works_needed:
        further = (
            FURTHER_WORKS_LONGSTOP
            if hazard.further_works_deferred
            else steps[HazardStep.FURTHER_WORKS]
        )
        due[HazardStep.FURTHER_WORKS] = further.due_on(concluded)
    return due


StepState = Literal["met", "missed", "due", "overdue", "not_recorded"]


@dataclass(frozen=True, slots=True)
class StepStatus:
    """Where one Awaab's Law step stands at an instant."""

    step: HazardStep
    state: StepState
    due: date | datetime
    done: date | datetime | None = None  # the recorded date, when it counts at that instant
    reason: str = ""  # why no date was recorded, for a step not recorded


def _passed(due: date | datetime, at: datetime) -> bool:
    # A step due on a day may be done at any time that day.
    return at > due if isinstance(due, datetime) else local_date(at) > due


def _by(done: date | datetime, at: datetime) -> bool:
    return done <= at if isinstance(done, datetime) else done <= local_date(at)


def hazard_steps(hazard: HazardReport, at: datetime) -> list[StepStatus]:
    """Each Awaab's Law step of the hazard at the instant `at`: met, missed, due, overdue or not
    recorded. The one rule every page, list and count of hazard steps reads.

    Only a recorded date meets a step. A step with no date is due, then overdue, while the
    work goes on; once the work is finished and the deadline has passed it is not recorded,
    with the reason the landlord gave, never met. A date recorded after `at` does not count
    at `at`, so a past instant can be replayed.
    """
    _aware(at, "at")
    done_at = hazard.done
    finished = hazard.completed_at is not None and hazard.completed_at <= at
    statuses = []
    for step, due in hazard_deadlines(hazard).items():
        done = done_at.get(step)
        if done is not None and _by(done, at):
            statuses.append(StepStatus(step, "met" if done <= due else "missed", due, done))
        elif not _passed(due, at):
            statuses.append(StepStatus(step, "due", due))
        elif finished:
            statuses.append(StepStatus(step, "not_recorded", due, reason=hazard.no_dates_reason))
        else:
            statuses.append(StepStatus(step, "overdue", due))
    return statuses


def overdue_hazard_steps(hazard: HazardReport, at: datetime) -> list[HazardStep]:
    """The steps past their deadline with nothing to show for it at the instant `at`: overdue,
    or not recorded with no reason given."""
    return [
        s.step
        for s in hazard_steps(hazard, at)
        if s.state == "overdue" or (s.state == "not_recorded" and not s.reason)
    ]


def undated_steps(hazard: HazardReport) -> list[HazardStep]:
    """The steps of a hazard Awaab's Law times that have no date. Finishing the work needs
    each one's date, or a reason it was not recorded: completion says nothing of when the
    investigation, the summary or the safety work happened."""
    if not hazard_deadlines(hazard):
        return []
    if hazard.severity == "emergency":
        steps = [HazardStep.MAKE_SAFE]
    else:
        steps = [HazardStep.INVESTIGATE, HazardStep.WRITTEN_SUMMARY]
        steps += [HazardStep.SAFETY_WORK] if hazard.safety_work_needed else []
        steps += [HazardStep.FURTHER_WORKS] if hazard.further_works_needed else []
    done = hazard.done
    return [step for step in steps if step not in done]
