"""Reads about service records: lists, timelines, targets met or missed, and overdue work.

Targets are judged with `tenantry.core.deadlines` (the Complaint Handling Code, Awaab's Law and
each landlord's repair priorities) and counted in working days by `tenantry.core.workingdays`,
so a page, an indicator and the overdue list always agree on what "on time" means.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from django.db.models import Count, DateTimeField, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.deadlines import (
    EMERGENCY_HAZARDS_IN_FORCE,
    END_OF_DAY,
    LONDON,
    HazardReport,
    HazardStep,
    TimeUnit,
    complaint_deadlines,
    hazard_deadlines,
    local_date,
    overdue_hazard_steps,
)
from tenantry.core.periods import Period
from tenantry.core.workingdays import add_working_days, working_days_between
from tenantry.homes.models import Estate, Home, Household
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import current_agreement, services_delegated_to

from .kinds import KINDS
from .models import (
    AsbCase,
    Complaint,
    Record,
    Repair,
    RepairPriority,
    SafetyCheck,
    Void,
)

# --- Who keeps which records -------------------------------------------------------------------
# A landlord keeps every kind of record for the homes it manages itself. Another organisation
# keeps a kind only while a management agreement in force delegates the service behind it: a
# TMO that does not run repairs does not log or import repairs as if it were responsible for
# them. Records already kept stay readable whatever the agreement says now.

# The delegated service(s) behind each kind of record (any one of them is enough) are in the
# registry of kinds, `records.kinds.KINDS`.


def record_kinds_kept_by(*, organisation: Organisation, on: date | None = None) -> frozenset[str]:
    """The kinds of service record the organisation may add to and change on the day."""
    if organisation.is_landlord:
        return frozenset(KINDS)
    delegated = services_delegated_to(organisation=organisation, on=on)
    return frozenset(
        slug for slug, kind in KINDS.items() if not delegated.isdisjoint(kind.services)
    )


def may_keep_records_of(*, organisation: Organisation, kind: str, on: date | None = None) -> bool:
    """Whether the organisation may record or import this kind (homes and households are not
    service records: their own rules apply)."""
    if kind not in KINDS:
        return True
    return kind in record_kinds_kept_by(organisation=organisation, on=on)


def not_kept_because(
    *, organisation: Organisation, kind: str, doing: Literal["record", "import"]
) -> str:
    """Why the organisation may not record (or import) this kind, in one sentence."""
    words = {
        "organisation": organisation.name,
        "landlord": organisation.landlord.name if organisation.landlord_id else "",
        "service": KINDS[kind].service_words,
        "records": KINDS[kind].record_words,
    }
    in_force = current_agreement(organisation=organisation, on=timezone.localdate())
    if in_force is None or not words["landlord"]:
        sentences = {
            "import": _(
                "%(organisation)s has no management agreement in force, so it cannot "
                "import %(records)s."
            ),
            "record": _(
                "%(organisation)s has no management agreement in force, so it cannot "
                "record %(records)s."
            ),
        }
    else:
        sentences = {
            "import": _(
                "%(organisation)s does not run %(service)s under its agreement with "
                "%(landlord)s, so it cannot import %(records)s."
            ),
            "record": _(
                "%(organisation)s does not run %(service)s under its agreement with "
                "%(landlord)s, so it cannot record %(records)s."
            ),
        }
    return sentences[doing] % words


# --- Finding records ---------------------------------------------------------------------------


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in England."""
    return datetime.combine(day, time.min, tzinfo=LONDON)


