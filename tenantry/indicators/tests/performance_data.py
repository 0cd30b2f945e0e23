"""Small hand-worked records for the performance page tests.

In 2025/26 Kingsmead TMO completed five emergency repairs (target 24 hours): four within the
target and one late, so RP02-2 is 4 of 5 = 80%. In 2024/25 it completed two: one on time and
one late, 1 of 2 = 50%. It completed no non-emergency repairs in either year, so RP02-1 has no
figure (never 0).
"""

from datetime import datetime, timedelta

from tenantry.core.deadlines import LONDON
from tenantry.core.periods import financial_year
from tenantry.indicators.services.results import compute_results
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

YEAR = financial_year("2025/26")
LAST_YEAR = financial_year("2024/25")


def emergency_priority(cast):
    return RepairPriorityFactory(
        landlord=cast.landlord, code="E", name="Emergency", target_amount=24,
        target_unit="hours", is_emergency=True,
    )  # fmt: skip


def repair(cast, *, reported: datetime, hours: int, priority, reference: str, **more) -> Repair:
    """A responsive repair completed `hours` after it was reported."""
    return RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=priority, reference=reference,
        reported_at=reported, completed_at=reported + timedelta(hours=hours),
        status=Repair.Status.COMPLETED, **more,
    )  # fmt: skip


def hand_worked_repairs(cast) -> dict[str, Repair]:
    """The repairs above, by reference; the late one of 2025/26 is "REP-LATE"."""
    emergency = emergency_priority(cast)
    made = {}
    for day, hours in ((2, 3), (3, 10), (4, 20), (5, 23)):
        reference = f"REP-ONTIME-{day}"
        made[reference] = repair(
            cast, reported=datetime(2025, 6, day, 9, tzinfo=LONDON), hours=hours,
            priority=emergency, reference=reference,
        )  # fmt: skip
    made["REP-LATE"] = repair(
        cast, reported=datetime(2025, 7, 1, 9, tzinfo=LONDON), hours=30, priority=emergency,
        reference="REP-LATE",
    )  # fmt: skip
    made["REP-OLD-1"] = repair(
        cast, reported=datetime(2024, 5, 1, 9, tzinfo=LONDON), hours=2, priority=emergency,
        reference="REP-OLD-1",
    )  # fmt: skip
    made["REP-OLD-2"] = repair(
        cast, reported=datetime(2024, 5, 2, 9, tzinfo=LONDON), hours=40, priority=emergency,
        reference="REP-OLD-2",
    )  # fmt: skip
    return made


def computed(cast) -> dict[str, Repair]:
    """The repairs, with both years' results worked out for the TMO and its landlord."""
    made = hand_worked_repairs(cast)
    for period in (YEAR, LAST_YEAR):
        compute_results(organisation=cast.landlord, period=period)
    return made
