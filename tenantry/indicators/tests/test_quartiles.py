"""Quartiles as Excel's QUARTILE.INC works them out, and a figure's place among others.

Every expectation is worked by hand: the quartile p of n sorted values sits (n - 1) × p of the
way along them, interpolated between its two neighbours.
"""

from decimal import Decimal

import pytest

from tenantry.indicators.peers import Position, ordinal, position, quartiles


def D(*values) -> tuple[Decimal, ...]:  # noqa: N802
    return tuple(Decimal(str(v)) for v in values)


def test_one_value_is_its_own_quartiles():
    assert quartiles([5]) == D(5, 5, 5)


def test_two_values():
    # (2 - 1) × 0.25 = 0.25 of the way from 1 to 3: 1.5; the middle 2; 0.75 of the way: 2.5.
    assert quartiles([3, 1]) == D(1.5, 2, 2.5)


def test_three_values():
    # Positions 0.5, 1 and 1.5 along [1, 2, 4]: 1.5, 2, and 2 + 0.5 × 2 = 3.
    assert quartiles([4, 1, 2]) == D(1.5, 2, 3)


def test_four_values_as_excel_gives_them():
    # QUARTILE.INC({1,2,3,4}, 1..3) = 1.75, 2.5, 3.25: positions 0.75, 1.5 and 2.25.
    assert quartiles([1, 2, 3, 4]) == D(1.75, 2.5, 3.25)


def test_five_values_land_on_values():
    assert quartiles([3, 1, 5, 2, 4]) == D(2, 3, 4)


def test_eight_values():
    # Positions 1.75, 3.5 and 5.25 along 1..8: 2.75, 4.5 and 6.25.
    assert quartiles(range(1, 9)) == D(2.75, 4.5, 6.25)


def test_ties():
    # [70, 70, 70, 80]: positions 0.75 and 1.5 fall among the 70s; 2.25 is a quarter of the
    # way from 70 to 80.
    assert quartiles([70, 80, 70, 70]) == D(70, 70, 72.5)


def test_decimals_stay_exact():
    assert quartiles([Decimal("71.8"), Decimal("73.6")]) == D("72.250", "72.70", "73.150")


def test_missing_values_are_left_out():
    assert quartiles([None, 2, None, 4]) == D(2.5, 3, 3.5)


def test_no_values_have_no_quartiles():
    with pytest.raises(ValueError, match="at least one value"):
        quartiles([])


# --- position ----------------------------------------------------------------------------------

OTHERS = [60, 70, 80, 90]  # quartiles 67.5, 75 and 82.5


def test_above_the_upper_quartile_is_the_top_quarter_when_higher_is_better():
    assert position(85, OTHERS, higher_is_better=True) == Position(1, 2, 5)
    assert position(85, OTHERS, higher_is_better=True).label == "2nd of 5"


def test_exactly_on_a_quartile_takes_the_better_quarter():
    assert position(82.5, OTHERS, higher_is_better=True).quartile == 1
    assert position(75, OTHERS, higher_is_better=True).quartile == 2
    assert position(67.5, OTHERS, higher_is_better=True).quartile == 3
    assert position(67.5, OTHERS, higher_is_better=False).quartile == 1
    assert position(75, OTHERS, higher_is_better=False).quartile == 2
    assert position(82.5, OTHERS, higher_is_better=False).quartile == 3


def test_below_the_lower_quartile_is_the_bottom_quarter_and_last():
    assert position(50, OTHERS, higher_is_better=True) == Position(4, 5, 5)


def test_lower_is_better_turns_it_round():
    assert position(50, OTHERS, higher_is_better=False) == Position(1, 1, 5)
    assert position(95, OTHERS, higher_is_better=False) == Position(4, 5, 5)
    assert position(72, OTHERS, higher_is_better=False) == Position(2, 3, 5)


def test_equal_figures_share_a_place():
    tied = position(70, [70, 70, 80], higher_is_better=True)
    assert (tied.rank, tied.count, tied.tied) == (2, 4, True)
    assert tied.label == "joint 2nd of 4"


def test_nothing_to_compare_with_has_no_quarter():
    assert position(70, [], higher_is_better=True) == Position(None, 1, 1)


def test_a_big_group_reads_with_thousands():
    assert position(1, range(2, 1502), higher_is_better=False).label == "1st of 1,501"


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (112, "112th"), (355, "355th")],
)  # fmt: skip
def test_ordinals(number, words):
    assert ordinal(number) == words
