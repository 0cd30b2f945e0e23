"""The Right to Manage time limits, each with hand-worked dates: month ends, leap years, the
due day counted whole, the warning window (SI 2012/1821 regs. 11 and 13; docs/journey.md)."""

from datetime import date

import pytest
from django.test import override_settings

from tenantry.journey.timelimits import LIMITS, deadlines


def due(key: str, start: date) -> date:
    limit = next(limit for limit in LIMITS if limit.key == key)
    return limit.timescale.due_on(start)


def one(key: str, dates: dict, today: date):
    return next(d for d in deadlines(dates, today) if d.limit.key == key)


def test_every_limit_reference_md_lists_is_here():
    assert [(limit.key, str(limit.timescale)) for limit in LIMITS] == [
        ("council_answer", "28 calendar days"),
        ("apply_for_assessor", "3 months"),
        ("competence_report", "15 months"),
        ("tell_assessor", "7 calendar days"),
        ("reassessment", "35 calendar days"),
        ("continuation_ballot", "60 months"),
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 30)),  # days run from the day after the notice
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 28)),  # leap year: 28 days is still 28 days
        (date(2026, 12, 10), date(2027, 1, 7)),  # across the year end; holidays count
    ],
)
def test_the_council_answers_within_28_days(start, expected):
    assert due("council_answer", start) == expected


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        (date(2026, 3, 15), date(2026, 6, 15)),  # the corresponding day
        (date(2026, 11, 30), date(2027, 2, 28)),  # no 30 February: the month's last day
        (date(2027, 11, 30), date(2028, 2, 29)),  # ... in a leap year, the 29th
        (date(2026, 3, 31), date(2026, 6, 30)),  # no 31 June
        (date(2026, 5, 31), date(2026, 8, 31)),
        (date(2028, 2, 29), date(2028, 5, 29)),
    ],
)
def test_the_group_applies_for_an_assessor_within_3_months(accepted, expected):
    assert due("apply_for_assessor", accepted) == expected


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        (date(2026, 3, 15), date(2027, 6, 15)),
        (date(2026, 11, 30), date(2028, 2, 29)),  # 15 months on is February of a leap year
        (date(2025, 11, 30), date(2027, 2, 28)),
        (date(2026, 12, 31), date(2028, 3, 31)),
        (date(2028, 2, 29), date(2029, 5, 29)),
    ],
)
def test_the_competence_report_comes_within_15_months(accepted, expected):
    assert due("competence_report", accepted) == expected


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        (date(2026, 12, 25), date(2027, 1, 1)),  # Christmas and New Year count: calendar days
        (date(2028, 2, 25), date(2028, 3, 3)),  # through 29 February
    ],
)
def test_the_council_tells_the_assessor_within_7_days(done, expected):
    assert due("tell_assessor", done) == expected


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        (date(2026, 1, 28), date(2026, 3, 4)),  # 3 days of January, 28 of February, 4 of March
        (date(2028, 1, 28), date(2028, 3, 3)),  # a leap year's 29 February takes one
    ],
)
def test_the_reassessment_comes_within_35_days(told, expected):
    assert due("reassessment", told) == expected


def test_a_continuation_ballot_every_5_years():
    assert due("continuation_ballot", date(2024, 2, 29)) == date(2029, 2, 28)


def test_the_next_continuation_ballot_runs_from_the_last_one():
    found = one(
        "continuation_ballot",
        {"agreement_started_on": date(2015, 4, 1), "continuation_ballot_on": date(2020, 3, 12)},
        date(2024, 1, 1),
    )
    assert (found.starts_on, found.due_on, found.state) == (
        date(2020, 3, 12),
        date(2025, 3, 12),
        "to_come",
    )


# --- where a limit stands on a day ------------------------------------------------------------

SERVED = {"notice_served_on": date(2026, 3, 2)}  # the answer is due on Monday 30 March 2026


def test_a_limit_with_no_start_date_is_waiting():
    found = one("council_answer", {}, date(2026, 3, 10))
    assert (found.state, found.due_on) == ("waiting", None)


def test_the_whole_due_day_counts():
    assert one("council_answer", SERVED, date(2026, 3, 30)).state == "due_today"
    assert one("council_answer", SERVED, date(2026, 3, 31)).state == "missed"


def test_done_on_the_due_day_is_in_time_and_the_day_after_is_late():
    on_the_day = SERVED | {"council_answered_on": date(2026, 3, 30)}
    day_after = SERVED | {"council_answered_on": date(2026, 3, 31)}

    assert one("council_answer", on_the_day, date(2026, 4, 10)).state == "met"
    assert one("council_answer", day_after, date(2026, 4, 10)).state == "late"


def test_a_step_done_early_is_met_whatever_the_day():
    dates = SERVED | {"council_answered_on": date(2026, 3, 3)}
    assert one("council_answer", dates, date(2026, 3, 3)).state == "met"


def test_the_warning_window_opens_14_days_before():
    # Due 30 March: from 16 March it is due soon; on 15 March it is still to come.
    soon = one("council_answer", SERVED, date(2026, 3, 16))
    assert (soon.state, soon.days_left, soon.warn_from) == ("due_soon", 14, date(2026, 3, 16))
    assert one("council_answer", SERVED, date(2026, 3, 15)).state == "to_come"
    assert one("council_answer", SERVED, date(2026, 3, 15)).days_left == 15


@override_settings(JOURNEY_DEADLINE_WARNING_DAYS=3)
def test_the_warning_window_is_a_setting():
    assert one("council_answer", SERVED, date(2026, 3, 26)).state == "to_come"
    assert one("council_answer", SERVED, date(2026, 3, 27)).state == "due_soon"


def test_a_missed_limit_says_what_happens():
    found = one("apply_for_assessor", {"acceptance_date": date(2026, 1, 5)}, date(2026, 4, 6))
    assert found.state == "missed"
    assert "treated as withdrawn" in str(found.limit.if_missed)
    assert found.limit.source == "SI 2012/1821, reg. 13(1)"


def test_each_limit_has_its_own_start():
    dates = {
        "notice_served_on": date(2026, 1, 5),
        "acceptance_date": date(2026, 1, 30),
        "actions_completed_on": date(2027, 2, 1),
        "assessor_told_on": date(2027, 2, 5),
        "agreement_started_on": date(2028, 4, 1),
    }
    found = {d.limit.key: d.due_on for d in deadlines(dates, date(2026, 1, 6))}
    assert found == {
        "council_answer": date(2026, 2, 2),
        "apply_for_assessor": date(2026, 4, 30),
        "competence_report": date(2027, 4, 30),
        "tell_assessor": date(2027, 2, 8),
        "reassessment": date(2027, 3, 12),
        "continuation_ballot": date(2033, 4, 1),
    }
