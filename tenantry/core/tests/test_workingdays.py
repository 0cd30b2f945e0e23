"""Working days: Monday to Friday except England and Wales bank holidays.

Every expected date below was worked out by hand from the calendar and the gov.uk list of
bank holidays; the comment beside it shows the count.
"""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenantry.core.workingdays import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def count_day_by_day(start: date, n: int) -> date:
    """The slow, obvious reading of "n working days after start", as an oracle."""
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in bank_holidays(day.year):
            n -= 1
    return day


def test_weekdays_are_working_days_and_weekends_are_not():
    # Mon 12 Jan 2026 to Fri 16 Jan 2026 are ordinary weekdays; 17 and 18 Jan are the weekend.
    assert all(is_working_day(date(2026, 1, d)) for d in range(12, 17))
    assert not is_working_day(date(2026, 1, 17))
    assert not is_working_day(date(2026, 1, 18))


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 12, 25),  # Christmas Day, Thursday
        date(2025, 12, 26),  # Boxing Day, Friday
        date(2026, 1, 1),  # New Year's Day, Thursday
        date(2026, 4, 3),  # Good Friday 2026
        date(2026, 4, 6),  # Easter Monday 2026
        date(2026, 5, 4),  # early May bank holiday 2026
        date(2026, 5, 25),  # spring bank holiday 2026
        date(2026, 8, 31),  # summer bank holiday 2026
        date(2026, 12, 28),  # substitute for Boxing Day, Saturday 26 December 2026
        date(2027, 12, 27),  # substitute for Christmas Day, Saturday 25 December 2027
        date(2027, 12, 28),  # substitute for Boxing Day, Sunday 26 December 2027
        date(2028, 1, 3),  # substitute for New Year's Day, Saturday 1 January 2028
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
    ],
)
def test_bank_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_holidays_package_matches_the_gov_uk_lists_for_2026_and_2027():
    # gov.uk, England and Wales: the weekday bank holidays of each year, substitutes included.
    # The holidays package agrees; it also lists the weekend dates themselves (26 Dec 2026).
    def weekday_holidays(year):
        return {d for d in bank_holidays(year) if d.weekday() < 5}

    assert weekday_holidays(2026) == {
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
        date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
    }  # fmt: skip
    assert weekday_holidays(2027) == {
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3),
        date(2027, 5, 31), date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28),
    }  # fmt: skip


def test_a_datetime_is_refused_rather_than_missing_a_bank_holiday():
    with pytest.raises(TypeError):
        is_working_day(datetime(2025, 12, 25, 9, 0))


def test_five_working_days_from_a_friday_is_the_next_friday():
    # Received Fri 9 Jan 2026; Mon 12 to Fri 16 Jan are days 1-5, no bank holiday.
    assert add_working_days(date(2026, 1, 9), 5) == date(2026, 1, 16)


def test_christmas_and_new_year_2025_are_skipped():
    # Received Fri 19 Dec 2025; Mon 22, Tue 23, Wed 24 are days 1-3; 25 and 26 Dec are bank
    # holidays; Mon 29 = 4, Tue 30 = 5.
    assert add_working_days(date(2025, 12, 19), 5) == date(2025, 12, 30)
    # ...Wed 31 Dec = 6; Thu 1 Jan 2026 is a bank holiday; Fri 2 = 7, Mon 5 = 8, Tue 6 = 9,
    # Wed 7 Jan = 10.
    assert add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_boxing_day_2026_on_a_saturday_moves_to_monday_28_december():
    # Received Wed 23 Dec 2026; Thu 24 = 1; Fri 25 is Christmas; Sat 26 and Sun 27 the weekend;
    # Mon 28 is the substitute for Boxing Day; Tue 29 = 2, Wed 30 = 3, Thu 31 = 4; Fri 1 Jan 2027
    # is New Year's Day; Mon 4 Jan 2027 = 5.
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_christmas_2027_on_a_weekend_moves_both_days_to_27_and_28_december():
    # Received Thu 23 Dec 2027; Fri 24 = 1; Sat 25 and Sun 26 the weekend; Mon 27 and Tue 28 are
    # the substitutes; Wed 29 = 2, Thu 30 = 3, Fri 31 = 4; Sat 1 Jan 2028 is New Year's Day, its
    # substitute Mon 3 Jan; Tue 4 Jan 2028 = 5.
    assert add_working_days(date(2027, 12, 23), 5) == date(2028, 1, 4)


