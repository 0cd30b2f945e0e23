"""Opening budgets and recording money in and out of the organisation's own budgets (the
management allowance and Community Cashback). Each service checks permission first (`require`
with budgets/permissions.py), runs in a transaction and records who acted; the money rule
itself is budgets/ledger.py's."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require

from . import ledger
from . import permissions as can
from .models import Budget, BudgetKind, EntryKind, LedgerEntry

# The kinds whose money is recorded directly on their ledger page. An estate budget's money
# goes out through its bids; a participatory budget's through its projects.
DIRECT_KINDS = frozenset({BudgetKind.MANAGEMENT_ALLOWANCE, BudgetKind.CASHBACK})
MONEY_IN_KINDS = (EntryKind.ALLOCATION, EntryKind.REFUND)


@transaction.atomic
def open_budget(
    *, organisation: Organisation, kind: str, name: str, opened_on: date, by: User | None
) -> Budget:
    """Open a management allowance or Community Cashback budget. An organisation has one
    management allowance."""
    require(can.can_keep_budgets, user=by, organisation=organisation)
    if kind not in DIRECT_KINDS:
        raise ValidationError({"kind": _("Choose a management allowance or Community Cashback")})
    if kind == BudgetKind.MANAGEMENT_ALLOWANCE:
        # Two people opening it at once: the organisation's row serialises them.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if Budget.objects.filter(organisation=organisation, kind=kind).exists():
            raise ValidationError(
                {"kind": _("The organisation's management allowance is already open")}
            )
    budget = Budget(
        organisation=organisation, kind=kind, name=name, opened_on=opened_on, created_by=by
    )
    budget.full_clean()
    budget._history_user = by
    budget.save()
    record_change(organisation=organisation, by=by, action=AuditEntry.Action.CREATED, what=name)
    return budget


def _direct(budget: Budget) -> None:
    if budget.kind not in DIRECT_KINDS:
        raise ValidationError(
            _("Money goes in and out of this budget through its bids and projects")
        )


def record_spend(
    *,
    budget: Budget,
    on: date,
    description: str,
    amount: Decimal,
    reference: str,
    by: User | None,
) -> LedgerEntry:
    """Pay money out of a management allowance or Cashback budget, with its receipt or invoice
    number; refused if it would spend more than is there."""
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    _direct(budget)
    if not reference.strip():
        raise ValidationError({"reference": _("Enter the receipt or invoice number")})
    return ledger.spend(
        budget=budget, on=on, description=description, amount=amount, reference=reference, by=by
    )


def record_money_in(
    *,
    budget: Budget,
    on: date,
    kind: str,
    description: str,
    amount: Decimal,
    reference: str,
    by: User | None,
) -> LedgerEntry:
    """Money paid into a management allowance or Cashback budget: an allowance payment from the
    landlord, a refund."""
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    _direct(budget)
    if kind not in MONEY_IN_KINDS:
        raise ValidationError({"kind": _("Choose what the money is")})
    return ledger.add_entry(
        budget=budget,
        on=on,
        kind=kind,
        description=description,
        amount=amount,
        reference=reference,
        by=by,
    )


def reverse_entry(*, entry: LedgerEntry, on: date, reason: str, by: User | None) -> LedgerEntry:
    """Put a mistaken entry right by an entry for the opposite amount."""
    require(can.can_keep_budgets, user=by, organisation=entry.budget.organisation)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is reversed")})
    if on < entry.on:
        raise ValidationError({"on": _("A reversal cannot be dated before the entry it reverses")})
    return ledger.reverse_entry(entry=entry, on=on, reason=reason, by=by)
