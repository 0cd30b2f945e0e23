"""A budget's balance and every movement of money into or out of it: the one home of the rule
that a ring-fenced budget is never spent below nothing.

Every page, export and service that needs a balance calls `balance`; every entry in any
budget's ledger (an allocation, a carry-over, a spend on a bid, a participatory project's
payment, a correction) is written by `add_entry`. Callers check who may act (each area's
services call `require` with their own rule first); this module checks the money.

The race: two people spending the last of a budget at the same moment would each see enough
left and both spend it. `add_entry` takes a row lock on the budget (`select_for_update`)
before it reads the balance, so the second waits for the first to commit, then sees what is
really left and is refused (tested with two PostgreSQL connections in
tests/test_ledger_race.py).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tenantry.core.figures import money_text
from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry

from .models import Budget, EntryKind, LedgerEntry

ZERO = Decimal("0.00")

# Which way each kind of entry moves money: in (+1), out (-1) or either (0).
DIRECTION: dict[str, int] = {
    EntryKind.ALLOCATION: 1,
    EntryKind.CARRIED_OVER: 1,
    EntryKind.SAVING: 1,
    EntryKind.REFUND: 1,
    EntryKind.SPEND: -1,
    EntryKind.CORRECTION: 0,
}


def balance(budget: Budget, on: date | None = None) -> Decimal:
    """What is left in `budget`: the sum of its entries, those dated up to `on` (inclusive)
    when given, all of them otherwise."""
    entries = LedgerEntry.objects.filter(budget=budget)
    if on is not None:
        entries = entries.filter(on__lte=on)
    total = entries.aggregate(total=Sum("amount"))["total"]
    return (total or ZERO).quantize(Decimal("0.01"))


def _lowest_balance_from(budget: Budget, on: date) -> Decimal:
    """The lowest the balance stands on any day from `on` onwards. A spend dated `on` lowers
    every one of those days, so it fits only if it fits the lowest (an allocation dated next
    April cannot pay for a spend today)."""
    lowest = running = balance(budget, on)
    later = (
        LedgerEntry.objects.filter(budget=budget, on__gt=on)
        .values("on")
        .order_by("on")
        .annotate(total=Sum("amount"))
    )
    for day in later:
        running += day["total"]
        lowest = min(lowest, running)
    return lowest


def _check_entry(entry: LedgerEntry) -> None:
    errors: dict[str, str] = {}
    amount = entry.amount
    if amount is None or amount == 0:
        errors["amount"] = _("Enter an amount other than nothing")
    else:
        direction = DIRECTION.get(entry.kind, 0)
        if direction > 0 and amount < 0:
            errors["amount"] = _("Money coming into the budget is a positive amount")
        elif direction < 0 and amount > 0:
            errors["amount"] = _("Money going out of the budget is a negative amount")
    if entry.on and entry.budget.opened_on and entry.on < entry.budget.opened_on:
        errors["on"] = _("The budget opened on %(day)s: an entry cannot be dated before it") % {
            "day": entry.budget.opened_on.strftime("%d/%m/%Y")
        }
    if errors:
        raise ValidationError(errors)


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
    """Write one movement of money into `budget`'s ledger: a positive amount in, a negative one
    out. Raises ValidationError if money going out would take the balance below nothing on the
    entry's day or any day after it, checked while holding a lock on the budget's row."""
    return _write(
        LedgerEntry(
            budget=budget,
            on=on,
            kind=kind,
            description=description,
            amount=amount,
            reference=reference,
            recorded_by=by,
        ),
        by=by,
    )


@transaction.atomic
def _write(entry: LedgerEntry, *, by: User | None) -> LedgerEntry:
    # The lock comes first: the balance read below must not change until this commits.
    locked = Budget.objects.select_for_update().get(pk=entry.budget_id)
    entry.budget = locked
    on = entry.on
    if entry.reverses_id and LedgerEntry.objects.filter(reverses_id=entry.reverses_id).exists():
        raise ValidationError({"reason": _("This entry has already been reversed")})
    _check_entry(entry)
    entry.full_clean()
    if entry.amount < 0:
        available = _lowest_balance_from(locked, on)
        if available + entry.amount < 0:
            raise ValidationError(
                {
                    "amount": _(
                        "There is not enough left in the budget: £%(left)s is available "
                        "on %(day)s and this would spend £%(spend)s"
                    )
                    % {
                        "left": money_text(max(available, ZERO)),
                        "day": on.strftime("%d/%m/%Y"),
                        "spend": money_text(-entry.amount),
                    }
                }
            )
    entry.save()
    record_change(
        organisation=locked.organisation,
        by=by,
        action=AuditEntry.Action.CREATED,
        what=_("Ledger of %(budget)s: %(entry)s") % {"budget": locked, "entry": entry},
    )
    return entry


def spend(
    *,
    budget: Budget,
    on: date,
    description: str,
    amount: Decimal,
    reference: str = "",
    by: User | None,
) -> LedgerEntry:
    """Pay `amount` (given as a positive sum) out of `budget`; refused if it would overspend."""
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount spent, more than nothing")})
    return add_entry(
        budget=budget,
        on=on,
        kind=EntryKind.SPEND,
        description=description,
        amount=-amount,
        reference=reference,
        by=by,
    )


def reverse_entry(*, entry: LedgerEntry, on: date, reason: str, by: User | None) -> LedgerEntry:
    """Put a mistaken entry right with an entry for the opposite amount: entries are never
    changed, so the ledger keeps both. An entry is reversed once; reversing money that came in
    is refused if it has since been spent."""
    description = _("Reverses %(entry)s: %(reason)s") % {
        "entry": entry.description,
        "reason": reason,
    }
    return _write(
        LedgerEntry(
            budget=entry.budget,
            on=on,
            kind=EntryKind.CORRECTION,
            description=description[: LedgerEntry._meta.get_field("description").max_length],
            amount=-entry.amount,
            reference=entry.reference,
            recorded_by=by,
            reverses=entry,
        ),
        by=by,
    )
