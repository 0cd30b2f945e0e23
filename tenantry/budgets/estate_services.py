"""Delegated estate budgets: opening one with its rules, each year's allocation, closing a
year (carrying over what is unspent, or returning it), and bids: submitted, decided, paid with
receipts and completed with a photo (docs/budgets.md).

Every change that depends on what is in the budget or on the bids already made (the year's
allocation, a decision, the bids a group has made this year) first takes the lock on the
budget's row, the same lock budgets/ledger.py takes for money, so two people acting at once
are taken one after the other."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tenantry.core.figures import money_text
from tenantry.core.models import User
from tenantry.core.periods import financial_year, financial_year_of
from tenantry.homes.models import Estate
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from . import figures, ledger
from . import permissions as can
from .models import (
    Bid,
    BidPayment,
    BidRoute,
    BidStatus,
    Budget,
    BudgetKind,
    EntryKind,
    EstateRules,
    EstateYear,
)
from .selectors import homes_counted

Action = AuditEntry.Action

# What has been paid towards a bid (negative: money out), leaving out payments reversed since.
PAID = Sum("payments__entry__amount", filter=Q(payments__entry__reversed_by__isnull=True))


def _record(budget: Budget, by, action: str, what: str) -> None:
    record_change(organisation=budget.organisation, by=by, action=action, what=what)


def _lock(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().get(pk=budget.pk)


@transaction.atomic
def open_estate_budget(
    *,
    organisation: Organisation,
    estate: Estate,
    name: str,
    opened_on: date,
    rules: EstateRules,
    representatives=(),
    by: User | None,
) -> Budget:
    """Open a ring-fenced budget for one estate, with the rules its money is spent by."""
    require(can.can_keep_budgets, user=by, organisation=organisation)
    budget = Budget(
        organisation=organisation,
        kind=BudgetKind.ESTATE,
        estate=estate,
        name=name,
        opened_on=opened_on,
        created_by=by,
    )
    budget.full_clean()
    budget._history_user = by
    budget.save()
    rules.budget = budget
    rules.full_clean()
    rules.save()
    rules.representatives.set(representatives)
    _record(budget, by, Action.CREATED, name)
    return budget


@transaction.atomic
def save_rules(*, rules: EstateRules, representatives, by: User | None) -> EstateRules:
    """Change an estate budget's rules and its representatives."""
    require(can.can_keep_budgets, user=by, organisation=rules.budget.organisation)
    rules.full_clean()
    rules.save()
    rules.representatives.set(representatives)
    _record(rules.budget, by, Action.CHANGED, _("Rules of %(budget)s") % {"budget": rules.budget})
    return rules


@transaction.atomic
def allocate_year(*, budget: Budget, year: int, by: User | None) -> EstateYear:
    """Pay the year's allocation into the estate budget: the amount per home times the homes
    on the estate the organisation manages (selectors.homes_counted), dated 1 April. Once a
    year."""
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    budget = _lock(budget)
    rules = EstateRules.objects.get(budget=budget)
    if EstateYear.objects.filter(budget=budget, year=year).exists():
        raise ValidationError({"year": _("This year's allocation has already been made")})
    period = financial_year(year)
    if period.end < budget.opened_on:
        raise ValidationError({"year": _("The budget was not open in that year")})
    homes = homes_counted(organisation=budget.organisation, year=period, estate=budget.estate)
    amount = figures.allocation(rules.per_home, homes)
    entry = None
    if amount > 0:
        entry = ledger.add_entry(
            budget=budget,
            on=max(period.start, budget.opened_on),
            kind=EntryKind.ALLOCATION,
            description=_("Allocation for %(year)s: %(homes)s homes at £%(per_home)s")
            % {"year": period.label, "homes": homes, "per_home": money_text(rules.per_home)},
            amount=amount,
            by=by,
        )
    return EstateYear.objects.create(
        budget=budget, year=year, homes=homes, per_home=rules.per_home, allocation=entry
    )


