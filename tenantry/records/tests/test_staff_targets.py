"""Whether each record met its target, as the staff pages say it.

Expected dates are worked out by hand; each comment shows the count. Bank holidays met on the
way: Thu 25 and Fri 26 Dec 2025, Thu 1 Jan 2026.
"""

from datetime import date, datetime

import pytest

from tenantry.core.deadlines import LONDON
from tenantry.records.models import Complaint, Repair, SafetyCheck
from tenantry.records.selectors.deadlines import (
    complaint_targets,
    hazard_targets,
    next_complaint_target,
    repair_target,
    safety_check_target,
)
from tenantry.records.tests.factories import (
    ComplaintFactory,
    RepairFactory,
    RepairPriorityFactory,
    SafetyCheckFactory,
)

pytestmark = pytest.mark.django_db


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


FRIDAY_BEFORE_CHRISTMAS = london(2025, 12, 19, 10, 0)


def _urgent_repair(cast, **fields) -> Repair:
    urgent = RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5, target_unit="working_days"
    )
    fields.setdefault("reported_at", FRIDAY_BEFORE_CHRISTMAS)
    return RepairFactory(organisation=cast.tmo, home=cast.home, priority=urgent, **fields)


def test_urgent_repair_reported_the_friday_before_christmas_is_due_tuesday_30_december(cast):
    # Mon 22 = 1, Tue 23 = 2, Wed 24 = 3; Christmas and Boxing Day; Mon 29 = 4, Tue 30 = 5.
    repair = _urgent_repair(cast)
    assert repair_target(repair, now=london(2025, 12, 22, 9, 0)).due == date(2025, 12, 30)


def test_a_repair_completed_on_its_due_day_met_its_target(cast):
    repair = _urgent_repair(
        cast, status=Repair.Status.COMPLETED, completed_at=london(2025, 12, 30, 16, 45)
    )
    target = repair_target(repair, now=london(2026, 1, 5, 9, 0))
    assert (target.state, target.text, target.colour) == ("met", "Met", "green")


def test_a_repair_completed_after_new_year_missed_its_target_by_two_working_days(cast):
    # Due Tue 30 Dec. Wed 31 = 1; Thu 1 Jan bank holiday; Fri 2 Jan = 2.
    repair = _urgent_repair(
        cast, status=Repair.Status.COMPLETED, completed_at=london(2026, 1, 2, 11, 0)
    )
    target = repair_target(repair, now=london(2026, 1, 5, 9, 0))
    assert (target.state, target.text, target.colour) == (
        "missed",
        "Missed by 2 working days",
        "red",
    )


def test_an_open_repair_says_how_many_working_days_are_left(cast):
    # On Wed 24 Dec, due Tue 30: Christmas and Boxing Day and the weekend don't count.
    # Mon 29 = 1, Tue 30 = 2.
    target = repair_target(_urgent_repair(cast), now=london(2025, 12, 24, 12, 0))
    assert (target.state, target.text, target.colour) == (
        "due",
        "Due in 2 working days",
        "yellow",
    )


def test_an_open_repair_on_its_due_day_is_due_today(cast):
    target = repair_target(_urgent_repair(cast), now=london(2025, 12, 30, 23, 59))
    assert target.text == "Due today"


def test_an_open_repair_past_its_target_is_overdue_in_working_days(cast):
    # Due Tue 30 Dec; on Mon 5 Jan: Wed 31 = 1, Fri 2 = 2, Mon 5 = 3.
    target = repair_target(_urgent_repair(cast), now=london(2026, 1, 5, 8, 0))
    assert (target.state, target.text, target.colour) == (
        "overdue",
        "Overdue by 3 working days",
        "red",
    )


