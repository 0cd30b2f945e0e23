"""Two people spending the last of a budget at the same moment, each on their own PostgreSQL
connection: one spend goes through, the other is refused, and the budget never goes below
nothing (the row lock in budgets/ledger.py)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from tenantry.budgets import ledger
from tenantry.budgets.models import EntryKind, LedgerEntry
from tenantry.budgets.tests.factories import BudgetFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def _at_once(threads: int, work) -> list[str]:
    start = threading.Barrier(threads)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    running = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return outcomes


def _budget_with(amount: str):
    budget = BudgetFactory()
    ledger.add_entry(
        budget=budget, on=date(2025, 4, 1), kind=EntryKind.ALLOCATION, description="Allocation",
        amount=Decimal(amount), by=None,
    )  # fmt: skip
    return budget


def test_two_people_spending_the_last_of_a_budget_one_is_refused():
    budget = _budget_with("300.00")

    def pay(n: int) -> None:
        ledger.spend(
            budget=budget, on=date(2025, 6, 1), description=f"Invoice {n}",
            amount=Decimal("300.00"),
            by=None,
        )  # fmt: skip

    assert sorted(_at_once(2, pay)) == ["ValidationError", "ok"]
    assert ledger.balance(budget) == Decimal("0.00")
    assert LedgerEntry.objects.filter(budget=budget, kind=EntryKind.SPEND).count() == 1


def test_many_small_spends_at_once_stop_exactly_at_nothing():
    budget = _budget_with("50.00")

    def pay(n: int) -> None:
        ledger.spend(
            budget=budget, on=date(2025, 6, 1), description=f"Receipt {n}", amount=Decimal("10.00"),
            by=None,
        )  # fmt: skip

    outcomes = _at_once(8, pay)
    assert outcomes.count("ok") == 5
    assert outcomes.count("ValidationError") == 3
    assert ledger.balance(budget) == Decimal("0.00")
