"""Routes of budgets (the management allowance, estate budgets, Community Cashback and every
budget's ledger), for the permission matrix (docs/budgets.md).

Everyone with a role in the organisation reads its estate and Cashback budgets, their bids and
ledgers; the committee and staff keep them. The management allowance is read by its keepers,
the landlord and inspectors. The landlord gives its own cost per home. Residents and members
bid; an estate's representatives (here the cast's resident) and the committee decide quick
bids.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from tenantry.budgets import estate_services
from tenantry.budgets.models import BudgetKind, CashbackService, EntryKind
from tenantry.budgets.tests.estate_helpers import bid, estate_budget
from tenantry.budgets.tests.factories import BudgetFactory
from tenantry.core.tests.matrix import LANDLORD_ONLY, MANAGEMENT, SHOWN_TO_ALL

KEEPERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
LEDGER_EXPORTERS = ["login", 403, 200, 200, 403, 200, 404, 404, 200]
BIDDERS = ["login", 200, 200, 200, 403, 403, 404, 404, 200]
QUICK_BID_DECIDERS = ["login", 200, 200, 403, 403, 403, 404, 404, 200]


def _estate(cast) -> int:
    return estate_budget(cast).pk


def _allowance(cast) -> int:
    return BudgetFactory(organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE).pk


def _cashback(cast) -> int:
    return BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK).pk


def _with_ledger(cast) -> int:
    from tenantry.budgets import ledger

    budget = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK)
    ledger.add_entry(
        budget=budget, on=date(2025, 4, 1), kind=EntryKind.ALLOCATION, description="In",
        amount=Decimal("10.00"), by=None,
    )  # fmt: skip
    return budget.pk


def _entry_pair():
    made = {}

    def budget(cast) -> int:
        from tenantry.budgets import ledger

        found = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK)
        entry = ledger.add_entry(
            budget=found, on=date(2025, 4, 1), kind=EntryKind.ALLOCATION, description="In",
            amount=Decimal("10.00"), by=None,
        )  # fmt: skip
        made["entry"] = entry.pk
        return found.pk

    return {"pk": budget, "entry": lambda cast: made["entry"]}


def _bid_pair(*, approved: bool = False, photo: bool = False):
    made = {}

    def budget(cast) -> int:
        found = estate_budget(cast)
        made_bid = bid(found, "50.00")
        if approved or photo:
            estate_services.allocate_year(budget=found, year=2025, by=None)
            estate_services.decide_bid(
                bid=made_bid, approve=True, on=date(2025, 5, 2), note="", by=None
            )
        if photo:
            estate_services.pay_bid(
                bid=made_bid, on=date(2025, 6, 1), amount=Decimal("50.00"), reference="R1",
                by=None,
            )  # fmt: skip
            estate_services.complete_bid(
                bid=made_bid, on=date(2025, 7, 1), photo=ContentFile(b"\xff\xd8jpeg"), by=None
            )
        made["bid"] = made_bid.pk
        return found.pk

    return {"pk": budget, "bid": lambda cast: made["bid"]}


def _service_pair():
    made = {}

    def budget(cast) -> int:
        found = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK)
        made["service"] = CashbackService.objects.create(
            budget=found, service="grounds", taken_over_on=date(2024, 4, 1),
            landlord_cost=Decimal("100.00"), community_cost=Decimal("50.00"),
        ).pk  # fmt: skip
        return found.pk

    return {"pk": budget, "service": lambda cast: made["service"]}


ROUTES = {
    "budgets:budgets": ("tmo", {}, SHOWN_TO_ALL),
    "budgets:open-budget": ("tmo", {}, KEEPERS),
    "budgets:budget": ("tmo", {"pk": _estate}, SHOWN_TO_ALL),
    "budgets:ledger": ("tmo", {"pk": _with_ledger}, SHOWN_TO_ALL),
    "budgets:ledger-workbook": ("tmo", {"pk": _with_ledger}, LEDGER_EXPORTERS),
    "budgets:spend": ("tmo", {"pk": _cashback}, KEEPERS),
    "budgets:money-in": ("tmo", {"pk": _cashback}, KEEPERS),
    "budgets:reverse-entry": ("tmo", _entry_pair(), KEEPERS),
    # The management allowance.
    "budgets:allowance-lines": ("tmo", {"pk": _allowance}, KEEPERS),
    "budgets:actuals": ("tmo", {"pk": _allowance}, MANAGEMENT),
    "budgets:add-actual": ("tmo", {"pk": _allowance}, KEEPERS),
    "budgets:import-actuals": ("tmo", {"pk": _allowance}, KEEPERS),
    "budgets:landlord-costs": ("tmo", {}, LANDLORD_ONLY),
    # Estate budgets and their bids.
    "budgets:open-estate-budget": ("tmo", {}, KEEPERS),
    "budgets:estate-rules": ("tmo", {"pk": _estate}, KEEPERS),
    "budgets:allocate-year": ("tmo", {"pk": _estate}, KEEPERS),
    "budgets:close-year": ("tmo", {"pk": _estate}, KEEPERS),
    "budgets:add-bid": ("tmo", {"pk": _estate}, BIDDERS),
    "budgets:bid": ("tmo", _bid_pair(), SHOWN_TO_ALL),
    "budgets:bid-photo": ("tmo", _bid_pair(photo=True), SHOWN_TO_ALL),
    "budgets:decide-bid": ("tmo", _bid_pair(), QUICK_BID_DECIDERS),
    "budgets:pay-bid": ("tmo", _bid_pair(approved=True), KEEPERS),
    "budgets:complete-bid": ("tmo", _bid_pair(approved=True), KEEPERS),
    # Community Cashback.
    "budgets:add-cashback-service": ("tmo", {"pk": _cashback}, KEEPERS),
    "budgets:credit-cashback": ("tmo", _service_pair(), KEEPERS),
}
