"""A budget's balance, and money in and out of its ledger (budgets/ledger.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tenantry.budgets import ledger
from tenantry.budgets.models import EntryKind, LedgerEntry
from tenantry.budgets.tests.factories import BudgetFactory
from tenantry.organisations.models import AuditEntry

pytestmark = pytest.mark.django_db

D = Decimal


def _in(budget, amount, on=date(2025, 4, 1), kind=EntryKind.ALLOCATION):
    return ledger.add_entry(
        budget=budget, on=on, kind=kind, description="In", amount=D(amount), by=None
    )


def test_an_empty_budget_has_nothing():
    assert ledger.balance(BudgetFactory()) == D("0.00")


def test_balance_adds_every_entry_and_on_a_day_those_up_to_it():
    budget = BudgetFactory(opened_on=date(2025, 4, 1))
    _in(budget, "1000.00", date(2025, 4, 1))
    ledger.spend(
        budget=budget, on=date(2025, 6, 30), description="Benches", amount=D("250.50"), by=None
    )
    _in(budget, "99.99", date(2025, 7, 1), EntryKind.REFUND)
    # 1000.00 - 250.50 + 99.99 = 849.49; on 30 June the refund has not come: 749.50.
    assert ledger.balance(budget) == D("849.49")
    assert ledger.balance(budget, date(2025, 6, 30)) == D("749.50")
    assert ledger.balance(budget, date(2025, 6, 29)) == D("1000.00")
    assert ledger.balance(budget, date(2025, 3, 31)) == D("0.00")


def test_spending_exactly_what_is_left_is_allowed_and_a_penny_more_is_not():
    budget = BudgetFactory()
    _in(budget, "100.00")
    with pytest.raises(ValidationError) as refused:
        ledger.spend(
            budget=budget, on=date(2025, 5, 1), description="Paint", amount=D("100.01"), by=None
        )
    assert "not enough left" in str(refused.value)
    ledger.spend(
        budget=budget, on=date(2025, 5, 1), description="Paint", amount=D("100.00"), by=None
    )
    assert ledger.balance(budget) == D("0.00")
    assert LedgerEntry.objects.filter(budget=budget).count() == 2


def test_money_arriving_later_cannot_pay_for_a_spend_today():
    budget = BudgetFactory()
    _in(budget, "50.00", date(2025, 4, 1))
    _in(budget, "500.00", date(2026, 4, 1))
    with pytest.raises(ValidationError):
        ledger.spend(
            budget=budget, on=date(2025, 5, 1), description="Too soon", amount=D("60.00"), by=None
        )


def test_a_backdated_spend_cannot_leave_a_later_day_below_nothing():
    budget = BudgetFactory()
    _in(budget, "100.00", date(2025, 4, 1))
    ledger.spend(
        budget=budget, on=date(2025, 9, 1), description="Later", amount=D("80.00"), by=None
    )
    # On 1 May there is 100.00, but on 1 September it would be 100 - 30 - 80 = -10.
    with pytest.raises(ValidationError):
        ledger.spend(
            budget=budget, on=date(2025, 5, 1), description="Earlier", amount=D("30.00"), by=None
        )
    ledger.spend(
        budget=budget, on=date(2025, 5, 1), description="Earlier", amount=D("20.00"), by=None
    )
    assert ledger.balance(budget) == D("0.00")


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        (EntryKind.ALLOCATION, "-5.00"),
        (EntryKind.SAVING, "-5.00"),
        (EntryKind.SPEND, "5.00"),
        (EntryKind.CORRECTION, "0.00"),
        (EntryKind.ALLOCATION, "1.001"),
    ],
)
def test_amounts_the_wrong_way_round_nothing_or_fractions_of_a_penny_are_refused(kind, amount):
    budget = BudgetFactory()
    _in(budget, "10.00")
    with pytest.raises(ValidationError) as refused:
        ledger.add_entry(
            budget=budget,
            on=date(2025, 5, 1),
            kind=kind,
            description="x",
            amount=D(amount),
            by=None,
        )
    assert "amount" in refused.value.message_dict
    assert ledger.balance(budget) == D("10.00")


def test_an_entry_before_the_budget_opened_is_refused():
    budget = BudgetFactory(opened_on=date(2025, 4, 1))
    with pytest.raises(ValidationError) as refused:
        _in(budget, "10.00", date(2025, 3, 31))
    assert "on" in refused.value.message_dict


def test_spend_takes_a_positive_sum():
    budget = BudgetFactory()
    _in(budget, "10.00")
    with pytest.raises(ValidationError):
        ledger.spend(
            budget=budget, on=date(2025, 5, 1), description="x", amount=D("-1.00"), by=None
        )


def test_a_mistake_is_reversed_not_changed_and_reversing_spent_money_is_refused():
    budget = BudgetFactory()
    wrong = _in(budget, "100.00")
    ledger.reverse_entry(entry=wrong, on=date(2025, 4, 2), reason="typed twice", by=None)
    assert ledger.balance(budget) == D("0.00")
    assert list(LedgerEntry.objects.filter(budget=budget).values_list("amount", flat=True)) == [
        D("100.00"),
        D("-100.00"),
    ]
    with pytest.raises(ValidationError) as twice:
        ledger.reverse_entry(entry=wrong, on=date(2025, 4, 3), reason="again", by=None)
    assert "already been reversed" in str(twice.value)
    again = _in(budget, "100.00")
    ledger.spend(
        budget=budget, on=date(2025, 5, 1), description="Spent", amount=D("60.00"), by=None
    )
    with pytest.raises(ValidationError):
        ledger.reverse_entry(entry=again, on=date(2025, 5, 2), reason="late", by=None)


def test_each_entry_is_written_in_the_audit_log(cast):
    budget = BudgetFactory(organisation=cast.tmo)
    _in(budget, "10.00")
    assert AuditEntry.objects.filter(organisation=cast.tmo, what__contains=budget.name).count() == 1
