"""Estate budgets with people acting at the same moment, each on their own PostgreSQL
connection: a group's last bid of the year made twice, and the last of the budget approved
for two bids, are each taken once (the budget's row lock in estate_services.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from tenantry.budgets import estate_services
from tenantry.budgets.models import Bid, BidStatus
from tenantry.budgets.tests.estate_helpers import bid, estate_budget
from tenantry.budgets.tests.test_ledger_race import _at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_a_groups_last_bid_of_the_year_made_twice_at_once_is_taken_once(cast):
    budget = estate_budget(cast, bids_per_group_per_year=1)

    def make(n: int) -> None:
        bid(budget, "10.00", group="Garden club")

    assert sorted(_at_once(2, make)) == ["ValidationError", "ok"]
    assert Bid.objects.filter(budget=budget).count() == 1


def test_two_bids_approved_at_once_for_the_last_of_the_budget_one_is_refused(cast):
    budget = estate_budget(cast)
    estate_services.allocate_year(budget=budget, year=2025, by=None)  # £500.00
    bids = [bid(budget, "300.00"), bid(budget, "300.00")]

    def approve(n: int) -> None:
        estate_services.decide_bid(bid=bids[n], approve=True, on=date(2025, 5, 2), note="", by=None)

    assert sorted(_at_once(2, approve)) == ["ValidationError", "ok"]
    assert Bid.objects.filter(budget=budget, status=BidStatus.APPROVED).count() == 1
    assert estate_services.committed(budget) == Decimal("300.00")
