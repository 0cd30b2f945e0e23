"""Residents' pages: a resident's own repairs and complaints, and when to expect them."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

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
    RepairPriority,
)
from .deadlines import repair_target


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


# The priority a resident's report starts with. (The reads of a resident's own repairs and
# complaints are in "Residents' reports" above.)


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
