"""Complaint Handling Code, Awaab's Law and repair-priority deadlines.

Expected dates are worked out by hand; each comment shows the count. Bank holidays met on the
way: 25 and 26 Dec 2025, 1 Jan 2026, Good Friday 3 Apr and Easter Monday 6 Apr 2026, early
May 4 May and spring 25 May 2026.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from tenantry.core.deadlines import (
    COMPLAINT_TIMESCALES,
    EXAMPLE_REPAIR_PRIORITIES,
    LONDON,
    SIGNIFICANT_HAZARDS_IN_FORCE,
    ComplaintDeadlines,
    ComplaintTimescale,
    HazardReport,
    HazardStep,
    Timescale,
    acknowledged_within_code,
    add_months,
    answered_within_code,
    complaint_deadlines,
    hazard_deadlines,
    overdue_hazard_steps,
)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def elapsed(start: datetime, end: datetime) -> timedelta:
    # Subtracting two datetimes that share a zoneinfo ignores the clock change: go via UTC.
    return end.astimezone(UTC) - start.astimezone(UTC)


# --- Complaint Handling Code -----------------------------------------------------------------


def test_stage_1_dates_before_acknowledgement_count_from_the_latest_permitted_acknowledgement():
    # Received Fri 19 Dec 2025. Acknowledge within 5: Mon 22, Tue 23, Wed 24 = 1-3; 25-26 Dec
    # bank holidays; Mon 29 = 4, Tue 30 Dec = 5.
    # Respond within 10 of Tue 30 Dec: Wed 31 = 1; Thu 1 Jan bank holiday; Fri 2 = 2,
    # Mon 5 = 3, Tue 6 = 4, Wed 7 = 5, Thu 8 = 6, Fri 9 = 7, Mon 12 = 8, Tue 13 = 9, Wed 14 = 10.
    # Extension of 10 more: Thu 15, Fri 16, Mon 19-Fri 23, Mon 26, Tue 27, Wed 28 Jan = 10.
    assert complaint_deadlines(1, date(2025, 12, 19)) == ComplaintDeadlines(
        stage=1,
        received_on=date(2025, 12, 19),
        acknowledge_by=date(2025, 12, 30),
        respond_by=date(2026, 1, 14),
        respond_by_with_extension=date(2026, 1, 28),
        extension_working_days=10,
    )


def test_stage_1_response_counts_from_the_actual_acknowledgement():
    # Acknowledged Mon 22 Dec 2025. Tue 23 = 1, Wed 24 = 2; 25-26 Dec bank holidays; Mon 29 = 3,
    # Tue 30 = 4, Wed 31 = 5; 1 Jan; Fri 2 = 6, Mon 5 = 7, Tue 6 = 8, Wed 7 = 9, Thu 8 Jan = 10.
    deadlines = complaint_deadlines(1, date(2025, 12, 19), acknowledged_on=date(2025, 12, 22))
    assert deadlines.acknowledge_by == date(2025, 12, 30)
    assert deadlines.respond_by == date(2026, 1, 8)


def test_a_late_acknowledgement_does_not_give_more_time_to_respond():
    # Received Fri 19 Dec 2025, acknowledge by Tue 30 Dec, acknowledged late on Fri 2 Jan 2026.
    # The response still counts from Tue 30 Dec: Wed 14 Jan (not Fri 16 Jan, which 10 working
    # days from Fri 2 Jan would give).
    deadlines = complaint_deadlines(1, date(2025, 12, 19), acknowledged_on=date(2026, 1, 2))
    assert deadlines.respond_by == date(2026, 1, 14)
    assert not acknowledged_within_code(1, date(2025, 12, 19), date(2026, 1, 2))
    assert acknowledged_within_code(1, date(2025, 12, 19), date(2025, 12, 30))


def test_a_shorter_extension_gives_a_nearer_date():
    # Respond by Wed 14 Jan 2026, extended by 5: Thu 15, Fri 16, Mon 19, Tue 20, Wed 21 Jan.
    deadlines = complaint_deadlines(1, date(2025, 12, 19), extension_working_days=5)
    assert deadlines.respond_by_with_extension == date(2026, 1, 21)


def test_stage_2_acknowledgement_and_response_skip_easter_and_may_bank_holidays():
    # Escalation requested Wed 1 Apr 2026. Acknowledge within 5: Thu 2 = 1; Good Friday 3 Apr;
    # weekend; Easter Monday 6 Apr; Tue 7 = 2, Wed 8 = 3, Thu 9 = 4, Fri 10 Apr = 5.
    # Acknowledged Tue 7 Apr. Respond within 20: Wed 8 = 1, Thu 9 = 2, Fri 10 = 3, 13-17 Apr =
    # 4-8, 20-24 Apr = 9-13, 27-30 Apr = 14-17, Fri 1 May = 18; Mon 4 May bank holiday;
    # Tue 5 = 19, Wed 6 May = 20.
    # Extension up to 20: Thu 7 = 1, Fri 8 = 2, 11-15 May = 3-7, 18-22 May = 8-12; Mon 25 May
    # bank holiday; 26-29 May = 13-16, 1-4 Jun = 17-20: Thu 4 Jun.
    deadlines = complaint_deadlines(2, date(2026, 4, 1), acknowledged_on=date(2026, 4, 7))
    assert deadlines.acknowledge_by == date(2026, 4, 10)
    assert deadlines.respond_by == date(2026, 5, 6)
    assert deadlines.respond_by_with_extension == date(2026, 6, 4)


def test_ch02_counts_a_response_with_and_without_the_extension():
    received, acknowledged = date(2026, 4, 1), date(2026, 4, 7)  # stage 2, dates as above
    # Wed 6 May 2026 is the last day without an extension: within both ways.
    assert answered_within_code(2, received, acknowledged, date(2026, 5, 6))
    assert answered_within_code(2, received, acknowledged, date(2026, 5, 6), 20)
    # Wed 20 May 2026: late without the extension, in time with a 20-day extension.
    assert not answered_within_code(2, received, acknowledged, date(2026, 5, 20))
    assert answered_within_code(2, received, acknowledged, date(2026, 5, 20), 20)
    # Fri 5 Jun 2026: late even with the full extension (Thu 4 Jun).
    assert not answered_within_code(2, received, acknowledged, date(2026, 6, 5), 20)


def test_a_response_without_a_recorded_acknowledgement_counts_from_the_latest_permitted_one():
    # Stage 1 received Fri 19 Dec 2025, never separately acknowledged: respond by Wed 14 Jan.
    assert answered_within_code(1, date(2025, 12, 19), None, date(2026, 1, 14))
    assert not answered_within_code(1, date(2025, 12, 19), None, date(2026, 1, 15))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"stage": 3, "received_on": date(2026, 1, 9)}, "stages 1 and 2"),
        (
            {"stage": 1, "received_on": date(2026, 1, 9), "extension_working_days": 11},
            "at most 10 working days at stage 1",
        ),
        (
            {"stage": 2, "received_on": date(2026, 1, 9), "extension_working_days": 21},
            "at most 20 working days at stage 2",
        ),
        (
            {"stage": 1, "received_on": date(2026, 1, 9), "acknowledged_on": date(2026, 1, 8)},
            "before receipt",
        ),
    ],
)
def test_impossible_complaint_dates_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        complaint_deadlines(**arguments)


def test_a_response_before_receipt_is_refused():
    with pytest.raises(ValueError, match="before receipt"):
        answered_within_code(1, date(2026, 1, 9), None, date(2026, 1, 8))


def test_a_change_to_the_code_is_a_change_of_data(monkeypatch):
    # Were stage 1 to allow 15 working days to respond: Fri 9 Jan 2026 + 5 = Fri 16 Jan, then
    # 15 more = Mon 19-Fri 23, Mon 26-Fri 30 Jan, Mon 2-Fri 6 Feb.
    monkeypatch.setitem(COMPLAINT_TIMESCALES, 1, ComplaintTimescale(5, 15, 10))
    assert complaint_deadlines(1, date(2026, 1, 9)).respond_by == date(2026, 2, 6)


# --- Awaab's Law: emergency hazards --------------------------------------------------------------


def test_an_emergency_hazard_is_due_24_elapsed_hours_later_across_the_spring_clock_change():
    # Reported 00:30 GMT on Sun 29 Mar 2026; the clocks go forward at 01:00 GMT that night.
    # 24 elapsed hours later is 00:30 UTC on Mon 30 Mar, which is 01:30 BST.
    reported = london(2026, 3, 29, 0, 30)
    due = hazard_deadlines(HazardReport(severity="emergency", aware_at=reported))
    assert due[HazardStep.MAKE_SAFE] == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)
    assert due[HazardStep.MAKE_SAFE].astimezone(LONDON).hour == 1
    assert elapsed(reported, due[HazardStep.MAKE_SAFE]) == timedelta(hours=24)


def test_an_emergency_hazard_is_due_24_elapsed_hours_later_across_the_autumn_clock_change():
    # Reported 12:00 BST on Sat 24 Oct 2026; the clocks go back an hour on Sun 25 Oct.
    # 24 elapsed hours later is 11:00 GMT on Sun 25 Oct.
    due = hazard_deadlines(HazardReport(severity="emergency", aware_at=london(2026, 10, 24, 12)))
    assert due[HazardStep.MAKE_SAFE] == london(2026, 10, 25, 11)
    assert due[HazardStep.MAKE_SAFE].utcoffset() == timedelta(0)


def test_an_emergency_hazard_is_overdue_only_once_24_hours_pass_unmade_safe():
    hazard = HazardReport(severity="emergency", aware_at=london(2026, 3, 29, 0, 30))
    assert overdue_hazard_steps(hazard, london(2026, 3, 30, 1, 30)) == []  # exactly on time
    assert overdue_hazard_steps(hazard, london(2026, 3, 30, 1, 31)) == [HazardStep.MAKE_SAFE]
    made_safe = HazardReport(
        severity="emergency",
        aware_at=london(2026, 3, 29, 0, 30),
        made_safe_at=london(2026, 3, 29, 20, 0),
    )
    assert overdue_hazard_steps(made_safe, london(2026, 4, 1, 9, 0)) == []


def test_a_step_done_after_the_moment_asked_about_was_outstanding_at_that_moment():
    # Made safe on 31 March: on 30 March at 02:00 BST it was overdue.
    hazard = HazardReport(
        severity="emergency",
        aware_at=london(2026, 3, 29, 0, 30),
        made_safe_at=london(2026, 3, 31, 9, 0),
    )
    assert overdue_hazard_steps(hazard, london(2026, 3, 30, 2, 0)) == [HazardStep.MAKE_SAFE]


def test_hazards_reported_before_27_october_2025_have_no_statutory_deadline():
    for severity in ("emergency", "significant"):
        before = HazardReport(severity=severity, aware_at=london(2025, 10, 26, 23, 59))
        assert hazard_deadlines(before) == {}
        assert overdue_hazard_steps(before, london(2026, 6, 1, 9, 0)) == []
        on_the_day = HazardReport(severity=severity, aware_at=london(2025, 10, 27, 0, 0))
        assert hazard_deadlines(on_the_day) != {}


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        HazardReport(severity="emergency", aware_at=datetime(2026, 3, 29, 0, 30))
    hazard = HazardReport(severity="emergency", aware_at=london(2026, 3, 29, 0, 30))
    with pytest.raises(ValueError, match="timezone-aware"):
        overdue_hazard_steps(hazard, datetime(2026, 3, 30, 9, 0))


# --- Awaab's Law: significant damp and mould hazards -----------------------------------------


def test_damp_and_mould_investigation_is_due_10_working_days_after_becoming_aware():
    # Aware Fri 19 Dec 2025: Mon 22, Tue 23, Wed 24 = 1-3; 25-26 Dec; Mon 29 = 4, Tue 30 = 5,
    # Wed 31 = 6; 1 Jan; Fri 2 = 7, Mon 5 = 8, Tue 6 = 9, Wed 7 Jan 2026 = 10.
    hazard = HazardReport(severity="significant", aware_at=london(2025, 12, 19, 10, 0))
    assert hazard_deadlines(hazard) == {HazardStep.INVESTIGATE: date(2026, 1, 7)}


def test_damp_and_mould_investigation_skips_easter():
    # Aware Wed 1 Apr 2026: Thu 2 = 1; Good Friday; weekend; Easter Monday; Tue 7 = 2, Wed 8 = 3,
    # Thu 9 = 4, Fri 10 = 5, Mon 13 = 6, Tue 14 = 7, Wed 15 = 8, Thu 16 = 9, Fri 17 Apr = 10.
    hazard = HazardReport(severity="significant", aware_at=london(2026, 4, 1, 9, 0))
    assert hazard_deadlines(hazard)[HazardStep.INVESTIGATE] == date(2026, 4, 17)


def test_the_day_of_awareness_is_the_day_in_england():
    # 23:30 UTC on Tue 30 Jun 2026 is 00:30 BST on Wed 1 Jul: count from Wed 1 Jul.
    # Thu 2 = 1, Fri 3 = 2, 6-10 Jul = 3-7, Mon 13 = 8, Tue 14 = 9, Wed 15 Jul = 10.
    hazard = HazardReport(
        severity="significant", aware_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    assert hazard_deadlines(hazard)[HazardStep.INVESTIGATE] == date(2026, 7, 15)


def test_steps_after_the_investigation_cross_the_christmas_bank_holidays():
    # Investigation concluded Wed 24 Dec 2025.
    # Written summary within 3: 25-26 Dec bank holidays; weekend; Mon 29 = 1, Tue 30 = 2,
    # Wed 31 Dec = 3.
    # Safety work and further works within 5: ... Wed 31 = 3; 1 Jan; Fri 2 = 4, Mon 5 Jan = 5.
    hazard = HazardReport(
        severity="significant",
        aware_at=london(2025, 12, 19, 10, 0),
        investigation_concluded_on=date(2025, 12, 24),
    )
    assert hazard_deadlines(hazard) == {
        HazardStep.INVESTIGATE: date(2026, 1, 7),
        HazardStep.WRITTEN_SUMMARY: date(2025, 12, 31),
        HazardStep.SAFETY_WORK: date(2026, 1, 5),
        HazardStep.FURTHER_WORKS: date(2026, 1, 5),
    }


def test_deferred_further_works_must_physically_start_within_12_weeks():
    # 84 calendar days from Wed 24 Dec 2025: 7 to 31 Dec, 31 more to 31 Jan (38), 28 more to
    # 28 Feb (66), 18 more to Wed 18 Mar 2026 (84) - the same weekday, 12 weeks on.
    hazard = HazardReport(
        severity="significant",
        aware_at=london(2025, 12, 19, 10, 0),
        investigation_concluded_on=date(2025, 12, 24),
        further_works_deferred=True,
    )
    assert hazard_deadlines(hazard)[HazardStep.FURTHER_WORKS] == date(2026, 3, 18)


def test_steps_not_needed_have_no_deadline():
    hazard = HazardReport(
        severity="significant",
        aware_at=london(2025, 12, 19, 10, 0),
        investigation_concluded_on=date(2025, 12, 24),
        safety_work_needed=False,
        further_works_needed=False,
    )
    assert set(hazard_deadlines(hazard)) == {HazardStep.INVESTIGATE, HazardStep.WRITTEN_SUMMARY}


def test_a_dashboard_lists_the_damp_and_mould_steps_past_their_deadline():
    not_investigated = HazardReport(severity="significant", aware_at=london(2025, 12, 19, 10))
    # Due Wed 7 Jan 2026: the whole of that day is in time.
    assert overdue_hazard_steps(not_investigated, london(2026, 1, 7, 17, 0)) == []
    assert overdue_hazard_steps(not_investigated, london(2026, 1, 8, 9, 0)) == [
        HazardStep.INVESTIGATE
    ]
    # Investigated Wed 24 Dec; summary due Wed 31 Dec, not sent; safety work done Fri 2 Jan
    # (due Mon 5 Jan); further works due Mon 5 Jan, not begun. On Tue 6 Jan:
    investigated = HazardReport(
        severity="significant",
        aware_at=london(2025, 12, 19, 10),
        investigation_concluded_on=date(2025, 12, 24),
        safety_work_done_on=date(2026, 1, 2),
    )
    assert overdue_hazard_steps(investigated, london(2026, 1, 6, 9, 0)) == [
        HazardStep.WRITTEN_SUMMARY,
        HazardStep.FURTHER_WORKS,
    ]


def test_deferred_further_works_are_overdue_only_after_12_weeks():
    hazard = HazardReport(
        severity="significant",
        aware_at=london(2025, 12, 19, 10),
        investigation_concluded_on=date(2025, 12, 24),
        summary_sent_on=date(2025, 12, 29),
        safety_work_done_on=date(2026, 1, 2),
        further_works_deferred=True,
    )
    assert overdue_hazard_steps(hazard, london(2026, 3, 18, 18, 0)) == []
    assert overdue_hazard_steps(hazard, london(2026, 3, 19, 9, 0)) == [HazardStep.FURTHER_WORKS]


def test_a_significant_hazard_not_yet_in_force_has_no_deadline_until_its_date_is_added(
    monkeypatch,
):
    # Phase 2 (2026) adds excess cold among others; its commencement date is data.
    cold = HazardReport(severity="significant", kind="excess_cold", aware_at=london(2026, 4, 1, 9))
    assert hazard_deadlines(cold) == {}
    monkeypatch.setitem(SIGNIFICANT_HAZARDS_IN_FORCE, "excess_cold", date(2026, 4, 1))
    assert hazard_deadlines(cold) == {HazardStep.INVESTIGATE: date(2026, 4, 17)}


# --- Repair priorities ---------------------------------------------------------------------------


def test_an_emergency_repair_is_due_24_hours_after_it_was_reported():
    emergency = EXAMPLE_REPAIR_PRIORITIES["emergency"]
    reported = london(2025, 12, 19, 15, 0)  # Fri 19 Dec 2025
    assert emergency.due(reported) == london(2025, 12, 20, 15, 0)
    assert emergency.met(reported, london(2025, 12, 20, 14, 59))
    assert not emergency.met(reported, london(2025, 12, 20, 15, 1))


def test_an_urgent_repair_is_due_by_the_end_of_the_fifth_working_day():
    # Reported Fri 19 Dec 2025: Mon 22, Tue 23, Wed 24 = 1-3; 25-26 Dec; Mon 29 = 4, Tue 30 = 5.
    urgent = EXAMPLE_REPAIR_PRIORITIES["urgent"]
    reported = london(2025, 12, 19, 15, 0)
    assert urgent.due(reported) == london(2025, 12, 30, 23, 59, 59)
    assert urgent.met(reported, datetime(2025, 12, 30, 23, 59, 59, 900_000, tzinfo=LONDON))
    assert not urgent.met(reported, london(2025, 12, 31, 0, 0))


def test_a_routine_repair_is_due_by_the_end_of_the_twentieth_working_day():
    # Reported Mon 15 Dec 2025: 16-19 Dec = 1-4, 22-24 Dec = 5-7; 25-26 Dec; 29-31 Dec = 8-10;
    # 1 Jan; Fri 2 = 11, 5-9 Jan = 12-16, Mon 12 = 17, Tue 13 = 18, Wed 14 = 19, Thu 15 Jan = 20.
    routine = EXAMPLE_REPAIR_PRIORITIES["routine"]
    assert routine.due(london(2025, 12, 15, 8, 0)) == london(2026, 1, 15, 23, 59, 59)


def test_a_due_day_in_summer_time_ends_at_23_59_59_bst():
    # Reported Fri 27 Mar 2026 (GMT); 1 working day is Mon 30 Mar, after the clocks go forward.
    due = Timescale(1, "working_days").due(london(2026, 3, 27, 12, 0))
    assert due == datetime(2026, 3, 30, 22, 59, 59, tzinfo=UTC)


def test_a_repair_reported_after_midnight_in_england_counts_from_that_day():
    # 23:30 UTC on Tue 30 Jun 2026 is 00:30 BST on Wed 1 Jul: 1 working day is Thu 2 Jul.
    due = Timescale(1, "working_days").due(datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert due == london(2026, 7, 2, 23, 59, 59)


def test_calendar_days_count_29_february_in_a_leap_year():
    # Fri 25 Feb 2028 + 7 calendar days: 26, 27, 28, 29 Feb, 1, 2, 3 Mar.
    due = Timescale(7, "calendar_days").due(london(2028, 2, 25, 10, 0))
    assert due == london(2028, 3, 3, 23, 59, 59)


def test_a_timescale_reads_as_words():
    assert str(Timescale(5, "working_days")) == "5 working days"
    assert str(Timescale(24, "hours")) == "24 hours"


@pytest.mark.parametrize(
    ("amount", "unit"), [(-1, "hours"), (5, "weeks"), (1.5, "hours"), (True, "hours")]
)
def test_a_meaningless_timescale_is_refused(amount, unit):
    with pytest.raises(ValueError):
        Timescale(amount, unit)


def test_impossible_repair_times_are_refused():
    urgent = EXAMPLE_REPAIR_PRIORITIES["urgent"]
    with pytest.raises(ValueError, match="timezone-aware"):
        urgent.due(datetime(2025, 12, 19, 15, 0))
    with pytest.raises(ValueError, match="before reported"):
        urgent.met(london(2025, 12, 19, 15, 0), london(2025, 12, 19, 14, 0))
    with pytest.raises(ValueError, match="due time"):
        Timescale(24, "hours").due_on(date(2025, 12, 19))


# --- Calendar months: the corresponding date ------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 15), 3, date(2026, 6, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year's
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 15, date(2028, 2, 29)),
        (date(2026, 12, 31), -1, date(2026, 11, 30)),
        (date(2026, 3, 31), 0, date(2026, 3, 31)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_timescale_in_months_falls_due_at_the_end_of_the_corresponding_day():
    assert Timescale(3, "months").due_on(date(2026, 11, 30)) == date(2027, 2, 28)
    due = Timescale(1, "months").due(london(2026, 1, 31, 10, 0))
    assert due == london(2026, 2, 28, 23, 59, 59)
    assert Timescale(1, "months").met(london(2026, 1, 31, 10, 0), london(2026, 2, 28, 23, 0))
    assert not Timescale(1, "months").met(london(2026, 1, 31, 10, 0), london(2026, 3, 1, 0, 1))
