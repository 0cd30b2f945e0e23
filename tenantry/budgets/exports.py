"""A budget's ledger as a workbook for the organisation's accountant: one row per
transaction, dates as dates and amounts as numbers (core/exports.py writes the typed cells),
money in and money out in columns of their own, and a running balance that ends at the
budget's balance (budgets/ledger.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tenantry.core.exports import Sheet

from . import ledger
from .models import Actual, Budget, BudgetKind, LedgerEntry
from .selectors import ledger_rows

ZERO = Decimal("0.00")


@dataclass
class Totals:
    money_in: Decimal
    money_out: Decimal  # a positive sum
    balance: Decimal


def ledger_totals(budget: Budget) -> Totals:
    """Money in, money out and what is left: in one query; in less out is the balance."""
    sums = LedgerEntry.objects.filter(budget=budget).aggregate(
        money_in=Sum("amount", filter=Q(amount__gt=0), default=ZERO),
        money_out=Sum("amount", filter=Q(amount__lt=0), default=ZERO),
    )
    money_in, money_out = sums["money_in"], -sums["money_out"]
    return Totals(money_in, money_out, (money_in - money_out).quantize(Decimal("0.01")))


def ledger_sheets(budget: Budget) -> list[Sheet]:
    """The ledger; for the management allowance, whose ledger holds the landlord's payments,
    a second sheet of the actual spend from the organisation's accounts."""
    sheets = [Sheet(_("Ledger"), _ledger_rows(budget))]
    if budget.kind == BudgetKind.MANAGEMENT_ALLOWANCE:
        sheets.append(Sheet(_("Actual spend"), _actual_rows(budget)))
    return sheets


def _actual_rows(budget: Budget):
    yield [_("Date"), _("Reference"), _("Service"), _("Description"), _("Amount, £")]
    total = ZERO
    for actual in Actual.objects.filter(budget=budget).order_by("on", "pk").iterator(2000):
        total += actual.amount
        yield [
            actual.on,
            actual.reference,
            actual.get_service_display(),
            actual.description,
            actual.amount,
        ]
    yield [None, None, None, _("Total"), total]


def _ledger_rows(budget: Budget):
    yield [
        _("Date"),
        _("Kind of entry"),
        _("Description"),
        _("Reference"),
        _("Money in, £"),
        _("Money out, £"),
        _("Balance, £"),
        _("Recorded by"),
    ]
    running = ZERO
    total_in = total_out = ZERO
    for entry in ledger_rows(budget).iterator(chunk_size=2000):
        running += entry.amount
        money_in = entry.amount if entry.amount > 0 else None
        money_out = -entry.amount if entry.amount < 0 else None
        total_in += money_in or ZERO
        total_out += money_out or ZERO
        yield [
            entry.on,
            entry.get_kind_display(),
            entry.description,
            entry.reference,
            money_in,
            money_out,
            running,
            entry.recorded_by.name if entry.recorded_by else "",
        ]
    yield [None, None, _("Total"), None, total_in, total_out, ledger.balance(budget), None]


def ledger_filename(budget: Budget) -> str:
    return f"ledger-{slugify(budget.name) or budget.pk}"
