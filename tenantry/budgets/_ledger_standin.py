"""A minimal stand-in for the budgets ledger's two functions (`balance`, `add_entry`), used by
participatory budgeting through one import in `participatory_services`; the ledger module of
the budgets app replaces it with the same signatures."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from tenantry.core.models import User

from .models import Budget, LedgerEntry


def balance(budget: Budget, on: date | None = None) -> Decimal:
    """What is left in the budget: every entry up to and including `on` (all when not given)."""
    entries = LedgerEntry.objects.filter(budget=budget)
    if on is not None:
        entries = entries.filter(on__lte=on)
    return entries.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def add_entry(
    *,
    budget: Budget,
    on: date,
    kind: str,
    description: str,
    amount: Decimal,
    reference: str = "",
    by: User | None,
) -> LedgerEntry:
    """One entry in the budget's ledger (positive in, negative out)."""
    entry = LedgerEntry(
        budget=budget,
        on=on,
        kind=kind,
        description=description,
        amount=amount,
        reference=reference,
        recorded_by=by,
    )
    entry.full_clean()
    entry.save()
    return entry