def test_late_only_by_a_weekend_says_so_in_calendar_days(cast):
    # Reported Fri 28 Nov 2025, 5 working days: Mon 1 = 1 ... Fri 5 Dec = 5. Done on Sat 6 Dec:
    # not one working day later, but one calendar day later.
    repair = _urgent_repair(
        cast,
        reported_at=london(2025, 11, 28, 9, 0),
        status=Repair.Status.COMPLETED,
        completed_at=london(2025, 12, 6, 10, 0),
    )
    target = repair_target(repair, now=london(2025, 12, 8, 9, 0))
    assert target.due == date(2025, 12, 5)
    assert target.text == "Missed by 1 day"


def test_an_emergency_repair_is_timed_in_clock_hours(cast):
    emergency = RepairPriorityFactory(
        landlord=cast.landlord, code="E", name="Emergency", target_amount=24, target_unit="hours"
    )
    repair = RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=emergency,
        reported_at=FRIDAY_BEFORE_CHRISTMAS,
        status=Repair.Status.COMPLETED,
        completed_at=london(2025, 12, 20, 12, 30),  # 2 hours 30 minutes after 10:00 Saturday
    )
    target = repair_target(repair, now=london(2025, 12, 22, 9, 0))
    assert target.due == london(2025, 12, 20, 10, 0)
    assert target.text == "Missed by 3 hours"


def test_a_cancelled_repair_has_no_clock_running(cast):
    target = repair_target(
        _urgent_repair(cast, status=Repair.Status.CANCELLED), now=london(2026, 3, 1, 9, 0)
    )
    assert (target.state, target.text, target.colour) == ("stopped", "Cancelled", "grey")


def test_complaint_answered_late_without_its_extension_but_in_time_with_it(cast):
    # Received Fri 19 Dec 2025, acknowledged Mon 22 Dec (within 5 working days: due Tue 30).
    # Answer within 10 working days of Mon 22 Dec: Tue 23 = 1, Wed 24 = 2, Mon 29 = 3,
    # Tue 30 = 4, Wed 31 = 5, Fri 2 = 6, Mon 5 = 7, Tue 6 = 8, Wed 7 = 9, Thu 8 Jan = 10.
    # A 5-working-day extension: Fri 9 = 1, Mon 12 = 2 ... Thu 15 Jan = 5.
    # Answered Mon 12 Jan: 2 working days late without the extension, in time with it.
    complaint = ComplaintFactory(
        organisation=cast.tmo,
        received_on=date(2025, 12, 19),
        stage1_acknowledged_on=date(2025, 12, 22),
        stage1_extension_days=5,
        stage1_responded_on=date(2026, 1, 12),
    )
    acknowledge, without, extended = complaint_targets(complaint, now=london(2026, 1, 20, 9))
    assert (acknowledge.due, acknowledge.text) == (date(2025, 12, 30), "Met")
    assert (without.due, without.text) == (date(2026, 1, 8), "Missed by 2 working days")
    assert (extended.due, extended.text) == (date(2026, 1, 15), "Met")


def test_escalated_complaint_is_timed_at_stage_2_from_the_escalation(cast):
    # Escalated Mon 2 Feb 2026: acknowledge by Mon 9 Feb (5 working days). Acknowledged
    # Wed 4 Feb; answer within 20 working days of it: Thu 5 = 1 ... Wed 4 Mar = 20.
    complaint = ComplaintFactory(
        organisation=cast.tmo,
        received_on=date(2026, 1, 5),
        stage1_acknowledged_on=date(2026, 1, 6),
        stage1_responded_on=date(2026, 1, 19),
        escalated_on=date(2026, 2, 2),
        stage2_acknowledged_on=date(2026, 2, 4),
    )
    now = london(2026, 3, 2, 9, 0)  # Mon 2 Mar: Tue 3 = 1, Wed 4 = 2
    stage_2 = [t for t in complaint_targets(complaint, now) if t.group == "Stage 2"]
    assert [(t.due, t.text) for t in stage_2] == [
        (date(2026, 2, 9), "Met"),
        (date(2026, 3, 4), "Due in 2 working days"),
    ]
    assert next_complaint_target(complaint, now).due == date(2026, 3, 4)