@transaction.atomic
def close_year(*, budget: Budget, year: int, today: date, by: User | None) -> EstateYear:
    """At the end of a year, what is unspent goes back (an entry dated 31 March) and what the
    rules let the estate keep is carried into the next year (an entry dated 1 April), so each
    year's ledger shows both. Once a year, and only after it has ended."""
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    budget = _lock(budget)
    rules = EstateRules.objects.get(budget=budget)
    period = financial_year(year)
    found = EstateYear.objects.filter(budget=budget, year=year).first()
    if found is None:
        raise ValidationError({"year": _("Allocate the year before closing it")})
    if found.closed_on is not None:
        raise ValidationError({"year": _("This year has already been closed")})
    if today <= period.end:
        raise ValidationError({"year": _("A year is closed after it ends, on 31 March")})
    unspent = ledger.balance(budget, period.end)
    kept = figures.carry_over(unspent, rules.carry_over_limit) if rules.carry_over else figures.ZERO
    label = {"year": period.label}
    if unspent > 0:
        ledger.add_entry(
            budget=budget,
            on=period.end,
            kind=EntryKind.CORRECTION,
            description=_("Unspent at the end of %(year)s") % label,
            amount=-unspent,
            by=by,
        )
    if kept > 0:
        ledger.add_entry(
            budget=budget,
            on=financial_year(year + 1).start,
            kind=EntryKind.CARRIED_OVER,
            description=_("Carried over from %(year)s") % label,
            amount=kept,
            by=by,
        )
    found.closed_on, found.unspent, found.carried_over = today, unspent, kept
    found.save(update_fields=["closed_on", "unspent", "carried_over"])
    return found


# --- bids ---------------------------------------------------------------------------------------


def committed(budget: Budget, *, leaving_out: Bid | None = None) -> Decimal:
    """What approved bids still have to be paid: each one's cost less what has been paid
    towards it (never less than nothing)."""
    approved = Bid.objects.filter(budget=budget, status=BidStatus.APPROVED)
    if leaving_out is not None:
        approved = approved.exclude(pk=leaving_out.pk)
    owed = figures.ZERO
    rows = approved.annotate(paid=PAID).values_list("cost", "paid")
    for cost, paid in rows:
        owed += max(cost + (paid or figures.ZERO), figures.ZERO)  # payments are negative
    return owed


def bids_this_year(budget: Budget, group: str, on: date) -> int:
    """The bids a group has made in the financial year `on` falls in, refused ones left out."""
    year = financial_year_of(on)
    return (
        Bid.objects.filter(
            budget=budget, group__iexact=group.strip(), submitted_on__range=(year.start, year.end)
        )
        .exclude(status=BidStatus.REFUSED)
        .count()
    )


@transaction.atomic
def submit_bid(*, bid: Bid, by: User | None) -> Bid:
    """Put a bid in: a quick bid if it costs no more than the quick-bid limit, otherwise one for
    the committee; refused if the group has made as many bids this year as the rules allow."""
    budget = bid.budget
    require(can.can_bid, user=by, organisation=budget.organisation)
    budget = _lock(budget)
    rules = EstateRules.objects.get(budget=budget)
    bid.group = bid.group.strip()
    limit = rules.bids_per_group_per_year
    if limit is not None and bids_this_year(budget, bid.group, bid.submitted_on) >= limit:
        raise ValidationError(
            {
                "group": _(
                    "%(group)s has already made %(limit)s bids this year, the most the rules allow"
                )
                % {"group": bid.group, "limit": limit}
            }
        )
    if bid.submitted_on < budget.opened_on:
        raise ValidationError({"submitted_on": _("The budget was not open then")})
    bid.route = BidRoute.QUICK if bid.cost <= rules.quick_bid_limit else BidRoute.COMMITTEE
    bid.status = BidStatus.SUBMITTED
    bid.submitted_by = by
    bid.full_clean()
    bid.save()
    _record(budget, by, Action.CREATED, _("Bid: %(bid)s") % {"bid": bid})
    return bid


def may_decide(bid: Bid, user: User | None) -> bool:
    """Whether `user` may decide this bid: see permissions.may_decide."""
    if user is None:
        return True
    roles = roles_in(user=user, organisation=bid.budget.organisation)
    representatives = set(
        EstateRules.representatives.through.objects.filter(
            estaterules__budget=bid.budget
        ).values_list("user_id", flat=True)
    )
    return can.may_decide(
        roles, user=user, quick=bid.route == BidRoute.QUICK, representatives=representatives
    )