def records_of(
    *,
    organisation: Organisation,
    model: type[Record],
    estate: Estate | None = None,
    estate_lookups: Iterable[str] = (),
    period: Period | None = None,
    date_field: str = "",
    where: Q | None = None,
) -> QuerySet:
    """An organisation's records of one kind, narrowed to an estate, a period and a condition."""
    records = model.objects.filter(organisation=organisation)
    if estate is not None:
        on_estate = Q()
        for lookup in estate_lookups:
            on_estate |= Q(**{lookup: estate})
        records = records.filter(on_estate)
    if period is not None:
        if isinstance(model._meta.get_field(date_field), DateTimeField):
            # A period is whole days in England: from its first midnight to the next one after it.
            records = records.filter(
                **{
                    f"{date_field}__gte": start_of_day(period.start),
                    f"{date_field}__lt": start_of_day(period.end + timedelta(days=1)),
                }
            )
        else:
            records = records.filter(**{f"{date_field}__range": (period.start, period.end)})
    if where is not None:
        records = records.filter(where)
    return records


def record_counts(*, organisation: Organisation, models: dict[str, type[Record]]) -> dict[str, int]:
    """How many records of each kind the organisation holds, in one query."""
    counts = {
        key: Coalesce(
            Subquery(
                model.objects.filter(organisation=OuterRef("pk"))
                .order_by()
                .values("organisation")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
        for key, model in models.items()
    }
    row = Organisation.objects.filter(pk=organisation.pk).values(**counts).get()
    return {key: row[key] for key in models}


def repair_priorities_of(*, organisation: Organisation) -> QuerySet[RepairPriority]:
    """The priorities of the repairs scheme the organisation works to: its landlord's."""
    scheme = organisation.pk if organisation.is_landlord else organisation.landlord_id
    return RepairPriority.objects.filter(landlord_id=scheme)


def estates_for_filter(*, organisation: Organisation) -> QuerySet[Estate]:
    """Estates of the organisation's landlord where it manages homes, by name."""
    homes = homes_of(organisation=organisation)
    return Estate.objects.filter(pk__in=homes.values("estate_id")).order_by("name")


def home_by_reference(*, organisation: Organisation, reference: str) -> list[Home]:
    """The homes the organisation manages today with this property reference (one, or none)."""
    return list(
        homes_of(organisation=organisation)
        .filter(reference__iexact=reference.strip())
        .select_related("estate")[:2]
    )


def household_by_reference(*, organisation: Organisation, reference: str) -> list[Household]:
    """Tenancies of homes the organisation manages with this reference (one, or more if shared)."""
    homes = homes_of(organisation=organisation)
    return list(
        Household.objects.filter(home__in=homes, reference__iexact=reference.strip())
        .select_related("home")
        .order_by("-started_on")[:2]
    )


def place_of(record: Record) -> str:
    """Where a record is about, in words: a home's address, a block or an estate."""
    household = getattr(record, "household", None)
    for place in (
        getattr(record, "home", None),
        household.home if household else None,
        getattr(record, "block", None),
        getattr(record, "estate", None),
    ):
        if place is not None:
            return str(place)
    return ""


# --- Targets -----------------------------------------------------------------------------------

State = Literal["met", "missed", "due", "overdue", "stopped"]
COLOURS: dict[str, str] = {
    "met": "green",
    "missed": "red",
    "overdue": "red",
    "due": "yellow",
    "stopped": "grey",
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

    @property
    def _now(self) -> date | datetime:
        return self.now if isinstance(self.due, datetime) else local_date(self.now)

    @property
    def state(self) -> State:
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


def repair_target(repair: Repair, now: datetime) -> Target:
    """The repair against the target time stored with it (`Repair.due_at`, the one RP02
    counts), saying so when its priority's target has changed since."""
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


def hazard_report(repair: Repair) -> tuple[HazardReport | None, set[HazardStep]]:
    """The repair's hazard as Awaab's Law sees it, and the steps whose dates were inferred.

    Significant hazards are timed as damp and mould, the only such hazard in force (since 27
    October 2025), whatever trade the repair was logged under. Once a repair is completed, a step
    with no recorded date cannot have happened later than completion, so the completion day
    stands in for it; the written summary to the resident must always be recorded.
    """
    if not repair.hazard:
        return None, set()
    completed_on = local_date(repair.completed_at) if repair.completed_at else None
    inferred: set[HazardStep] = set()

    def or_completion(step: HazardStep, value):
        if value is None and completed_on is not None:
            inferred.add(step)
            return repair.completed_at if step == HazardStep.MAKE_SAFE else completed_on
        return value

    investigated = local_date(repair.investigated_at) if repair.investigated_at else None
    report = HazardReport(
        severity=repair.hazard,
        aware_at=repair.reported_at,
        # Damp and mould is the only significant hazard in force, so a significant hazard is
        # timed as one whatever trade the repair was logged under (a leak causing mould, say).
        kind="damp_and_mould"
        if repair.trade == Repair.Trade.DAMP_MOULD or repair.hazard == Repair.Hazard.SIGNIFICANT
        else repair.trade,
        made_safe_at=or_completion(HazardStep.MAKE_SAFE, repair.made_safe_at)
        if repair.hazard == Repair.Hazard.EMERGENCY
        else None,
        investigation_concluded_on=or_completion(HazardStep.INVESTIGATE, investigated),
        summary_sent_on=repair.summary_sent_on,
        safety_work_done_on=or_completion(HazardStep.SAFETY_WORK, repair.safety_work_done_on),
        further_works_started_on=or_completion(
            HazardStep.FURTHER_WORKS, repair.further_works_started_on
        ),
    )
    return report, inferred


def hazard_targets(repair: Repair, now: datetime, only: Iterable[HazardStep] = ()) -> list[Target]:
    """Each Awaab's Law step the repair's hazard is timed against (`only` some, if given)."""
    report, inferred = hazard_report(repair)
    if report is None:
        return []
    done = report.done
    only = set(only)
    targets = []
    for step, due in hazard_deadlines(report).items():
        if only and step not in only:
            continue
        label, rule = _HAZARD_STEPS[step]
        targets.append(
            Target(
                label=label(),
                rule=rule(),
                due=due,
                done=done.get(step),
                unit="hours" if isinstance(due, datetime) else "working_days",
                now=now,
                note=_("No date was recorded: the completion date is used.")
                if step in inferred
                else "",
                group=_("Awaab's Law"),
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
    """The check done by its due date. A visit with no access is not a check done."""
    no_access = check.outcome == SafetyCheck.Outcome.NO_ACCESS
    return Target(
        label=_("Carry out the check"),
        rule=_("by the due date"),
        due=check.due_on,
        done=None if no_access else check.done_on,
        unit="calendar_days",
        now=now,
        note=_("No access on %(day)s.") % {"day": check.done_on.strftime("%d/%m/%Y")}
        if no_access and check.done_on
        else "",
    )


# --- Timelines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """Something that happened to a record, and when."""

    when: date | datetime
    label: str
    note: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def moment(self) -> datetime:
        return self.when if isinstance(self.when, datetime) else start_of_day(self.when)


def _in_order(events: Iterable[Event | None]) -> list[Event]:
    # Sorted by date; events on the same day keep the order the process runs in.
    return sorted((e for e in events if e is not None and e.when), key=lambda e: e.moment)


def _event(when, label: str, note: str = "") -> Event | None:
    return Event(when, label, note) if when else None


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "" if value is None else (yes if value else no)


def repair_timeline(repair: Repair) -> list[Event]:
    return _in_order(
        [
            _event(repair.reported_at, _("Reported")),
            _event(
                repair.appointment_at,
                _("Appointment"),
                _yes_no(repair.appointment_kept, _("Kept"), _("Not kept")),
            ),
            _event(repair.investigated_at, _("Hazard investigated")),
            _event(repair.made_safe_at, _("Made safe")),
            _event(repair.summary_sent_on, _("Written summary sent to the resident")),
            _event(repair.safety_work_done_on, _("Safety work done")),
            _event(repair.further_works_started_on, _("Further works started")),
            _event(
                repair.completed_at,
                _("Completed"),
                _yes_no(repair.right_first_time, _("Right first time"), _("Not right first time")),
            ),
        ]
    )


def void_timeline(void: Void) -> list[Event]:
    return _in_order(
        [
            _event(void.tenancy_ended_on, _("Tenancy ended"), void.get_reason_display()),
            _event(void.keys_returned_on, _("Keys returned")),
            _event(void.works_started_on, _("Works started")),
            _event(
                void.works_completed_on,
                _("Works completed"),
                _("Major works") if void.major_works else "",
            ),
            _event(void.ready_to_let_on, _("Ready to let")),
            _event(void.new_tenancy_started_on, _("New tenancy started")),
        ]
    )


def complaint_timeline(complaint: Complaint) -> list[Event]:
    def extended(days: int) -> str:
        return (
            ngettext("Extended by %(n)d working day", "Extended by %(n)d working days", days)
            % {"n": days}
            if days
            else ""
        )

    return _in_order(
        [
            _event(complaint.received_on, _("Received"), complaint.get_category_display()),
            _event(complaint.stage1_acknowledged_on, _("Acknowledged at stage 1")),
            _event(
                complaint.stage1_responded_on,
                _("Answered at stage 1"),
                extended(complaint.stage1_extension_days),
            ),
            _event(complaint.escalated_on, _("Escalated to stage 2")),
            _event(complaint.stage2_acknowledged_on, _("Acknowledged at stage 2")),
            _event(
                complaint.stage2_responded_on,
                _("Answered at stage 2"),
                extended(complaint.stage2_extension_days),
            ),
            _event(complaint.referred_to_ombudsman_on, _("Referred to the Housing Ombudsman")),
        ]
    )


def asb_timeline(case: AsbCase) -> list[Event]:
    return _in_order([_event(case.opened_on, _("Opened")), _event(case.closed_on, _("Closed"))])


def safety_check_timeline(check: SafetyCheck) -> list[Event]:
    return _in_order([_event(check.done_on, _("Visited"), check.get_outcome_display())])


# --- Overdue work ------------------------------------------------------------------------------

OVERDUE_SHOWN = 10
# Complaints show as their next Code deadline comes within this many working days.
COMPLAINT_WARNING_WORKING_DAYS = 2


@dataclass
class OverdueItem:
    kind: str  # the records page the item links to
    record: Record
    what: str
    where: str
    targets: list[Target]


@dataclass
class OverdueList:
    items: list[OverdueItem]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class OverdueWork:
    repairs: OverdueList
    complaints: OverdueList
    safety_checks: OverdueList
    hazards: OverdueList

    @property
    def total(self) -> int:
        lists = (self.repairs, self.complaints, self.safety_checks, self.hazards)
        return sum(each.total for each in lists)

    @property
    def sections(self) -> list[dict]:
        """Each list under its heading, with the records page (and filter) that holds them all."""
        return [
            {
                "title": _("Repairs past their target"),
                "list": self.repairs,
                "kind": "repairs",
                "query": "status=overdue",
            },
            {
                "title": _("Complaints due within 2 working days or late"),
                "list": self.complaints,
                "kind": "complaints",
                "query": "",
            },
            {
                "title": _("Safety checks out of date"),
                "list": self.safety_checks,
                "kind": "safety-checks",
                "query": "status=overdue",
            },
            {
                "title": _("Damp and mould hazards past an Awaab's Law step"),
                "list": self.hazards,
                "kind": "repairs",
                "query": "status=hazard",
            },
        ]


def _moment(due: date | datetime) -> datetime:
    """A deadline as the instant it passes, to put hours and days in one order."""
    return due if isinstance(due, datetime) else start_of_day(due + timedelta(days=1))


def overdue_repairs_q(*, now: datetime) -> Q:
    """Open repairs past their stored target time at `now`, as a filter. A repair due on a day
    is late from the day after: its target time is the end of that day."""
    end_of_today = datetime.combine(local_date(now), END_OF_DAY, tzinfo=LONDON)
    return Q(status=Repair.Status.OPEN, due_at__lt=now) & ~Q(due_at=end_of_today)


def open_complaints_q() -> Q:
    """Complaints waiting for an answer at their current stage, withdrawn ones aside."""
    return ~Q(outcome=Complaint.Outcome.WITHDRAWN) & (
        Q(escalated_on__isnull=True, stage1_responded_on__isnull=True)
        | Q(escalated_on__isnull=False, stage2_responded_on__isnull=True)
    )


def overdue_safety_checks_q(*, today: date) -> Q:
    """Checks past their due date and not done (a visit without access is not done)."""
    return Q(due_on__lt=today) & (
        Q(done_on__isnull=True) | Q(outcome=SafetyCheck.Outcome.NO_ACCESS)
    )


def _hazards_outstanding_q() -> Q:
    """Hazard repairs with some Awaab's Law step not yet recorded (none can be late otherwise)."""
    not_completed = Q(completed_at__isnull=True)
    return Q(reported_at__gte=start_of_day(EMERGENCY_HAZARDS_IN_FORCE)) & (
        Q(hazard=Repair.Hazard.EMERGENCY, made_safe_at__isnull=True) & not_completed
        | Q(hazard=Repair.Hazard.SIGNIFICANT)
        & (
            Q(summary_sent_on__isnull=True)
            | not_completed
            & (
                Q(investigated_at__isnull=True)
                | Q(safety_work_done_on__isnull=True)
                | Q(further_works_started_on__isnull=True)
            )
        )
    )


def overdue_work(*, organisation: Organisation, now: datetime) -> OverdueWork:
    """Repairs past target, complaints near or past a Code deadline, checks out of date and
    damp and mould hazards past an Awaab's Law step: at most 6 queries, whatever the numbers."""
    today = local_date(now)
    mine = Q(organisation=organisation)

    repairs = (
        Repair.objects.filter(mine & overdue_repairs_q(now=now))
        .select_related("priority", "home", "block")
        .order_by("reported_at")
    )
    # The oldest reports first from the database; of those, the earliest deadline first.
    repair_items = sorted(
        (
            OverdueItem("repairs", r, r.priority.name, place_of(r), [repair_target(r, now)])
            for r in repairs[:OVERDUE_SHOWN]
        ),
        key=lambda item: _moment(item.targets[0].due),
    )

    warn_by = add_working_days(today, COMPLAINT_WARNING_WORKING_DAYS)
    complaint_items = []
    for complaint in Complaint.objects.filter(mine & open_complaints_q()).select_related("home"):
        target = next_complaint_target(complaint, now)
        if target is not None and target.done is None and target.due <= warn_by:
            complaint_items.append(
                OverdueItem(
                    "complaints",
                    complaint,
                    complaint.get_category_display(),
                    place_of(complaint),
                    [target],
                )
            )
    complaint_items.sort(key=lambda item: item.targets[0].due)

    checks = (
        SafetyCheck.objects.filter(mine & overdue_safety_checks_q(today=today))
        .select_related("home", "block")
        .order_by("due_on")
    )
    check_items = [
        OverdueItem(
            "safety-checks",
            c,
            c.get_kind_display(),
            place_of(c),
            [safety_check_target(c, now)],
        )
        for c in checks[:OVERDUE_SHOWN]
    ]

    hazard_items = []
    for repair in Repair.objects.filter(mine & _hazards_outstanding_q()).select_related(
        "priority", "home", "block"
    ):
        report, _inferred = hazard_report(repair)
        steps = overdue_hazard_steps(report, now) if report else []
        if steps:
            hazard_items.append(
                OverdueItem(
                    "repairs",
                    repair,
                    repair.get_hazard_display(),
                    place_of(repair),
                    hazard_targets(repair, now, only=steps),
                )
            )
    hazard_items.sort(key=lambda item: item.record.reported_at)

    return OverdueWork(
        repairs=OverdueList(repair_items, repairs.count()),
        complaints=OverdueList(complaint_items[:OVERDUE_SHOWN], len(complaint_items)),
        safety_checks=OverdueList(check_items, checks.count()),
        hazards=OverdueList(hazard_items[:OVERDUE_SHOWN], len(hazard_items)),
    )


# --- Residents' pages -------------------------------------------------------------------------


def home_looked_after_by(*, organisation: Organisation, home: Home) -> bool:
    """Whether the organisation manages the home today."""
    return homes_of(organisation=organisation).filter(pk=home.pk).exists()


def repairs_to_home(*, organisation: Organisation, home: Home) -> QuerySet[Repair]:
    """The organisation's repairs to one home, newest first."""
    return (
        Repair.objects.filter(organisation=organisation, home=home)
        .select_related("priority")
        .order_by("-reported_at", "-pk")
    )


def complaints_made_by(*, organisation: Organisation, user) -> QuerySet[Complaint]:
    """The complaints a person made to the organisation themselves, newest first."""
    return Complaint.objects.filter(organisation=organisation, made_by=user).order_by(
        "-received_on", "-pk"
    )


@dataclass(frozen=True)
class RepairDue:
    """When a repair is due by its priority, and whether it is (or was finished) late."""

    at: date | datetime
    late: bool
    with_time: bool


def repair_due(*, repair: Repair, now: datetime) -> RepairDue:
    target = repair_target(repair, now)
    return RepairDue(
        at=target.due, late=target.state in ("missed", "overdue"), with_time=target.has_time
    )


def inspect_by(*, repair: Repair) -> date | None:
    """The day Awaab's Law says a hazard must be investigated by, if it times this one."""
    report, _inferred = hazard_report(repair)
    if report is None:
        return None
    due = hazard_deadlines(report).get(HazardStep.INVESTIGATE)
    return due if isinstance(due, date) and not isinstance(due, datetime) else None


def complaint_stage_deadlines(*, complaint: Complaint) -> dict:
    """The Code's dates for each stage reached, with the extension agreed (if any)."""
    stages = {1: (complaint.received_on, complaint.stage1_acknowledged_on,
                  complaint.stage1_extension_days)}  # fmt: skip
    if complaint.escalated_on:
        stages[2] = (
            complaint.escalated_on,
            complaint.stage2_acknowledged_on,
            complaint.stage2_extension_days,
        )
    deadlines = {}
    for stage, (received, acknowledged, extension) in stages.items():
        try:
            deadlines[stage] = complaint_deadlines(stage, received, acknowledged, extension)
        except ValueError:
            continue  # dates out of order (an import): no promise is shown
    return deadlines


# --- residents ---
# The priority a resident's report starts with. (The reads of a resident's own repairs and
# complaints are in "Residents' reports" above.)

from tenantry.organisations.models import Organisation  # noqa: E402

from .models import RepairPriority  # noqa: E402

# Roughly how long each unit lasts, only to put a landlord's priorities in order of urgency:
# a working day counts as 7/5 of a calendar day, because weekends are not worked.
_HOURS_IN = {
    RepairPriority.Unit.HOURS: 1,
    RepairPriority.Unit.WORKING_DAYS: 24 * 7 / 5,
    RepairPriority.Unit.CALENDAR_DAYS: 24,
}


def _approximate_hours(priority: RepairPriority) -> float:
    return priority.target_amount * _HOURS_IN[priority.target_unit]


def resident_starting_priority(*, landlord: Organisation, emergency: bool) -> RepairPriority | None:
    """The priority a resident's report starts with, until staff triage it.

    An emergency takes the landlord's quickest emergency priority (its quickest priority of any
    kind if none is marked emergency); anything else its routine priority, the longest
    non-emergency one, and staff bring a report forward when they triage it. None when the
    landlord has no repair priorities.
    """
    priorities = list(RepairPriority.objects.filter(landlord=landlord))
    if not priorities:
        return None
    if emergency:
        emergencies = [p for p in priorities if p.is_emergency]
        return min(emergencies or priorities, key=_approximate_hours)
    others = [p for p in priorities if not p.is_emergency]
    return max(others or priorities, key=_approximate_hours)
