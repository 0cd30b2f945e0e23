"""Overdue work on the staff home page: what shows, when, and at what cost in queries."""

from datetime import date, datetime, timedelta

import pytest
from django.template.loader import render_to_string

from tenantry.core.deadlines import LONDON
from tenantry.records.models import Repair, SafetyCheck
from tenantry.records.selectors.deadlines import repair_target
from tenantry.records.selectors.overdue import (
    overdue_repairs_q,
    overdue_work,
    recent_overdue_work,
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


def _priority(cast, code: str, amount: int, unit: str):
    return RepairPriorityFactory(
        landlord=cast.landlord, code=code, name=code, target_amount=amount, target_unit=unit
    )


def test_an_urgent_repair_becomes_overdue_when_its_due_day_is_over(cast):
    # Reported Fri 19 Dec 2025, 5 working days: due Tue 30 Dec (Christmas and Boxing Day).
    urgent = _priority(cast, "U", 5, "working_days")
    repair = RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=urgent, reported_at=london(2025, 12, 19, 10)
    )
    last_minute = overdue_work(organisation=cast.tmo, now=london(2025, 12, 30, 23, 59))
    next_morning = overdue_work(organisation=cast.tmo, now=london(2025, 12, 31, 0, 1))
    assert last_minute.repairs.total == 0
    assert [item.record for item in next_morning.repairs.items] == [repair]
    assert next_morning.repairs.items[0].targets[0].text == "Overdue by 1 working day"


@pytest.mark.parametrize(
    ("amount", "unit"),
    [(24, "hours"), (5, "working_days"), (20, "working_days"), (7, "calendar_days")],
)
def test_the_overdue_filter_agrees_with_each_repairs_own_target(cast, amount, unit):
    # One repair reported at 09:30 on each day from 1 Nov 2025 to 10 Jan 2026, judged on
    # Mon 12 Jan 2026 at 09:00: the database filter and the target must name the same ones.
    priority = _priority(cast, "P", amount, unit)
    now = london(2026, 1, 12, 9, 0)
    day = date(2025, 11, 1)
    while day <= date(2026, 1, 12):
        RepairFactory(
            organisation=cast.tmo,
            home=cast.home,
            priority=priority,
            reported_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=LONDON),
        )
        day += timedelta(days=1)
    repairs = Repair.objects.filter(organisation=cast.tmo).select_related("priority")
    by_filter = set(repairs.filter(overdue_repairs_q(now=now)))
    by_target = {r for r in repairs if repair_target(r, now).state == "overdue"}
    assert by_filter == by_target
    assert 0 < len(by_filter) < repairs.count()


def test_completed_and_cancelled_repairs_are_never_overdue(cast):
    urgent = _priority(cast, "U", 5, "working_days")
    for status, completed_at in (
        (Repair.Status.COMPLETED, london(2026, 1, 2, 10)),
        (Repair.Status.CANCELLED, None),
    ):
        RepairFactory(
            organisation=cast.tmo,
            home=cast.home,
            priority=urgent,
            reported_at=london(2025, 12, 1, 10),
            status=status,
            completed_at=completed_at,
        )
    assert overdue_work(organisation=cast.tmo, now=london(2026, 2, 1, 9)).total == 0


def test_a_complaint_shows_two_working_days_before_its_deadline(cast):
    # Received Mon 1 Dec 2025, not acknowledged: acknowledge by Mon 8 Dec (Tue 2 ... Mon 8).
    # On Thu 4 Dec, 2 working days ahead is Mon 8: shown. On Wed 3 Dec (ahead: Fri 5): not yet.
    complaint = ComplaintFactory(organisation=cast.tmo, received_on=date(2025, 12, 1))
    assert overdue_work(organisation=cast.tmo, now=london(2025, 12, 3, 9)).complaints.total == 0
    shown = overdue_work(organisation=cast.tmo, now=london(2025, 12, 4, 9)).complaints.items
    assert [item.record for item in shown] == [complaint]
    assert shown[0].targets[0].label == "Acknowledge at stage 1"
    assert shown[0].targets[0].text == "Due in 2 working days"


def test_an_answered_or_withdrawn_complaint_is_not_overdue_work(cast):
    ComplaintFactory(
        organisation=cast.tmo,
        received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 2),
        stage1_responded_on=date(2025, 12, 10),
    )
    ComplaintFactory(organisation=cast.tmo, received_on=date(2025, 12, 1), outcome="withdrawn")
    assert overdue_work(organisation=cast.tmo, now=london(2026, 2, 1, 9)).complaints.total == 0