def test_a_withdrawn_complaint_stops_its_clock(cast):
    complaint = ComplaintFactory(
        organisation=cast.tmo, received_on=date(2025, 12, 1), outcome=Complaint.Outcome.WITHDRAWN
    )
    target = next_complaint_target(complaint, now=london(2026, 1, 20, 9))
    assert (target.state, target.text) == ("stopped", "Withdrawn")


def test_safety_check_done_after_its_due_date_missed_by_calendar_days(cast):
    check = SafetyCheckFactory(
        organisation=cast.tmo,
        home=cast.home,
        due_on=date(2026, 1, 31),
        done_on=date(2026, 2, 2),
        outcome=SafetyCheck.Outcome.SATISFACTORY,
    )
    assert safety_check_target(check, now=london(2026, 2, 3, 9)).text == "Missed by 2 days"


def test_a_visit_with_no_access_is_not_a_check_done(cast):
    check = SafetyCheckFactory(
        organisation=cast.tmo,
        home=cast.home,
        due_on=date(2026, 1, 31),
        done_on=date(2026, 1, 30),
        outcome=SafetyCheck.Outcome.NO_ACCESS,
    )
    target = safety_check_target(check, now=london(2026, 2, 5, 9))
    assert (target.state, target.text) == ("overdue", "Overdue by 5 days")
    assert "No access on 30/01/2026" in target.note


def _damp(cast, **fields) -> Repair:
    fields.setdefault("reported_at", london(2025, 11, 3, 10, 0))  # a Monday, Awaab's Law in force
    return _urgent_repair(
        cast, trade=Repair.Trade.DAMP_MOULD, hazard=Repair.Hazard.SIGNIFICANT, **fields
    )


def test_damp_and_mould_must_be_investigated_within_10_working_days(cast):
    # Reported Mon 3 Nov 2025: Tue 4 = 1 ... Fri 7 = 4, Mon 10 = 5 ... Fri 14 = 9, Mon 17 = 10.
    [investigate] = hazard_targets(_damp(cast), now=london(2025, 11, 18, 9, 0))
    assert (investigate.label, investigate.due) == ("Investigate", date(2025, 11, 17))
    assert investigate.text == "Overdue by 1 working day"


def test_after_the_investigation_the_summary_and_safety_work_have_their_own_deadlines(cast):
    # Investigation ended Fri 14 Nov: written summary within 3 working days (Wed 19 Nov),
    # safety work and further works within 5 (Fri 21 Nov).
    repair = _damp(
        cast,
        investigated_at=london(2025, 11, 14, 15, 0),
        summary_sent_on=date(2025, 11, 18),
    )
    targets = {t.label: t for t in hazard_targets(repair, now=london(2025, 11, 20, 9, 0))}
    assert targets["Send the resident a written summary"].due == date(2025, 11, 19)
    assert targets["Send the resident a written summary"].text == "Met"
    assert targets["Do the safety work"].due == date(2025, 11, 21)
    assert targets["Do the safety work"].text == "Due in 1 working day"


def test_hazards_reported_before_awaabs_law_began_are_not_timed_by_it(cast):
    repair = _damp(cast, reported_at=london(2025, 10, 20, 10, 0))
    assert hazard_targets(repair, now=london(2025, 12, 1, 9, 0)) == []


def test_an_emergency_hazard_must_be_made_safe_within_24_hours(cast):
    repair = _urgent_repair(
        cast,
        reported_at=london(2025, 11, 3, 10, 0),
        hazard=Repair.Hazard.EMERGENCY,
        made_safe_at=london(2025, 11, 4, 9, 0),
    )
    [make_safe] = hazard_targets(repair, now=london(2025, 11, 5, 9, 0))
    assert (make_safe.due, make_safe.text) == (london(2025, 11, 4, 10, 0), "Met")
