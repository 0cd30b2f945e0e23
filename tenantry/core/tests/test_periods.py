"""Financial years (April to March), their quarters and months."""

from datetime import date, datetime, timedelta

import pytest

from tenantry.core.periods import (
    Period,
    financial_year,
    financial_year_of,
    month,
    months_of,
    parse_period,
    quarter,
    quarters_of,
    read_period,
    read_year,
)

YEAR_2025_26 = Period(date(2025, 4, 1), date(2026, 3, 31), "2025/26", "year")


@pytest.mark.parametrize(
    "value",
    ["2025/26", "2025-26", "2025", " 2025 / 26 ", "2025/2026", 2025, date(2025, 4, 1)],
)
def test_a_financial_year_is_named_by_its_label_its_first_year_or_a_day_in_it(value):
    assert financial_year(value) == YEAR_2025_26


def test_31_march_ends_one_financial_year_and_1_april_starts_the_next():
    assert financial_year_of(date(2026, 3, 31)).label == "2025/26"
    assert financial_year_of(date(2026, 4, 1)).label == "2026/27"
    assert financial_year_of(date(2026, 1, 15)).label == "2025/26"


def test_the_year_across_the_century_is_labelled_with_two_digits():
    assert financial_year(1999).label == "1999/00"
    assert financial_year("1999/00").end == date(2000, 3, 31)


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2025/27", "write '2025/26'"),
        ("25/26", "not a financial year"),
        ("twenty twenty-five", "not a financial year"),
        ("2025/26/27", "not a financial year"),
        ("", "not a financial year"),
    ],
)
def test_a_bad_financial_year_label_is_refused_with_a_clear_message(label, message):
    with pytest.raises(ValueError, match=message):
        financial_year(label)


def test_quarters_run_april_to_june_first_and_january_to_march_last():
    assert quarter("2025/26", "Q1") == Period(
        date(2025, 4, 1), date(2025, 6, 30), "2025/26 Q1", "quarter"
    )
    assert quarter("2025/26", "Q3") == Period(
        date(2025, 10, 1), date(2025, 12, 31), "2025/26 Q3", "quarter"
    )
    # Q4 is in the next calendar year.
    assert quarter("2025/26", "Q4") == Period(
        date(2026, 1, 1), date(2026, 3, 31), "2025/26 Q4", "quarter"
    )


def test_a_quarter_contains_its_last_day_and_not_the_next_quarters_first():
    q1 = quarter("2025/26", "Q1")
    assert q1.contains(date(2025, 6, 30))
    assert not q1.contains(date(2025, 7, 1))
    assert quarter("2025/26", "q2").contains(date(2025, 7, 1))
    assert quarter("2025/26", 4).contains(date(2026, 3, 31))
    assert not quarter("2025/26", 4).contains(date(2026, 4, 1))


def test_a_period_contains_a_datetime_on_its_last_day():
    assert YEAR_2025_26.contains(datetime(2026, 3, 31, 23, 59))
    assert not YEAR_2025_26.contains(datetime(2026, 4, 1, 0, 0))


def test_the_quarters_cover_the_year_without_gap_or_overlap():
    quarters = quarters_of("2025/26")
    assert [q.label for q in quarters] == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"]
    assert quarters[0].start == YEAR_2025_26.start
    assert quarters[-1].end == YEAR_2025_26.end
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)


def test_a_bad_quarter_is_refused():
    with pytest.raises(ValueError, match="Q1"):
        quarter("2025/26", "Q5")


def test_the_months_of_a_year_run_april_to_march():
    months = months_of("2025/26")
    assert len(months) == 12
    assert months[0] == Period(date(2025, 4, 1), date(2025, 4, 30), "April 2025", "month")
    assert months[-1] == Period(date(2026, 3, 1), date(2026, 3, 31), "March 2026", "month")
    for before, after in zip(months, months[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)


def test_february_2028_has_29_days_and_its_year_366():
    # 2028 is a leap year; February 2028 falls in the financial year 2027/28.
    assert month(2028, 2).end == date(2028, 2, 29)
    assert months_of("2027/28")[10] == month(2028, 2)
    year = financial_year("2027/28")
    assert (year.end - year.start).days + 1 == 366
    assert (YEAR_2025_26.end - YEAR_2025_26.start).days + 1 == 365


def test_a_month_outside_1_to_12_is_refused():
    with pytest.raises(ValueError, match="1 to 12"):
        month(2025, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025/26 Q3", quarter("2025/26", "Q3")),
        ("2025-26 q3", quarter("2025/26", "Q3")),
        ("2025/26", YEAR_2025_26),
        ("April 2025", month(2025, 4)),
        ("apr  2025", month(2025, 4)),
        ("February 2028", month(2028, 2)),
    ],
)
def test_a_period_is_parsed_from_its_label(text, expected):
    assert parse_period(text) == expected


def test_each_period_parses_back_from_its_own_label():
    periods = [YEAR_2025_26, *quarters_of("2025/26"), *months_of("2025/26")]
    assert [parse_period(p.label) for p in periods] == periods
    assert str(YEAR_2025_26) == "2025/26"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025/26 Q5", "not a period"),
        ("Smarch 2025", "'Smarch' is not a month name"),
        ("2025/27 Q1", "write '2025/26'"),
        ("", "not a period"),
    ],
)
def test_a_bad_period_label_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    "text", ["0001/02", "0001/02 Q1", "January 1", "1989/90", "9999/00 Q4", "2037/38"]
)
def test_a_page_is_not_asked_about_a_year_outside_1990_to_ten_years_ahead(text):
    with pytest.raises(ValueError):
        read_period(text, today=TODAY)
    with pytest.raises(ValueError):
        read_year(text.split()[-1] if "Q" in text else text, today=TODAY)


def test_a_page_asked_about_year_1_is_told_which_years_it_may_show():
    with pytest.raises(ValueError, match="pick one from April 1990 to March 2037"):
        read_period("0001/02", today=TODAY)


def test_the_first_and_last_years_a_page_is_asked_about_are_read():
    assert read_period("1990/91 Q1", today=TODAY).label == "1990/91 Q1"
    assert read_period("March 2037", today=TODAY).label == "March 2037"
    assert read_year("2036/37", today=TODAY).label == "2036/37"
    assert read_year("", today=TODAY).label == "2026/27"