def test_easter_2026_is_skipped():
    # Received Wed 1 Apr 2026; Thu 2 = 1; Good Friday 3 Apr; weekend; Easter Monday 6 Apr;
    # Tue 7 = 2, Wed 8 = 3, Thu 9 = 4, Fri 10 Apr = 5.
    assert add_working_days(date(2026, 4, 1), 5) == date(2026, 4, 10)


def test_the_2022_state_funeral_is_skipped():
    # Received Fri 16 Sep 2022; weekend; Mon 19 Sep was the state funeral; Tue 20 = 1, Wed 21 = 2,
    # Thu 22 = 3, Fri 23 = 4, Mon 26 Sep = 5.
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
    assert add_working_days(date(2022, 9, 16), 5) == date(2022, 9, 26)


def test_the_2023_coronation_and_early_may_bank_holidays_are_skipped():
    # Received Fri 28 Apr 2023; Mon 1 May early May bank holiday; Tue 2 = 1, Wed 3 = 2, Thu 4 = 3,
    # Fri 5 = 4; Mon 8 May the coronation; Tue 9 May = 5.
    assert add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 9)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 5, 1), date(2026, 5, 5)),  # Fri; weekend; Mon 4 May early May; Tue 5 = 1
        (date(2026, 5, 22), date(2026, 5, 26)),  # Fri; weekend; Mon 25 May spring; Tue 26 = 1
        (date(2026, 8, 28), date(2026, 9, 1)),  # Fri; weekend; Mon 31 Aug summer; Tue 1 Sep = 1
    ],
)
def test_may_spring_and_summer_bank_holidays_are_skipped(start, expected):
    assert add_working_days(start, 1) == expected


def test_zero_working_days_is_the_start_even_on_a_bank_holiday():
    assert add_working_days(date(2025, 12, 25), 0) == date(2025, 12, 25)
    assert add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)  # a Saturday


def test_counting_from_a_bank_holiday_or_weekend_starts_the_next_day():
    # From Thu 25 Dec 2025: Fri 26 is Boxing Day, 27-28 the weekend; Mon 29 Dec = 1.
    assert add_working_days(date(2025, 12, 25), 1) == date(2025, 12, 29)
    # From Sat 10 Jan 2026: Sun 11; Mon 12 Jan = 1.
    assert add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(date(2026, 1, 9), -1)


def test_counting_crosses_from_one_decade_to_the_next():
    # From Fri 28 Dec 2029: Mon 31 Dec = 1; Tue 1 Jan 2030 New Year's Day; Wed 2 Jan 2030 = 2.
    assert add_working_days(date(2029, 12, 28), 2) == date(2030, 1, 2)
    assert working_days_between(date(2029, 12, 28), date(2030, 1, 2)) == 2


def test_counting_beyond_the_calendar_is_an_overflow():
    with pytest.raises(OverflowError):
        add_working_days(date(9999, 12, 30), 5)


def test_working_days_between_counts_after_start_up_to_and_including_end():
    # Fri 19 Dec 2025 to Tue 30 Dec 2025: 22, 23, 24, 29, 30 = 5.
    assert working_days_between(date(2025, 12, 19), date(2025, 12, 30)) == 5
    # From Christmas Day to Mon 29 Dec: only the 29th.
    assert working_days_between(date(2025, 12, 25), date(2025, 12, 29)) == 1


def test_working_days_between_is_zero_when_end_is_not_after_start():
    assert working_days_between(date(2026, 1, 9), date(2026, 1, 9)) == 0
    assert working_days_between(date(2026, 1, 9), date(2026, 1, 2)) == 0


def test_2026_has_253_working_days():
    # 2026 has 365 days from Thu 1 Jan: 52 weeks (260 weekdays) and Thu 31 Dec = 261 weekdays,
    # less 8 weekday bank holidays (1 Jan, 3 and 6 Apr, 4 and 25 May, 31 Aug, 25 and 28 Dec).
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


@given(start=dates, n=st.integers(min_value=0, max_value=3000))
def test_between_undoes_add(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(start=dates, n=st.integers(min_value=0, max_value=3000))
def test_add_matches_counting_day_by_day(start, n):
    assert add_working_days(start, n) == count_day_by_day(start, n)


@given(start=dates, n=st.integers(min_value=0, max_value=3000))
def test_each_further_working_day_is_a_later_working_day(start, n):
    later = add_working_days(start, n + 1)
    assert later > add_working_days(start, n)
    assert is_working_day(later)


@given(start=dates, end=dates, later=dates)
def test_working_days_between_never_falls_as_the_end_moves_later(start, end, later):
    end, later = sorted((end, later))
    assert 0 <= working_days_between(start, end) <= working_days_between(start, later)