def test_an_acknowledged_complaint_counts_down_to_its_extended_answer(cast):
    # Acknowledged Tue 2 Dec 2025: answer within 10 working days, Tue 16 Dec; extended by 5:
    # Wed 17, Thu 18, Fri 19, Mon 22, Tue 23 Dec. On Mon 22 Dec it is 1 working day away.
    ComplaintFactory(
        organisation=cast.tmo,
        received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 2),
        stage1_extension_days=5,
    )
    [item] = overdue_work(organisation=cast.tmo, now=london(2025, 12, 22, 9)).complaints.items
    assert item.targets[0].due == date(2025, 12, 23)
    assert item.targets[0].text == "Due in 1 working day"


def test_safety_checks_past_due_and_not_done_are_overdue(cast):
    late = SafetyCheckFactory(organisation=cast.tmo, home=cast.home, due_on=date(2026, 1, 31))
    no_access = SafetyCheckFactory(
        organisation=cast.tmo,
        home=cast.home,
        due_on=date(2026, 1, 20),
        done_on=date(2026, 1, 19),
        outcome=SafetyCheck.Outcome.NO_ACCESS,
    )
    SafetyCheckFactory(  # done, if late: no longer overdue work (another kind: no cover)
        organisation=cast.tmo,
        home=cast.home,
        kind="water",
        due_on=date(2026, 1, 10),
        done_on=date(2026, 1, 12),
        outcome=SafetyCheck.Outcome.SATISFACTORY,
    )
    SafetyCheckFactory(organisation=cast.tmo, home=cast.home, due_on=date(2026, 2, 1))  # today
    checks = overdue_work(organisation=cast.tmo, now=london(2026, 2, 1, 9)).safety_checks
    assert [item.record for item in checks.items] == [no_access, late]
    assert [item.targets[0].text for item in checks.items] == [
        "Overdue by 12 days",
        "Overdue by 1 day",
    ]


def test_a_damp_and_mould_hazard_past_an_awaabs_law_step_is_overdue_work(cast):
    # Reported Mon 3 Nov 2025: investigate by Mon 17 Nov (10 working days).
    urgent = _priority(cast, "U", 20, "working_days")
    hazard = RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=urgent,
        reported_at=london(2025, 11, 3, 10),
        trade=Repair.Trade.DAMP_MOULD,
        hazard=Repair.Hazard.SIGNIFICANT,
    )
    assert overdue_work(organisation=cast.tmo, now=london(2025, 11, 17, 18)).hazards.total == 0
    [item] = overdue_work(organisation=cast.tmo, now=london(2025, 11, 18, 9)).hazards.items
    assert item.record == hazard
    assert [(t.label, t.text) for t in item.targets] == [
        ("Investigate", "Overdue by 1 working day")
    ]


def test_damp_reported_under_another_trade_is_timed_as_damp_and_mould(cast):
    # A leak that has caused mould: logged as plumbing, flagged as a significant hazard.
    # Reported Mon 3 Nov 2025, so the investigation was due Mon 17 Nov.
    urgent = _priority(cast, "U", 20, "working_days")
    leak = RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=urgent,
        reported_at=london(2025, 11, 3, 10),
        trade=Repair.Trade.PLUMBING,
        hazard=Repair.Hazard.SIGNIFICANT,
    )
    [item] = overdue_work(organisation=cast.tmo, now=london(2025, 11, 18, 9)).hazards.items
    assert item.record == leak


def test_another_organisations_overdue_work_is_not_shown(cast):
    urgent = _priority(cast, "U", 5, "working_days")
    RepairFactory(organisation=cast.other_tmo, reported_at=london(2025, 1, 6, 10))
    ComplaintFactory(organisation=cast.other_tmo, received_on=date(2025, 1, 6))
    SafetyCheckFactory(organisation=cast.other_tmo, due_on=date(2025, 1, 6))
    RepairFactory(organisation=cast.tmo, home=cast.home, priority=urgent)  # not late yet
    assert overdue_work(organisation=cast.tmo, now=london(2025, 12, 22, 9)).total == 0


def _lots_overdue(cast, n: int) -> None:
    urgent = _priority(cast, "U", 5, "working_days")
    for _ in range(n):
        RepairFactory(
            organisation=cast.tmo,
            home=cast.home,
            priority=urgent,
            reported_at=london(2025, 11, 3, 10),
            trade=Repair.Trade.DAMP_MOULD,
            hazard=Repair.Hazard.SIGNIFICANT,
        )
        ComplaintFactory(organisation=cast.tmo, received_on=date(2025, 11, 3))
        SafetyCheckFactory(organisation=cast.tmo, home=cast.home, due_on=date(2025, 11, 3))


