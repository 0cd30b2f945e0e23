"""The participatory budget's winner rule, published on every round's page
(docs/budgets.md#the-winner-rule):

    The proposals are taken in order of votes, most first. Each is chosen if its cost fits in
    the money still left, and the money left goes down by its cost; one that no longer fits is
    skipped, and the next one that fits is chosen. Proposals with equal votes are taken the
    cheaper first (it leaves more for the others), and at equal cost in the order they were
    proposed (their order on the ballot paper). A proposal no one voted for is not chosen.

This is the usual rule of city participatory budgets, the one Aziz and Shah call "greedy"
("Participatory Budgeting: Models and Approaches", 2021), whichever way residents voted: by
approval, or within the budget. How ties are taken, and that a proposal needs a vote, are
Tenantry's choices, published with the rule.
"""

from dataclasses import dataclass
from decimal import Decimal

from .models import Outcome


@dataclass(frozen=True)
class Candidate:
    id: int
    votes: int
    cost: Decimal
    position: int  # order on the ballot paper (the order proposed)


@dataclass(frozen=True)
class Step:
    id: int
    votes: int
    cost: Decimal
    left_before: Decimal
    left_after: Decimal
    outcome: str  # an `Outcome`


def choose_winners(candidates: list[Candidate], money: Decimal) -> list[Step]:
    """Each candidate's step under the winner rule, in the order the rule takes them."""
    left = money
    steps = []
    for c in sorted(candidates, key=lambda c: (-c.votes, c.cost, c.position)):
        before = left
        if c.votes <= 0:
            outcome = Outcome.NOT_CHOSEN
        elif c.cost <= left:
            outcome = Outcome.WON
            left -= c.cost
        else:
            outcome = Outcome.NO_LONGER_FITS
        steps.append(Step(c.id, c.votes, c.cost, before, left, outcome))
    return steps
