"""Residents' pages: a resident's own repairs and complaints, and when to expect them."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from tenantry.core.deadlines import (
    HazardStep,
    complaint_deadlines,
    hazard_deadlines,
)
from tenantry.homes.models import Home
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation

from ..models import (
    Complaint,
    Repair,
)
from .deadlines import repair_target, triage_by
from .finding import repair_priorities_of


def home_looked_after_by(*, organisation: Organisation, home: Home) -> bool:
    """Whether the organisation manages the home today."""
    return homes_of(organisation=organisation).filter(pk=home.pk).exists()


def repairs_to_home(*, organisation: Organisation, home: Home) -> QuerySet[Repair]:
    """The organisation's repairs to one home, newest first."""
    return (
        Repair.objects.filter(organisation=organisation, home=home)
        .select_related("priority", "organisation")
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


def repair_due(*, repair: Repair, now: datetime) -> RepairDue | None:
    """None while the repair awaits triage: it has no target until it has a priority."""
    if repair.priority_id is None:
        return None
    target = repair_target(repair, now)
    return RepairDue(
        at=target.due, late=target.state in ("missed", "overdue"), with_time=target.has_time
    )


def look_at_by(*, repair: Repair) -> date | None:
    """The day staff will look at a report awaiting triage (`deadlines.triage_by`)."""
    return triage_by(repair) if repair.awaiting_triage else None


def with_progress(repair: Repair, now: datetime) -> Repair:
    """The repair with what its resident is told of its progress, on their pages and in their
    emails alike: when it will be looked at (and whether that day has gone by), when it will
    be fixed, when a hazard will be inspected."""
    repair.due = repair_due(repair=repair, now=now)
    repair.look_at_by = look_at_by(repair=repair)
    today = timezone.localtime(now).date()
    repair.look_at_late = repair.look_at_by is not None and repair.look_at_by < today
    repair.inspect_by = inspect_by(repair=repair)
    return repair


def inspect_by(*, repair: Repair) -> date | None:
    """The day Awaab's Law says a hazard must be investigated by, if it times this one."""
    report = repair.awaabs_law()
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


def may_ask_for_stage_two(*, complaint: Complaint, today: date) -> bool:
    """Whether the resident may escalate their complaint to stage 2 now.

    The Complaint Handling Code (2024) has exactly two stages: a resident who is not satisfied
    with the stage 1 answer may ask for stage 2. Tenantry also opens stage 2 once the stage 1
    answer is late (past the Code's date, with any extension agreed), so a resident is never
    left waiting on an answer that has not come. Not before, not twice, not once withdrawn.
    """
    if complaint.escalated_on or complaint.outcome == Complaint.Outcome.WITHDRAWN:
        return False
    if complaint.stage1_responded_on:
        return True
    stage_one = complaint_stage_deadlines(complaint=complaint).get(1)
    return stage_one is not None and today > stage_one.respond_by_with_extension


def repair_schemes_exist(*, organisation: Organisation) -> bool:
    """Whether the landlord's repair priorities are set up, so a report can be triaged."""
    return repair_priorities_of(organisation=organisation).exists()
