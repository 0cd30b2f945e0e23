"""The landlord's portfolio: each organisation it works with against its key indicators, its
submissions due and the current step of the intervention ladder."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy

from tenantry.core.dated import in_force_q
from tenantry.core.figures import figure_text, rounded
from tenantry.core.periods import financial_year_of
from tenantry.homes.models import Coverage
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.selectors import organisations_working_with

from .models import (
    Indicator,
    Intervention,
    MonitoringItem,
    Result,
    Scope,
    Submission,
    Target,
)
from .performance import GROUPS, group_of
from .schedule import (
    KIND_OF,
    DuePeriod,
    due_periods,
    watched_years,
)
from .targets import Status, status_of

# --- the landlord's portfolio -------------------------------------------------------------------


@dataclass
class Cell:
    indicator: Indicator
    result: Result | None
    previous: Result | None
    target: Target | None
    scheduled: bool = True

    @cached_property  # read for each count of the row and its place in the order
    def status(self) -> Status | None:
        return status_of(self.indicator, self.result.value if self.result else None, self.target)

    @property
    def figure(self) -> str:
        if self.result is None:
            return "–"
        return figure_text(self.result.value, self.indicator.unit, places=self.indicator.decimals)

    @property
    def trend(self) -> str | None:
        """better, worse or same against the previous period of the same kind."""
        if self.result is None or self.previous is None:
            return None
        now = rounded(self.result.value, self.indicator.decimals)
        before = rounded(self.previous.value, self.indicator.decimals)
        if now == before:
            return "same"
        return "better" if (now > before) == self.indicator.higher_is_better else "worse"

    @property
    def previous_figure(self) -> str:
        if self.previous is None:
            return ""
        return figure_text(self.previous.value, self.indicator.unit, places=self.indicator.decimals)


INTERVENTION_RANK = {
    Intervention.Level.DISCUSSION: 1,
    Intervention.Level.IMPROVEMENT_NOTICE: 2,
    Intervention.Level.FORMAL: 3,
}


@dataclass
class PortfolioRow:
    organisation: Organisation
    agreement: ManagementAgreement
    homes: int
    cells: list[Cell]
    periods: list[DuePeriod]
    intervention: Intervention | None  # the highest open step

    def _count(self, *states: str) -> int:
        return sum(1 for d in self.periods if d.state in states)

    @property
    def due(self) -> int:
        return self._count("due", "draft")

    @property
    def overdue(self) -> int:
        return self._count("overdue")

    @property
    def queried(self) -> int:
        return self._count("queried")

    @property
    def awaiting_decision(self) -> int:
        return self._count("submitted")

    @cached_property
    def _statuses(self) -> Counter[Status | None]:
        return Counter(c.status for c in self.cells)

    @property
    def red(self) -> int:
        return self._statuses[Status.RED]

    @property
    def amber(self) -> int:
        return self._statuses[Status.AMBER]

    @property
    def green(self) -> int:
        return self._statuses[Status.GREEN]

    @property
    def needs_attention(self) -> bool:
        return bool(self.red or self.overdue or self.queried or self.intervention)


@dataclass
class Portfolio:
    columns: list[Indicator]
    rows: list[PortfolioRow]
    others: list[Organisation] = field(default_factory=list)  # no agreement in force

    @property
    def homes(self) -> int:
        return sum(r.homes for r in self.rows)


def _live_q(on: date, prefix: str = "") -> Q:
    return in_force_q(on, prefix=prefix)


def portfolio(*, landlord: Organisation, today: date) -> Portfolio:
    """Every organisation the landlord works with, its current agreement, homes managed, key
    indicators (latest figure, trend and status against target), submissions outstanding and
    intervention step. A fixed number of queries, however many organisations there are."""
    homes = (
        Coverage.objects.filter(
            _live_q(today),
            agreement__organisation=OuterRef("pk"),
            agreement__landlord=landlord,
        )
        .values("agreement__organisation")
        .annotate(n=Count("home", distinct=True))
        .values("n")
    )
    current = ManagementAgreement.objects.filter(
        _live_q(today), organisation=OuterRef("pk"), landlord=landlord
    ).order_by("-starts_on", "-pk")
    organisations = list(
        organisations_working_with(landlord=landlord).annotate(
            homes_managed=Coalesce(Subquery(homes, output_field=IntegerField()), 0),
            agreement_id=Subquery(current.values("pk")[:1]),
        )
    )  # query 1
    agreements = ManagementAgreement.objects.in_bulk(
        [o.agreement_id for o in organisations if o.agreement_id]
    )  # query 2
    items_by_agreement: dict[int, list[MonitoringItem]] = defaultdict(list)
    for item in MonitoringItem.objects.filter(agreement_id__in=list(agreements)).select_related(
        "indicator"
    ):  # query 3
        items_by_agreement[item.agreement_id].append(item)
    scheduled = {
        i.indicator_id: i.indicator
        for items in items_by_agreement.values()
        for i in items
        if i.indicator.is_key
    }
    columns = sorted(scheduled.values(), key=lambda i: (i.framework, i.order, i.code)) or list(
        Indicator.objects.filter(is_key=True, organisation__isnull=True)
    )  # query 4, only when nothing key is scheduled
    org_ids = [o.pk for o in organisations if o.agreement_id]
    newest = (
        Result.objects.filter(
            organisation_id__in=org_ids,
            scope=Scope.ORGANISATION,
            stock_type="",
            indicator_id__in=[c.pk for c in columns],
            value__isnull=False,
            # Only periods that are over: a quarter still running is not yet a figure to judge.
            period_end__lt=today,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("organisation_id"), F("indicator_id"), F("period_kind")],
                order_by=F("period_start").desc(),
            )
        )
        .filter(rank__lte=2)
    )
    results: dict[tuple[int, int, str], list[Result]] = defaultdict(list)
    for result in sorted(newest, key=lambda r: r.period_start, reverse=True):  # query 5
        results[(result.organisation_id, result.indicator_id, result.period_kind)].append(result)
    targets = {
        (t.agreement_id, t.indicator_id, t.year_start): t
        for t in Target.objects.filter(  # query 6: only those a cell is judged against
            agreement_id__in=list(agreements),
            indicator_id__in=[c.pk for c in columns],
            year_start__in={
                financial_year_of(r.period_start).start for found in results.values() for r in found
            },
        )
    }
    years = watched_years(today)
    submissions: dict[int, list[Submission]] = defaultdict(list)
    for submission in Submission.objects.filter(
        agreement_id__in=list(agreements), period_start__gte=years[0].start
    ).defer("figures"):  # query 7; what each one sent is not shown here
        submissions[submission.agreement_id].append(submission)
    open_steps: dict[int, Intervention] = {}
    for step in Intervention.objects.filter(
        agreement_id__in=list(agreements), ended_on__isnull=True
    ).order_by("started_on"):  # query 8
        held = open_steps.get(step.agreement_id)
        if held is None or INTERVENTION_RANK[step.level] >= INTERVENTION_RANK[held.level]:
            open_steps[step.agreement_id] = step

    rows, others = [], []
    for organisation in organisations:
        agreement = agreements.get(organisation.agreement_id)
        if agreement is None:
            others.append(organisation)
            continue
        items = items_by_agreement[agreement.pk]
        kinds = {i.indicator_id: KIND_OF[i.frequency] for i in items}
        cells = []
        for indicator in columns:
            if indicator.pk not in kinds:
                cells.append(Cell(indicator, None, None, None, scheduled=False))
                continue
            preferred = kinds[indicator.pk]
            found: list[Result] = []
            for kind in (preferred, "year", "quarter", "month"):
                found = results.get((organisation.pk, indicator.pk, kind), [])
                if found:
                    break
            latest = found[0] if found else None
            year_start = financial_year_of(latest.period_start).start if latest else None
            cells.append(
                Cell(
                    indicator=indicator,
                    result=latest,
                    previous=found[1] if len(found) > 1 else None,
                    target=targets.get((agreement.pk, indicator.pk, year_start)),
                )
            )
        rows.append(
            PortfolioRow(
                organisation=organisation,
                agreement=agreement,
                homes=organisation.homes_managed,
                cells=cells,
                periods=[
                    d
                    for d in due_periods(
                        agreement=agreement,
                        items=items,
                        submissions=submissions[agreement.pk],
                        years=years,
                        today=today,
                        ended_only=True,
                    )
                ],
                intervention=open_steps.get(agreement.pk),
            )
        )
    return Portfolio(columns=columns, rows=rows, others=others)


# The portfolio's views: one for every group of indicators the performance pages use
# (`performance.group_of`), each named the way a landlord reads it.
VIEW_TITLES = {
    "tsm_perception": gettext_lazy("Tenant satisfaction (TSM)"),
    "tsm_management": gettext_lazy("Service measures (TSM)"),
    "best_value": gettext_lazy("Best Value"),
    "local": gettext_lazy("Local indicators"),
}


@dataclass
class ColumnGroup:
    key: str
    title: str
    columns: list[Indicator]


def column_groups(columns: list[Indicator]) -> list[ColumnGroup]:
    """The portfolio's columns in the performance pages' groups and order; a group with no
    column is left out."""
    groups = [ColumnGroup(key, str(VIEW_TITLES[key]), []) for key, _title in GROUPS]
    by_key = {group.key: group for group in groups}
    for indicator in columns:
        by_key[group_of(indicator)].columns.append(indicator)
    return [group for group in groups if group.columns]


def cells_in(row: PortfolioRow, group: ColumnGroup) -> list[Cell]:
    """The row's cells for the group's columns, in the group's order."""
    wanted = {indicator.pk for indicator in group.columns}
    return [cell for cell in row.cells if cell.indicator.pk in wanted]


SORTS = {
    "name": lambda row: row.organisation.name.lower(),
    "homes": lambda row: -row.homes,
    "status": lambda row: (
        -(INTERVENTION_RANK[row.intervention.level] if row.intervention else 0),
        -row.red,
        -row.overdue,
        -row.amber,
        row.organisation.name.lower(),
    ),
}
SHOWS = {
    "all": lambda row: True,
    "attention": lambda row: row.needs_attention,
    "red": lambda row: row.red > 0,
    "on_target": lambda row: not row.needs_attention and not row.amber,
}


def arrange(rows: list[PortfolioRow], *, show: str, sort: str) -> list[PortfolioRow]:
    """Filter and order the portfolio's rows as asked; unknown choices fall back to all/name."""
    keep = SHOWS.get(show, SHOWS["all"])
    return sorted((r for r in rows if keep(r)), key=SORTS.get(sort, SORTS["name"]))
