"""Overdue work: what is late or about to be, for the staff home page and the records lists."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tenantry.core.deadlines import (
    EMERGENCY_HAZARDS_IN_FORCE,
    END_OF_DAY,
    LONDON,
    local_date,
    overdue_hazard_steps,
)
from tenantry.core.workingdays import add_working_days
from tenantry.organisations.models import Organisation

from .. import safety
from ..models import (
    Complaint,
    Record,
    Repair,
    SafetyCheck,
)
from .deadlines import (
    Target,
    hazard_targets,
    next_complaint_target,
    repair_target,
    safety_check_target,
)
from .finding import place_of, start_of_day

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
    as_at: datetime | None = None  # when it was gathered

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
    """Checks past their due date and not done, where the home or block has no valid check of
    the kind today: the one rule, in `records/safety.py`."""
    return safety.overdue_q(today=today)


def _hazards_outstanding_q() -> Q:
    """Hazard repairs with some Awaab's Law step undated and, once completed, no reason given
    (none can be past a step otherwise): `core.deadlines.hazard_steps` decides the rest."""
    unexplained = Q(completed_at__isnull=True) | Q(hazard_dates_reason="")
    return (
        Q(reported_at__gte=start_of_day(EMERGENCY_HAZARDS_IN_FORCE))
        & unexplained
        & (
            Q(hazard=Repair.Hazard.EMERGENCY, made_safe_at__isnull=True)
            | Q(hazard=Repair.Hazard.SIGNIFICANT)
            & (
                Q(investigated_at__isnull=True)
                | Q(summary_sent_on__isnull=True)
                | Q(safety_work_done_on__isnull=True)
                | Q(further_works_started_on__isnull=True)
            )
        )
    )


def overdue_work(*, organisation: Organisation, now: datetime) -> OverdueWork:
    """Repairs past target, complaints near or past a Code deadline, checks out of date and
    damp and mould hazards past an Awaab's Law step: at most 7 queries, whatever the numbers."""
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
        SafetyCheck.objects.filter(mine & safety.overdue_q(today=today))
        .annotate(covered=Value(False))  # overdue: no valid check at the place today
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
        report = repair.awaabs_law()
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
        as_at=now,
    )


# Gathering a large landlord's overdue work (hundreds of open complaints and hazards, each with
# its deadlines worked out) takes a hundred milliseconds or more, on every view of the two
# overviews that show it. So they keep it this long at most, and never past a change to the
# organisation's records (`forget_overdue_work`); the list says when it was gathered.
OVERDUE_KEPT_FOR = 60  # seconds


def _generation_key(organisation_id: int) -> str:
    return f"overdue-work-generation:{organisation_id}"


def recent_overdue_work(*, organisation: Organisation, now: datetime) -> OverdueWork:
    """`overdue_work`, as gathered within the last minute (in this language) unless the
    organisation's records changed since."""
    generation = cache.get(_generation_key(organisation.pk), 0)
    key = f"overdue-work:{organisation.pk}:{generation}:{get_language()}"
    work = cache.get(key)
    if work is None or work.as_at > now or work.as_at <= now - timedelta(seconds=OVERDUE_KEPT_FOR):
        work = overdue_work(organisation=organisation, now=now)
        cache.set(key, work, OVERDUE_KEPT_FOR)
    return work


def forget_overdue_work(*, organisation_ids, **_announced) -> None:
    """Records changed (`records.changes`): gather these organisations' overdue work afresh,
    once the change is committed (before, a page could keep the old list again)."""

    def forget():
        for organisation_id in organisation_ids:
            key = _generation_key(organisation_id)
            cache.set(key, cache.get(key, 0) + 1, None)

    transaction.on_commit(forget)
