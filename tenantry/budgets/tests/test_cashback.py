"""Community Cashback: a year's saving against the landlord's cost paid into the community's
budget (budgets/cashback_services.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tenantry.budgets import cashback_services as services
from tenantry.budgets import ledger
from tenantry.budgets import services as budget_services
from tenantry.budgets.models import BudgetKind, CashbackService

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def cashback(cast):
    return budget_services.open_budget(
        organisation=cast.tmo, kind=BudgetKind.CASHBACK, name="Community Cashback",
        opened_on=date(2025, 4, 1), by=None,
    )  # fmt: skip


def _service(budget, taken_over_on=date(2025, 10, 1)):
    return services.save_service(
        service=CashbackService(
            budget=budget, service="grounds", taken_over_on=taken_over_on,
            landlord_cost=D("48000.00"), community_cost=D("39500.00"),
        ),
        by=None,
    )  # fmt: skip


def test_a_part_years_saving_is_paid_in_once_dated_the_years_end(cashback):
    service = _service(cashback)
    credit = services.credit_year(service=service, year=2025, today=date(2026, 4, 1), by=None)
    # 8,500.00 a year for 182 of 365 days: 4,238.36 (worked in test_figures).
    assert (credit.entry.amount, credit.entry.on) == (D("4238.36"), date(2026, 3, 31))
    assert ledger.balance(cashback) == D("4238.36")
    with pytest.raises(ValidationError):
        services.credit_year(service=service, year=2025, today=date(2026, 4, 1), by=None)
    services.credit_year(service=service, year=2026, today=date(2027, 4, 1), by=None)
    assert ledger.balance(cashback) == D("12738.36")


def test_a_saving_is_not_paid_in_before_the_year_ends_nor_for_a_year_before_the_takeover(
    cashback,
):
    service = _service(cashback)
    with pytest.raises(ValidationError):
        services.credit_year(service=service, year=2025, today=date(2026, 3, 31), by=None)
    with pytest.raises(ValidationError):
        services.credit_year(service=service, year=2024, today=date(2026, 4, 1), by=None)


def test_the_cashback_is_spent_like_any_budget_and_never_overspent(cast, cashback):
    service = _service(cashback)
    services.credit_year(service=service, year=2025, today=date(2026, 4, 1), by=None)
    budget_services.record_spend(
        budget=cashback, on=date(2026, 5, 1), description="Community garden tools",
        amount=D("4000.00"), reference="INV-9", by=cast.people["staff"],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        budget_services.record_spend(
            budget=cashback, on=date(2026, 5, 2), description="Too much",
            amount=D("238.37"), reference="INV-10", by=cast.people["staff"],
        )  # fmt: skip
    assert ledger.balance(cashback) == D("238.36")


def test_an_organisation_has_one_management_allowance(cast):
    budget_services.open_budget(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Allowance",
        opened_on=date(2025, 4, 1), by=None,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        budget_services.open_budget(
            organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Again",
            opened_on=date(2025, 4, 1), by=None,
        )  # fmt: skip
