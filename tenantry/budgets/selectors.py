"""Reads about budgets: the management allowance against spend, an estate budget's years and
bids, Community Cashback, and a budget's ledger with its running balance."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, QuerySet, Sum, Value, When
from django.utils import timezone

from tenantry.core.periods import Period, financial_year
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import DelegatedService, Organisation

from . import figures
from .models import Actual, AllowanceLine, Budget, BudgetKind, LandlordCost, LedgerEntry

ZERO = Decimal("0.00")

# A date's quarter of the financial year: April–June is Q1 (core/periods.py).
QUARTER_OF_MONTH = Case(
    When(on__month__in=(4, 5, 6), then=Value(1)),
    When(on__month__in=(7, 8, 9), then=Value(2)),
    When(on__month__in=(10, 11, 12), then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def budgets_of(*, organisation: Organisation, kinds=None) -> QuerySet[Budget]:
    """The organisation's budgets, with their estates."""
    found = Budget.objects.filter(organisation=organisation).select_related("estate")
    if kinds is not None:
        found = found.filter(kind__in=kinds)
    return found.order_by("kind", "name", "pk")


def balances(budgets: list[Budget]) -> dict[int, Decimal]:
    """Each budget's balance in one query (the sum `ledger.balance` gives for each)."""
    totals = (
        LedgerEntry.objects.filter(budget__in=budgets)
        .values("budget")
        .order_by()
        .annotate(total=Sum("amount"))
    )
    found = {row["budget"]: row["total"] for row in totals}
    return {b.pk: (found.get(b.pk) or ZERO).quantize(figures.PENNY) for b in budgets}


def homes_counted(*, organisation: Organisation, year: Period, estate=None) -> int:
    """The homes a year's cost per home is shared by: those the organisation manages on the
    year's first day (1 April), or, if it had none then, on its last day (or today, for the year
    under way), so an agreement that started during the year is still counted."""
    for on in (year.start, min(year.end, timezone.localdate())):
        homes = homes_of(organisation=organisation, on=on)
        if estate is not None:
            homes = homes.filter(estate=estate)
        count = homes.count()
        if count:
            return count
    return 0


@dataclass
class AllowanceRow:
    service: str
    label: str
    budget: Decimal = ZERO
    actual: Decimal = ZERO
    budget_quarters: list[Decimal] = field(default_factory=lambda: [ZERO] * 4)
    actual_quarters: list[Decimal] = field(default_factory=lambda: [ZERO] * 4)
    budget_per_home: Decimal | None = None
    actual_per_home: Decimal | None = None
    landlord_per_home: Decimal | None = None

    @property
    def variance(self) -> Decimal:
        return figures.variance(self.budget, self.actual)

    @property
    def variance_percent(self) -> Decimal | None:
        return figures.variance_percent(self.budget, self.actual)

    @property
    def quarters(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        return [
            (b, a, figures.variance(b, a))
            for b, a in zip(self.budget_quarters, self.actual_quarters, strict=True)
        ]


@dataclass
class AllowanceReport:
    year: Period
    homes: int
    rows: list[AllowanceRow]
    total: AllowanceRow


def allowance_report(*, budget: Budget, year: int) -> AllowanceReport:
    """The year's budget lines against actual spend, by service and quarter, with each
    service's cost per home beside the landlord's own where it gives one."""
    period = financial_year(year)
    organisation = budget.organisation
    homes = homes_counted(organisation=organisation, year=period)
    rows: dict[str, AllowanceRow] = {}

    def row(service: str) -> AllowanceRow:
        if service not in rows:
            rows[service] = AllowanceRow(service, str(DelegatedService(service).label))
        return rows[service]

    for line in AllowanceLine.objects.filter(budget=budget, year=year):
        found = row(line.service)
        found.budget = line.amount
        found.budget_quarters = figures.quarter_split(line.amount)
    spent = (
        Actual.objects.filter(budget=budget, on__range=(period.start, period.end))
        .annotate(quarter=QUARTER_OF_MONTH)
        .values("service", "quarter")
        .order_by()
        .annotate(total=Sum("amount"))
    )
    for each in spent:
        found = row(each["service"])
        found.actual_quarters[each["quarter"] - 1] += each["total"]
        found.actual += each["total"]
    landlord_costs = {}
    if organisation.landlord_id:
        landlord_costs = dict(
            LandlordCost.objects.filter(
                landlord_id=organisation.landlord_id, year=year
            ).values_list("service", "cost_per_home")
        )
    order = list(DelegatedService.values)
    ordered = sorted(rows.values(), key=lambda r: order.index(r.service))
    total = AllowanceRow("", "")
    for found in ordered:
        found.budget_per_home = figures.per_home(found.budget, homes)
        found.actual_per_home = figures.per_home(found.actual, homes)
        found.landlord_per_home = landlord_costs.get(found.service)
        total.budget += found.budget
        total.actual += found.actual
        for q in range(4):
            total.budget_quarters[q] += found.budget_quarters[q]
            total.actual_quarters[q] += found.actual_quarters[q]
    total.budget_per_home = figures.per_home(total.budget, homes)
    total.actual_per_home = figures.per_home(total.actual, homes)
    return AllowanceReport(period, homes, ordered, total)


def allowance_of(organisation: Organisation) -> Budget | None:
    return Budget.objects.filter(
        organisation=organisation, kind=BudgetKind.MANAGEMENT_ALLOWANCE
    ).first()


@dataclass
class LedgerLine:
    entry: LedgerEntry
    balance: Decimal


def ledger_lines(*, budget: Budget, entries: list[LedgerEntry]) -> list[LedgerLine]:
    """A page of entries, each with the balance after it: the balance before the page's first
    entry in one query, then added up."""
    if not entries:
        return []
    first = entries[0]
    before = (
        LedgerEntry.objects.filter(budget=budget)
        .filter(on__lt=first.on)
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    ) + (
        LedgerEntry.objects.filter(budget=budget, on=first.on, pk__lt=first.pk).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )
    lines, running = [], before
    for entry in entries:
        running += entry.amount
        lines.append(LedgerLine(entry, running.quantize(figures.PENNY)))
    return lines


def ledger_rows(budget: Budget):
    """Every entry of the budget in date order, for the accountant's workbook."""
    return (
        LedgerEntry.objects.filter(budget=budget).select_related("recorded_by").order_by("on", "pk")
    )
