"""The budgets' sums, each worked out by hand (budgets/figures.py)."""

from datetime import date
from decimal import Decimal

import pytest

from tenantry.budgets import figures
from tenantry.core.periods import financial_year

D = Decimal


@pytest.mark.parametrize(
    ("amount", "quarters"),
    [
        ("1000.00", ["250.00", "250.00", "250.00", "250.00"]),
        ("1000.02", ["250.01", "250.01", "250.00", "250.00"]),
        ("1000.03", ["250.01", "250.01", "250.01", "250.00"]),
        ("0.03", ["0.01", "0.01", "0.01", "0.00"]),
        ("0.00", ["0.00", "0.00", "0.00", "0.00"]),
        ("86400.50", ["21600.13", "21600.13", "21600.12", "21600.12"]),
    ],
)
def test_a_year_splits_into_quarters_that_add_up(amount, quarters):
    split = figures.quarter_split(D(amount))
    assert split == [D(q) for q in quarters]
    assert sum(split) == D(amount)


def test_variance_is_budget_less_spend():
    assert figures.variance(D("12000.00"), D("11250.50")) == D("749.50")
    assert figures.variance(D("500.00"), D("620.00")) == D("-120.00")
    assert figures.variance(D("0.00"), D("0.00")) == D("0.00")


def test_variance_percent_of_the_budget_and_none_against_nothing():
    # 749.50 / 12000 = 6.2458…% -> 6.2
    assert figures.variance_percent(D("12000.00"), D("11250.50")) == D("6.2")
    # -120 / 500 = -24%
    assert figures.variance_percent(D("500.00"), D("620.00")) == D("-24.0")
    # 1 / 8 = 12.5% exactly, and 0.05 of a percent rounds half up: 1/2000 = 0.05% -> 0.1
    assert figures.variance_percent(D("8.00"), D("7.00")) == D("12.5")
    assert figures.variance_percent(D("2000.00"), D("1999.00")) == D("0.1")
    assert figures.variance_percent(D("0.00"), D("50.00")) is None


def test_cost_per_home_to_the_penny_and_none_without_homes():
    assert figures.per_home(D("86400.00"), 240) == D("360.00")
    # 1000 / 3 = 333.333… -> 333.33; 1000 / 6 = 166.666… -> 166.67
    assert figures.per_home(D("1000.00"), 3) == D("333.33")
    assert figures.per_home(D("1000.00"), 6) == D("166.67")
    # half a penny rounds up: 0.05 / 2 = 0.025 -> 0.03
    assert figures.per_home(D("0.05"), 2) == D("0.03")
    assert figures.per_home(D("1000.00"), 0) is None


def test_allocation_is_amount_per_home_times_homes():
    assert figures.allocation(D("25.00"), 312) == D("7800.00")
    assert figures.allocation(D("12.50"), 3) == D("37.50")
    assert figures.allocation(D("25.00"), 0) == D("0.00")


def test_carry_over_of_what_is_unspent_within_the_limit():
    assert figures.carry_over(D("1234.56"), None) == D("1234.56")
    assert figures.carry_over(D("1234.56"), D("1000.00")) == D("1000.00")
    assert figures.carry_over(D("999.99"), D("1000.00")) == D("999.99")
    assert figures.carry_over(D("0.00"), None) == D("0.00")
    assert figures.carry_over(D("-5.00"), None) == D("0.00")
    assert figures.carry_over(D("50.00"), D("0.00")) == D("0.00")


def test_cashback_for_a_whole_year():
    year = financial_year(2025)  # 1 April 2025 to 31 March 2026, 365 days
    saving = figures.cashback_saving(
        landlord_cost=D("48000.00"), community_cost=D("39500.00"),
        taken_over_on=date(2024, 10, 1), year=year,
    )  # fmt: skip
    assert saving == D("8500.00")


def test_cashback_for_part_of_a_year_by_days():
    year = financial_year(2025)
    # Taken over on 1 October 2025: 1 Oct to 31 Mar is 31+30+31+31+28+31 = 182 days of 365.
    # 8500 * 182 / 365 = 4238.356… -> 4238.36
    saving = figures.cashback_saving(
        landlord_cost=D("48000.00"), community_cost=D("39500.00"),
        taken_over_on=date(2025, 10, 1), year=year,
    )  # fmt: skip
    assert saving == D("4238.36")


def test_cashback_in_a_leap_year_counts_366_days():
    year = financial_year(2027)  # 1 April 2027 to 31 March 2028: 29 February 2028 is in it
    assert figures.days_in(year) == 366
    # Taken over on the last day: 1 day of 366. 3660 / 366 = 10.00
    saving = figures.cashback_saving(
        landlord_cost=D("3660.00"), community_cost=D("0.00"),
        taken_over_on=date(2028, 3, 31), year=year,
    )  # fmt: skip
    assert saving == D("10.00")


def test_no_cashback_without_a_saving_or_before_the_takeover():
    year = financial_year(2025)
    costs_more = figures.cashback_saving(
        landlord_cost=D("100.00"), community_cost=D("150.00"),
        taken_over_on=date(2025, 4, 1), year=year,
    )  # fmt: skip
    not_yet = figures.cashback_saving(
        landlord_cost=D("100.00"), community_cost=D("50.00"),
        taken_over_on=date(2026, 4, 1), year=year,
    )  # fmt: skip
    assert costs_more == D("0.00")
    assert not_yet == D("0.00")
