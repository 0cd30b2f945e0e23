"""The demo's budgets at Kingsmead (budgets/demo.py), on a small generated landlord."""

import pytest
from django.utils import timezone

from tenantry.budgets import ledger, selectors
from tenantry.budgets.demo import add_demo_budgets
from tenantry.budgets.models import Actual, Bid, BidRoute, BidStatus, Budget, BudgetKind
from tenantry.core.periods import financial_year_of
from tenantry.demo.generate import generate

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_allowance_an_estate_budget_with_bids_and_cashback():
    today = timezone.localdate()
    generate(homes=300, years=1, seed=1, as_of=today)
    add_demo_budgets()
    add_demo_budgets()  # a second run adds nothing
    budgets = Budget.objects.filter(organisation__slug="kingsmead-tmo")
    assert sorted(budgets.values_list("kind", flat=True)) == ["allowance", "cashback", "estate"]
    allowance = budgets.get(kind=BudgetKind.MANAGEMENT_ALLOWANCE)
    last_year = financial_year_of(today).start.year - 1
    report = selectors.allowance_report(budget=allowance, year=last_year)
    assert report.rows and report.total.actual > 0 and report.homes > 0
    assert any(row.landlord_per_home is not None for row in report.rows)
    assert Actual.objects.filter(budget=allowance, on__month=3).exists()  # the year's last month
    estate = budgets.get(kind=BudgetKind.ESTATE)
    bids = Bid.objects.filter(budget=estate)
    assert bids.filter(route=BidRoute.QUICK).exists()
    assert bids.filter(route=BidRoute.COMMITTEE).exists()
    assert bids.filter(status=BidStatus.REFUSED).exists()
    assert bids.filter(status=BidStatus.COMPLETED).exclude(completion_photo="").exists()
    assert ledger.balance(estate) >= 0
    cashback = budgets.get(kind=BudgetKind.CASHBACK)
    assert ledger.balance(cashback) > 0