@transaction.atomic
def decide_bid(*, bid: Bid, approve: bool, on: date, note: str, by: User | None) -> Bid:
    """Approve or refuse a bid. An approval must fit in what the budget has left once the
    bids already approved are paid; a refusal gives its reason."""
    require(can.can_decide_bids, user=by, organisation=bid.budget.organisation)
    if not may_decide(bid, by):
        raise PermissionDenied
    budget = _lock(bid.budget)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationError(_("This bid has already been decided"))
    if on < bid.submitted_on:
        raise ValidationError({"on": _("A bid cannot be decided before it was made")})
    if approve:
        free = ledger.balance(budget) - committed(budget, leaving_out=bid)
        if bid.cost > free:
            raise ValidationError(
                {
                    "approve": _(
                        "The budget has £%(free)s left once the bids already approved are paid, "
                        "less than this bid's £%(cost)s"
                    )
                    % {"free": money_text(max(free, figures.ZERO)), "cost": money_text(bid.cost)}
                }
            )
    elif not note.strip():
        raise ValidationError({"note": _("Give the reason the bid is refused")})
    bid.status = BidStatus.APPROVED if approve else BidStatus.REFUSED
    bid.decided_on, bid.decided_by, bid.decision_note = on, by, note
    bid.full_clean()
    bid.save()
    _record(
        budget,
        by,
        Action.CHANGED,
        (_("Bid approved: %(bid)s") if approve else _("Bid refused: %(bid)s")) % {"bid": bid},
    )
    return bid


@transaction.atomic
def pay_bid(*, bid: Bid, on: date, amount: Decimal, reference: str, by: User | None) -> BidPayment:
    """Pay towards an approved bid from the estate budget, with the receipt's number."""
    require(can.can_keep_budgets, user=by, organisation=bid.budget.organisation)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.status != BidStatus.APPROVED:
        raise ValidationError(_("Only an approved bid is paid"))
    if not reference.strip():
        raise ValidationError({"reference": _("Enter the receipt or invoice number")})
    if bid.decided_on and on < bid.decided_on:
        raise ValidationError({"on": _("A bid is paid after it is approved")})
    paid = -(
        bid.payments.filter(entry__reversed_by__isnull=True).aggregate(total=Sum("entry__amount"))[
            "total"
        ]
        or figures.ZERO
    )
    if amount is not None and paid + amount > bid.cost:
        raise ValidationError(
            {
                "amount": _(
                    "The bid was approved for £%(cost)s and £%(paid)s has been paid: pay no more "
                    "than £%(left)s"
                )
                % {
                    "cost": money_text(bid.cost),
                    "paid": money_text(paid),
                    "left": money_text(bid.cost - paid),
                }
            }
        )
    entry = ledger.spend(
        budget=bid.budget,
        on=on,
        description=_("Bid: %(bid)s") % {"bid": bid.title},
        amount=amount,
        reference=reference,
        by=by,
    )
    return BidPayment.objects.create(bid=bid, entry=entry)


@transaction.atomic
def complete_bid(*, bid: Bid, on: date, photo: ContentFile, by: User | None) -> Bid:
    """Mark an approved, paid bid's work finished, with a photo of it."""
    require(can.can_keep_budgets, user=by, organisation=bid.budget.organisation)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.status != BidStatus.APPROVED:
        raise ValidationError(_("Only an approved bid is completed"))
    if not bid.payments.filter(entry__reversed_by__isnull=True).exists():
        raise ValidationError(_("Record what was paid before completing the bid"))
    if photo is None:
        raise ValidationError({"photo": _("Add a photo of the finished work")})
    if on < bid.decided_on:
        raise ValidationError({"on": _("The work cannot be finished before the bid was approved")})
    bid.status, bid.completed_on = BidStatus.COMPLETED, on
    bid.completion_photo.save("photo.jpg", photo, save=False)
    bid.save()
    _record(bid.budget, by, Action.CHANGED, _("Bid completed: %(bid)s") % {"bid": bid})
    return bid


def bids_of(budget: Budget):
    return (
        Bid.objects.filter(budget=budget)
        .annotate(paid=-Coalesce(PAID, figures.ZERO))
        .order_by("-submitted_on", "-pk")
    )