@pytest.mark.parametrize("n", [1, 15])
def test_overdue_work_takes_seven_queries_however_much_is_late(cast, n, django_assert_num_queries):
    _lots_overdue(cast, n)
    # Repairs counted and the first shown (by their stored target times); complaints; the
    # check intervals in force, checks counted and the first shown; hazards.
    with django_assert_num_queries(7):
        work = overdue_work(organisation=cast.tmo, now=london(2026, 1, 12, 9))
    assert (work.repairs.total, work.complaints.total, work.safety_checks.total) == (n, n, n)
    assert work.hazards.total == n
    assert len(work.repairs.items) == min(n, 10)


def test_the_fragment_links_each_overdue_record_and_says_how_late_in_words(cast):
    _lots_overdue(cast, 12)
    work = overdue_work(organisation=cast.tmo, now=london(2026, 1, 12, 9))
    html = render_to_string(
        "records/staff/overdue.html", {"overdue": work, "organisation": cast.tmo}
    )
    repair = work.repairs.items[0].record
    assert f"/o/kingsmead/records/repairs/{repair.pk}/" in html
    assert "Repairs past their target: 12" in html
    assert 'class="govuk-tag govuk-tag--red">Overdue by' in html
    assert "And 2 more" in html and "/o/kingsmead/records/repairs/?status=overdue" in html


def test_the_fragment_says_plainly_when_nothing_is_overdue(cast):
    work = overdue_work(organisation=cast.tmo, now=london(2026, 1, 12, 9))
    html = render_to_string(
        "records/staff/overdue.html", {"overdue": work, "organisation": cast.tmo}
    )
    assert "Nothing is overdue" in html


def test_the_overviews_keep_overdue_work_a_minute_and_gather_it_again_after_a_change(
    cast, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from tenantry.records import services

    _lots_overdue(cast, 2)
    now = london(2026, 1, 12, 9)
    first = recent_overdue_work(organisation=cast.tmo, now=now)
    with django_assert_num_queries(0):
        kept = recent_overdue_work(organisation=cast.tmo, now=now + timedelta(seconds=59))
    assert kept.as_at == now and kept.repairs.total == 2

    # A minute on, gathered again (deadlines pass with time, unannounced).
    later = recent_overdue_work(organisation=cast.tmo, now=now + timedelta(seconds=60))
    assert later.as_at == now + timedelta(seconds=60)

    # A change to the records through a service: gathered afresh at once, once committed.
    repair = first.repairs.items[0].record
    repair.status, repair.completed_at = Repair.Status.COMPLETED, now
    repair.hazard_dates_reason = "Recorded on the paper job sheet"
    with django_capture_on_commit_callbacks(execute=True):
        services.change_record(record=repair, by=cast.people["staff"])
    fresh = recent_overdue_work(organisation=cast.tmo, now=now + timedelta(seconds=61))
    assert fresh.repairs.total == 1

    # Another organisation's change does not throw away this one's.
    other = RepairFactory(organisation=cast.other_tmo)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_record(record=other, by=None)
    with django_assert_num_queries(0):
        recent_overdue_work(organisation=cast.tmo, now=now + timedelta(seconds=62))


def test_overdue_work_kept_in_english_is_not_shown_in_welsh(cast):
    from django.utils import translation

    _lots_overdue(cast, 1)
    now = london(2026, 1, 12, 9)
    english = recent_overdue_work(organisation=cast.tmo, now=now)
    with translation.override("cy"):
        welsh = recent_overdue_work(organisation=cast.tmo, now=now)
    assert welsh is not english and welsh.repairs.items[0].targets[0].label != (
        english.repairs.items[0].targets[0].label
    )


def test_the_intervals_in_force_are_read_once_and_again_after_a_requirement_changes(
    cast, django_assert_num_queries
):
    from tenantry.records.models import SafetyKind, SafetyRequirement
    from tenantry.records.safety import intervals_in_use

    day = date(2026, 1, 12)
    requirement = SafetyRequirement.objects.create(
        organisation=cast.tmo, kind=SafetyKind.GAS, interval_months=12, home=cast.home,
        required_from=date(2020, 1, 1),
    )  # fmt: skip
    assert (SafetyKind.GAS, 12) in intervals_in_use(day)
    with django_assert_num_queries(0):
        assert (SafetyKind.GAS, 12) in intervals_in_use(day)

    requirement.interval_months = 6  # through the admin: a save, so read again
    requirement.save()
    assert (SafetyKind.GAS, 6) in intervals_in_use(day)
    assert (SafetyKind.GAS, 12) not in intervals_in_use(day)
