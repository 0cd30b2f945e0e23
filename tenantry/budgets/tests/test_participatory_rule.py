"""The winner rule, worked by hand: in order of votes, skipping any that no longer fit."""

from decimal import Decimal

from tenantry.budgets.participatory_rule import Candidate, choose_winners


def _run(money: str, *candidates: tuple[int, int, str]) -> list[tuple[int, str, str]]:
    """(id, outcome, money left after) for each step; candidates are (id, votes, cost) in
    ballot order."""
    steps = choose_winners(
        [Candidate(id, votes, Decimal(cost), n) for n, (id, votes, cost) in enumerate(candidates)],
        Decimal(money),
    )
    return [(s.id, s.outcome, str(s.left_after)) for s in steps]


def test_most_votes_first_while_the_money_lasts():
    # £5,000: A (40 votes, £2,000) fits, leaving £3,000; B (30, £2,500) fits, leaving £500;
    # C (20, £800) no longer fits.
    assert _run("5000.00", (1, 30, "2500.00"), (2, 40, "2000.00"), (3, 20, "800.00")) == [
        (2, "won", "3000.00"),
        (1, "won", "500.00"),
        (3, "skipped", "500.00"),
    ]


def test_one_that_no_longer_fits_is_skipped_and_the_next_that_fits_is_chosen():
    # £3,000: A (50, £2,000) leaves £1,000; B (40, £1,500) no longer fits; C (30, £900) fits,
    # leaving £100; D (20, £200) no longer fits.
    assert _run(
        "3000.00",
        (1, 50, "2000.00"),
        (2, 40, "1500.00"),
        (3, 30, "900.00"),
        (4, 20, "200.00"),
    ) == [
        (1, "won", "1000.00"),
        (2, "skipped", "1000.00"),
        (3, "won", "100.00"),
        (4, "skipped", "100.00"),
    ]


def test_an_exact_fit_is_chosen_and_leaves_nothing():
    # £1,000: A (10, £600) leaves £400; B (8, £400.00) fits exactly, leaving £0; C (5, £0.01)
    # no longer fits.
    assert _run("1000.00", (1, 10, "600.00"), (2, 8, "400.00"), (3, 5, "0.01")) == [
        (1, "won", "400.00"),
        (2, "won", "0.00"),
        (3, "skipped", "0.00"),
    ]


def test_equal_votes_take_the_cheaper_first():
    # £1,000, both 12 votes: the cheaper B (£300) first, leaving £700; A (£800) no longer fits.
    assert _run("1000.00", (1, 12, "800.00"), (2, 12, "300.00")) == [
        (2, "won", "700.00"),
        (1, "skipped", "700.00"),
    ]


def test_equal_votes_and_cost_go_in_the_order_proposed():
    # £500, both 7 votes and £300: the first on the paper wins; the second no longer fits.
    assert _run("500.00", (9, 7, "300.00"), (4, 7, "300.00")) == [
        (9, "won", "200.00"),
        (4, "skipped", "200.00"),
    ]


def test_a_zero_budget_chooses_only_what_costs_nothing():
    assert _run("0.00", (1, 10, "100.00"), (2, 3, "0.00")) == [
        (1, "skipped", "0.00"),
        (2, "won", "0.00"),
    ]


def test_a_proposal_no_one_voted_for_is_not_chosen_even_when_money_is_left():
    assert _run("1000.00", (1, 4, "100.00"), (2, 0, "50.00")) == [
        (1, "won", "900.00"),
        (2, "not_chosen", "900.00"),
    ]


def test_the_steps_record_the_money_left_before_each():
    steps = choose_winners(
        [Candidate(1, 5, Decimal("700.00"), 0), Candidate(2, 3, Decimal("400.00"), 1)],
        Decimal("1000.00"),
    )
    assert [(s.left_before, s.left_after) for s in steps] == [
        (Decimal("1000.00"), Decimal("300.00")),
        (Decimal("300.00"), Decimal("300.00")),
    ]
