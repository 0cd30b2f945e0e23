"""Delegated estate budgets: allocation per home, carry-over, and the bid rules
(budgets/estate_services.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from tenantry.budgets import estate_services as services
from tenantry.budgets import ledger
from tenantry.budgets.models import BidRoute, BidStatus, EntryKind, LedgerEntry
from tenantry.budgets.tests.estate_helpers import bid, estate_budget

pytestmark = pytest.mark.django_db

D = Decimal
AFTER_2025 = date(2026, 4, 2)


def test_the_allocation_is_the_amount_per_home_times_the_estates_homes(cast):
    budget = estate_budget(cast, per_home=D("250.00"))
    year = services.allocate_year(budget=budget, year=2025, by=None)
    # Two homes on the estate at £250.00 each.
    assert (year.homes, year.allocation.amount, year.allocation.on) == (
        2,
        D("500.00"),
        date(2025, 4, 1),
    )
    assert ledger.balance(budget) == D("500.00")
    with pytest.raises(ValidationError):
        services.allocate_year(budget=budget, year=2025, by=None)


def test_unspent_money_is_carried_over_within_the_limit(cast):
    budget = estate_budget(cast, carry_over_limit=D("300.00"))
    services.allocate_year(budget=budget, year=2025, by=None)
    approved = bid(budget, "80.00")
    services.decide_bid(bid=approved, approve=True, on=date(2025, 5, 2), note="", by=None)
    services.pay_bid(bid=approved, on=date(2025, 6, 1), amount=D("80.00"), reference="R1", by=None)
    year = services.close_year(budget=budget, year=2025, today=AFTER_2025, by=None)
    # 500.00 - 80.00 = 420.00 unspent; the limit keeps 300.00.
    assert (year.unspent, year.carried_over) == (D("420.00"), D("300.00"))
    assert ledger.balance(budget, date(2026, 3, 31)) == D("0.00")
    assert ledger.balance(budget) == D("300.00")
    kinds = list(LedgerEntry.objects.filter(budget=budget).values_list("kind", "amount", "on"))
    assert kinds[-2:] == [
        (EntryKind.CORRECTION, D("-420.00"), date(2026, 3, 31)),
        (EntryKind.CARRIED_OVER, D("300.00"), date(2026, 4, 1)),
    ]
    with pytest.raises(ValidationError):
        services.close_year(budget=budget, year=2025, today=AFTER_2025, by=None)


def test_without_carry_over_the_unspent_money_goes_back(cast):
    budget = estate_budget(cast, carry_over=False)
    services.allocate_year(budget=budget, year=2025, by=None)
    year = services.close_year(budget=budget, year=2025, today=AFTER_2025, by=None)
    assert (year.unspent, year.carried_over) == (D("500.00"), D("0.00"))
    assert ledger.balance(budget) == D("0.00")


def test_a_year_is_not_closed_before_it_ends(cast):
    budget = estate_budget(cast)
    services.allocate_year(budget=budget, year=2025, by=None)
    with pytest.raises(ValidationError):
        services.close_year(budget=budget, year=2025, today=date(2026, 3, 31), by=None)


def test_a_bid_up_to_the_quick_limit_is_quick_and_above_it_goes_to_the_committee(cast):
    budget = estate_budget(cast, quick_bid_limit=D("100.00"))
    assert bid(budget, "100.00").route == BidRoute.QUICK
    assert bid(budget, "100.01").route == BidRoute.COMMITTEE


def test_a_group_may_make_only_the_bids_the_rules_allow_a_year(cast):
    budget = estate_budget(cast, bids_per_group_per_year=2)
    first = bid(budget, "10.00", group="Garden club")
    bid(budget, "10.00", group="garden club ")  # the same group, however typed
    with pytest.raises(ValidationError) as refused:
        bid(budget, "10.00", group="Garden club")
    assert "group" in refused.value.message_dict
    bid(budget, "10.00", group="Youth club")  # another group
    bid(budget, "10.00", group="Garden club", on=date(2026, 4, 1))  # the next year
    # A refused bid does not count against the group.
    services.decide_bid(bid=first, approve=False, on=date(2025, 5, 2), note="No room", by=None)
    bid(budget, "10.00", group="Garden club")


def test_representatives_decide_quick_bids_and_only_the_committee_larger_ones(cast):
    budget = estate_budget(cast)
    services.allocate_year(budget=budget, year=2025, by=None)
    representative, committee = cast.people["resident"], cast.people["committee"]
    quick, larger = bid(budget, "50.00"), bid(budget, "300.00")
    services.decide_bid(bid=quick, approve=True, on=date(2025, 5, 2), note="", by=representative)
    with pytest.raises(PermissionDenied):
        services.decide_bid(
            bid=larger, approve=True, on=date(2025, 5, 2), note="", by=representative
        )
    with pytest.raises(PermissionDenied):
        services.decide_bid(
            bid=bid(budget, "5.00"), approve=True, on=date(2025, 5, 2), note="",
            by=cast.people["staff"],
        )  # fmt: skip
    services.decide_bid(bid=larger, approve=True, on=date(2025, 5, 2), note="", by=committee)


def test_an_approval_must_fit_what_is_left_after_bids_already_approved(cast):
    budget = estate_budget(cast)
    services.allocate_year(budget=budget, year=2025, by=None)  # 500.00
    first = bid(budget, "300.00")
    services.decide_bid(bid=first, approve=True, on=date(2025, 5, 2), note="", by=None)
    services.pay_bid(bid=first, on=date(2025, 6, 1), amount=D("100.00"), reference="R1", by=None)
    # 400.00 left in the budget, 200.00 of it owed on the first bid: 200.00 free.
    too_much = bid(budget, "200.01")
    with pytest.raises(ValidationError) as refused:
        services.decide_bid(bid=too_much, approve=True, on=date(2025, 6, 2), note="", by=None)
    assert "£200.00 left" in str(refused.value)
    services.decide_bid(
        bid=bid(budget, "200.00"), approve=True, on=date(2025, 6, 2), note="", by=None
    )


def test_a_refusal_needs_its_reason_and_a_bid_is_decided_once(cast):
    budget = estate_budget(cast)
    found = bid(budget, "10.00")
    with pytest.raises(ValidationError):
        services.decide_bid(bid=found, approve=False, on=date(2025, 5, 2), note=" ", by=None)
    services.decide_bid(bid=found, approve=False, on=date(2025, 5, 2), note="Not ours", by=None)
    with pytest.raises(ValidationError):
        services.decide_bid(bid=found, approve=True, on=date(2025, 5, 3), note="", by=None)


def test_payments_keep_within_the_bid_and_completion_needs_payment_and_photo(cast):
    budget = estate_budget(cast)
    services.allocate_year(budget=budget, year=2025, by=None)
    found = bid(budget, "90.00")
    with pytest.raises(ValidationError):  # not approved yet
        services.pay_bid(bid=found, on=date(2025, 6, 1), amount=D("90.00"), reference="R", by=None)
    services.decide_bid(bid=found, approve=True, on=date(2025, 5, 2), note="", by=None)
    photo = ContentFile(b"jpeg", name="photo.jpg")
    with pytest.raises(ValidationError):  # nothing paid yet
        services.complete_bid(bid=found, on=date(2025, 7, 1), photo=photo, by=None)
    with pytest.raises(ValidationError):
        services.pay_bid(bid=found, on=date(2025, 6, 1), amount=D("90.01"), reference="R", by=None)
    services.pay_bid(bid=found, on=date(2025, 6, 1), amount=D("90.00"), reference="R2", by=None)
    done = services.complete_bid(bid=found, on=date(2025, 7, 1), photo=photo, by=None)
    assert done.status == BidStatus.COMPLETED
    assert done.completion_photo.name.endswith("photo.jpg")
    assert ledger.balance(budget) == D("410.00")


def test_a_reversed_payment_no_longer_counts_as_paid(cast):
    budget = estate_budget(cast)
    services.allocate_year(budget=budget, year=2025, by=None)
    found = bid(budget, "90.00")
    services.decide_bid(bid=found, approve=True, on=date(2025, 5, 2), note="", by=None)
    payment = services.pay_bid(
        bid=found, on=date(2025, 6, 1), amount=D("90.00"), reference="R1", by=None
    )
    assert services.committed(budget) == D("0.00")
    ledger.reverse_entry(entry=payment.entry, on=date(2025, 6, 2), reason="Wrong bid", by=None)
    # Owed again in full, shown as unpaid, and payable again.
    assert services.committed(budget) == D("90.00")
    assert services.bids_of(budget).get().paid == D("0.00")
    services.pay_bid(bid=found, on=date(2025, 6, 3), amount=D("90.00"), reference="R2", by=None)
    assert ledger.balance(budget) == D("410.00")
