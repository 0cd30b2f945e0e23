"""Reads for landlord monitoring: targets against figures, what the schedule makes due, the
figures a submission carries, and the landlord's portfolio of organisations.

The NFTMO Guide (chapter 6): the agreement names the indicators "together with details about
how often and in what format they will be supplied"; large and small organisations supply the
same indicators, and "the difference between large and small TMOs in monitoring performance
should lie in the degree of vigilance exercised by the council".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.dated import in_force_q
from tenantry.core.figures import figure_text, number_text, rounded
from tenantry.core.periods import Period, financial_year, financial_year_of, months_of, quarters_of
from tenantry.homes.models import Coverage
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.selectors import organisations_working_with

from .benchmarks import peer_spreads
from .models import (
    Frequency,
    Indicator,
    Intervention,
    MonitoringItem,
    PeerLandlord,
    Result,
    Scope,
    Submission,
    Target,
    Unit,
)
from .peers import spread
from .targets import Status, status_as_shown, status_of

# The period kind each frequency reports, and which items a submission for a period carries:
# the year's return holds every scheduled indicator, a quarter's those reported quarterly or
# monthly, a month's only the monthly ones.
KIND_OF: dict[str, str] = {
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.YEARLY: "year",
}
CARRIES: dict[str, set[str]] = {
    "month": {Frequency.MONTHLY},
    "quarter": {Frequency.MONTHLY, Frequency.QUARTERLY},
    "year": {Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY},
}
_KIND_ORDER = {"month": 0, "quarter": 1, "year": 2}


# --- figures as people read them ----------------------------------------------------------------


def headline_results(organisation_id: int) -> QuerySet[Result]:
    """An organisation's own headline results: all its homes, every stock type together."""
    return Result.objects.filter(
        organisation_id=organisation_id,
        scope=Scope.ORGANISATION,
        stock_type="",
        value__isnull=False,
    )


# --- targets ----------------------------------------------------------------------------------


def tolerance_text(tolerance: Decimal, indicator: Indicator) -> str:
    """A tolerance in the indicator's unit; for a percentage, in percentage points."""
    if indicator.unit == Unit.PERCENT:
        return _("%(number)s percentage points") % {"number": number_text(tolerance)}
    return figure_text(tolerance, indicator.unit, places=indicator.decimals)


@dataclass
class TargetRow:
    indicator: Indicator
    target: Target | None
    result: Result | None  # the newest figure in the year: the year's own, else year to date
    item: MonitoringItem | None
    today: date | None = None

    @property
    def so_far(self) -> bool:
        """The figure is for a period still running (the year to date)."""
        return bool(self.result and self.today and self.result.period_end >= self.today)

    @property
    def tolerance(self) -> str:
        if self.target is None or not self.target.tolerance:
            return ""
        return tolerance_text(self.target.tolerance, self.indicator)

    @property
    def status(self) -> Status | None:
        return status_of(self.indicator, self.result.value if self.result else None, self.target)

    @property
    def figure(self) -> str:
        if self.result is None:
            return _("no figure")
        return figure_text(self.result.value, self.indicator.unit, places=self.indicator.decimals)

    @property
    def target_text(self) -> str:
        if self.target is None:
            return _("no target")
        return figure_text(self.target.value, self.indicator.unit, places=self.indicator.decimals)


def _newest_in_year(results: list[Result]) -> Result | None:
    """The year's own figure when there is one, else the newest quarter (or month) in it."""
    if not results:
        return None
    return max(
        results,
        key=lambda r: (r.period_kind == "year", r.period_end, _KIND_ORDER.get(r.period_kind, 0)),
    )


def target_rows(
    *,
    agreement: ManagementAgreement,
    year: Period,
    every_indicator: bool = False,
    today: date | None = None,
) -> list[TargetRow]:
    """For one agreement and financial year: each scheduled indicator (and any other with a
    target that year; every indicator on request, or the key ones when nothing is scheduled)
    with its target and its newest figure in the year. Three queries."""
    items = {
        item.indicator_id: item
        for item in MonitoringItem.objects.filter(agreement=agreement).select_related("indicator")
    }
    targets = {
        target.indicator_id: target
        for target in Target.objects.filter(
            agreement=agreement, year_start=year.start
        ).select_related("indicator")
    }
    indicators = {item.indicator_id: item.indicator for item in items.values()}
    indicators |= {t.indicator_id: t.indicator for t in targets.values()}
    if every_indicator or not indicators:
        extra = Indicator.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=agreement.organisation_id)
        )
        if not every_indicator:
            extra = extra.filter(is_key=True)
        indicators |= {indicator.pk: indicator for indicator in extra}
    by_indicator: dict[int, list[Result]] = defaultdict(list)
    for result in headline_results(agreement.organisation_id).filter(
        indicator_id__in=list(indicators), period_start__gte=year.start, period_end__lte=year.end
    ):
        by_indicator[result.indicator_id].append(result)
    rows = [
        TargetRow(
            indicator=indicator,
            target=targets.get(pk),
            result=_newest_in_year(by_indicator[pk]),
            item=items.get(pk),
            today=today,
        )
        for pk, indicator in indicators.items()
    ]
    rows.sort(key=lambda r: (r.item is None, r.indicator.framework, r.indicator.order))
    return rows


def yearly_history(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    today: date,
    back: int = 4,
    ahead: int = 2,
) -> list[dict]:
    """Each financial year's figure and target, from `back` years ago (this year included)
    to `ahead` years on; a chart of six years stays legible on a phone."""
    this_year = financial_year_of(today)
    first = this_year.start.year - back + 1
    labels = [financial_year(first + n) for n in range(back + ahead)]
    values = {
        r.period_start: r.value
        for r in headline_results(agreement.organisation_id).filter(
            indicator=indicator, period_kind="year", period_start__gte=labels[0].start
        )
    }
    targets = {
        t.year_start: t.value
        for t in Target.objects.filter(
            agreement=agreement, indicator=indicator, year_start__gte=labels[0].start
        )
    }
    rows = [
        {"period": y.label, "value": values.get(y.start), "target": targets.get(y.start)}
        for y in labels
    ]
    # Drop the future years nobody has set a target for yet.
    while len(rows) > back and rows[-1]["target"] is None:
        rows.pop()
    return rows


@dataclass
class TargetChange:
    when: date
    who: str
    year: str
    action: str  # created, changed, deleted
    value: Decimal
    tolerance: Decimal
    note: str


def target_history(*, agreement: ManagementAgreement, indicator: Indicator) -> list[TargetChange]:
    """Every version of the agreement's targets for one indicator, newest first: who set which
    year's target to what, and when."""
    records = (
        Target.history.filter(agreement_id=agreement.pk, indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    actions = {"+": "created", "~": "changed", "-": "deleted"}
    return [
        TargetChange(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "Tenantry",
            year=financial_year_of(record.year_start).label,
            action=actions[record.history_type],
            value=record.value,
            tolerance=record.tolerance,
            note=record.note,
        )
        for record in records[:100]
    ]


@dataclass
class Goal:
    """The top-quartile threshold to aim for, and where it comes from."""

    threshold: Decimal
    lower: Decimal
    median: Decimal
    upper: Decimal
    count: int | None  # organisations on Tenantry; None for the regulator's landlords
    source: str


def top_quartile_goal(*, indicator: Indicator, today: date) -> Goal | None:
    """The level of the top 25% (the Guide's five-year aim): the upper quartile when higher is
    better, the lower quartile when lower is better. From the regulator's published figures
    for landlords' low-cost rental homes when they are loaded (with benchmarking's exclusions),
    else from the organisations on Tenantry in the last complete year; None with fewer than
    four figures to go on."""
    year_label = (
        PeerLandlord.objects.order_by("-year_label").values_list("year_label", flat=True).first()
    )
    found = None
    if year_label:
        found = peer_spreads(
            code=indicator.code,
            year_labels=[year_label],
            stock_type="lcra" if indicator.split_by_stock else "",
            higher_is_better=indicator.higher_is_better,
        )[year_label]
    count = None
    source = _("the regulator's published figures for landlords in %(year)s") % {"year": year_label}
    if found is None:
        last_year = financial_year(financial_year_of(today).start.year - 1)
        found = spread(
            Result.objects.filter(
                indicator=indicator,
                scope=Scope.ORGANISATION,
                stock_type="",
                period_start=last_year.start,
                period_end=last_year.end,
                value__isnull=False,
            ).values_list("value", flat=True),
            higher_is_better=indicator.higher_is_better,
        )
        if found is None:
            return None
        count = found.count
        source = _("the %(count)s organisations on Tenantry in %(year)s") % {
            "count": count,
            "year": last_year.label,
        }
    return Goal(
        threshold=rounded(found.top_edge, min(indicator.decimals, 2)),
        lower=found.lower,
        median=found.median,
        upper=found.upper,
        count=count,
        source=source,
    )


# --- what the schedule makes due ------------------------------------------------------------


def periods_in(year: Period, kind: str) -> list[Period]:
    if kind == "year":
        return [year]
    return quarters_of(year.label) if kind == "quarter" else months_of(year.label)


@dataclass
class DuePeriod:
    """One period the schedule asks figures for, and where its submission stands."""

    period: Period
    items: list[MonitoringItem]
    submission: Submission | None
    today: date

    @property
    def due_on(self) -> date:
        return self.period.end + timedelta(days=min(i.days_to_submit for i in self.items))

    @property
    def has_ended(self) -> bool:
        return self.period.end < self.today

    @property
    def state(self) -> str:
        """upcoming, due, overdue, draft, submitted, queried or accepted."""
        status = self.submission.status if self.submission else None
        if status in (Submission.Status.SUBMITTED, Submission.Status.QUERIED):
            return status
        if status == Submission.Status.ACCEPTED:
            return status
        if not self.has_ended:
            return "upcoming"
        if self.today > self.due_on:
            return "overdue"
        return "draft" if status == Submission.Status.DRAFT else "due"

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def waiting_on_organisation(self) -> bool:
        return self.state in ("due", "draft", "overdue", "queried")


STATE_TAGS: dict[str, tuple[str, str]] = {
    "upcoming": (gettext_lazy("Not due yet"), "grey"),
    "due": (gettext_lazy("Due"), ""),  # GOV.UK's plain tag is blue
    "draft": (gettext_lazy("Being checked"), "turquoise"),
    "overdue": (gettext_lazy("Overdue"), "red"),
    "submitted": (gettext_lazy("Waiting for the landlord"), "purple"),
    "queried": (gettext_lazy("Queried by the landlord"), "orange"),
    "accepted": (gettext_lazy("Accepted"), "green"),
}


def _live(agreement: ManagementAgreement, period: Period) -> bool:
    return agreement.starts_on <= period.end and (
        agreement.ends_on is None or period.start <= agreement.ends_on
    )


def due_periods(
    *,
    agreement: ManagementAgreement,
    items: list[MonitoringItem],
    submissions: list[Submission],
    years: list[Period],
    today: date,
    ended_only: bool = False,
) -> list[DuePeriod]:
    """Every period of the given financial years that the schedule asks figures for, within
    the agreement's life, with its submission if one was opened. No queries."""
    by_period = {(s.period_start, s.period_end): s for s in submissions}
    found = []
    for year in years:
        for kind in ("month", "quarter", "year"):
            carried = [i for i in items if i.frequency in CARRIES[kind]]
            if not any(KIND_OF[i.frequency] == kind for i in carried):
                continue  # nothing is reported this often
            for period in periods_in(year, kind):
                if not _live(agreement, period) or (ended_only and period.end >= today):
                    continue
                found.append(
                    DuePeriod(period, carried, by_period.get((period.start, period.end)), today)
                )
    found.sort(key=lambda d: (d.period.end, _KIND_ORDER[d.period.kind]))
    return found


def watched_years(today: date) -> list[Period]:
    """Submissions are chased for the current financial year and the one before it, so the
    fourth quarter and the year's return stay on the list through the spring."""
    this_year = financial_year_of(today)
    return [financial_year(this_year.start.year - 1), this_year]


def schedule_of(agreement: ManagementAgreement) -> list[MonitoringItem]:
    return list(
        MonitoringItem.objects.filter(agreement=agreement)
        .select_related("indicator")
        .order_by("indicator__framework", "indicator__order", "indicator__code")
    )


def outstanding(*, agreement: ManagementAgreement, today: date) -> list[DuePeriod]:
    """Periods ended in the watched years whose figures the organisation still owes (not
    sent, or queried) or the landlord has still to decide on. Two queries."""
    items = schedule_of(agreement)
    if not items:
        return []
    years = watched_years(today)
    submissions = list(
        Submission.objects.filter(agreement=agreement, period_start__gte=years[0].start)
    )
    return [
        d
        for d in due_periods(
            agreement=agreement,
            items=items,
            submissions=submissions,
            years=years,
            today=today,
            ended_only=True,
        )
        if d.state != Submission.Status.ACCEPTED
    ]


@dataclass
class Figure:
    """One line of a submission: an indicator's figure for the period, with its target."""

    code: str
    name: str
    unit: str
    decimals: int
    higher_is_better: bool
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None = None
    tolerance: Decimal | None = None

    @property
    def shown(self) -> str:
        return figure_text(self.value, self.unit, places=self.decimals, missing=_("no figure"))

    @property
    def target_shown(self) -> str:
        if self.target is None:
            return "–"
        return figure_text(self.target, self.unit, places=self.decimals)

    @property
    def status(self) -> Status | None:
        if self.target is None or self.value is None:
            return None
        return status_as_shown(
            self.value,
            self.target,
            self.tolerance or Decimal(0),
            decimals=self.decimals,
            higher_is_better=self.higher_is_better,
        )

    def as_json(self) -> dict:
        def text(number):
            return None if number is None else str(number)

        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "decimals": self.decimals,
            "higher_is_better": self.higher_is_better,
            "value": text(self.value),
            "numerator": text(self.numerator),
            "denominator": text(self.denominator),
        }

    @classmethod
    def from_json(cls, data: dict) -> Figure:
        def number(text):
            return None if text in (None, "") else Decimal(text)

        return cls(
            code=data["code"],
            name=data.get("name", data["code"]),
            unit=data.get("unit", ""),
            decimals=data.get("decimals", 1),
            higher_is_better=data.get("higher_is_better", True),
            value=number(data.get("value")),
            numerator=number(data.get("numerator")),
            denominator=number(data.get("denominator")),
        )


def items_carried(*, agreement: ManagementAgreement, kind: str) -> list[MonitoringItem]:
    return [i for i in schedule_of(agreement) if i.frequency in CARRIES[kind]]


def current_figures(*, agreement: ManagementAgreement, period: Period) -> list[Figure]:
    """The figures Tenantry holds now for the indicators a submission for `period` carries:
    the organisation's own results (all its homes, every stock type together)."""
    items = items_carried(agreement=agreement, kind=period.kind)
    results = {
        r.indicator_id: r
        for r in Result.objects.filter(
            organisation_id=agreement.organisation_id,
            scope=Scope.ORGANISATION,
            stock_type="",
            indicator_id__in=[i.indicator_id for i in items],
            period_start=period.start,
            period_end=period.end,
        )
    }
    figures = []
    for item in items:
        indicator, result = item.indicator, results.get(item.indicator_id)
        figures.append(
            Figure(
                code=indicator.code,
                name=str(_(indicator.name)),
                unit=indicator.unit,
                decimals=indicator.decimals,
                higher_is_better=indicator.higher_is_better,
                value=result.value if result else None,
                numerator=result.numerator if result else None,
                denominator=result.denominator if result else None,
            )
        )
    return figures


def with_targets(
    figures: list[Figure], *, agreement: ManagementAgreement, period: Period
) -> list[Figure]:
    """The figures with the agreement's targets for the financial year the period falls in."""
    year = financial_year_of(period.start)
    targets = {
        t.indicator.code: t
        for t in Target.objects.filter(agreement=agreement, year_start=year.start).select_related(
            "indicator"
        )
    }
    for figure in figures:
        if target := targets.get(figure.code):
            figure.target, figure.tolerance = target.value, target.tolerance
    return figures


def submission_figures(submission: Submission) -> list[Figure]:
    """What a submission shows: the snapshot once sent, the live figures while a draft."""
    period = Period(
        submission.period_start,
        submission.period_end,
        submission.period_label,
        submission.period_kind,
    )
    if submission.status == Submission.Status.DRAFT:
        figures = current_figures(agreement=submission.agreement, period=period)
    else:
        figures = [Figure.from_json(f) for f in submission.figures]
    return with_targets(figures, agreement=submission.agreement, period=period)


def needs_commentary(items: list[MonitoringItem]) -> bool:
    """The schedule asks for words as well as numbers for at least one of these items."""
    return any(i.form != MonitoringItem.Form.FIGURES for i in items)


# --- the landlord's portfolio -------------------------------------------------------------------


@dataclass
class Cell:
    indicator: Indicator
    result: Result | None
    previous: Result | None
    target: Target | None
    scheduled: bool = True

    @property
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

    @property
    def red(self) -> int:
        return sum(1 for c in self.cells if c.status == Status.RED)

    @property
    def amber(self) -> int:
        return sum(1 for c in self.cells if c.status == Status.AMBER)

    @property
    def green(self) -> int:
        return sum(1 for c in self.cells if c.status == Status.GREEN)

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
        for t in Target.objects.filter(agreement_id__in=list(agreements))  # query 6
    }
    years = watched_years(today)
    submissions: dict[int, list[Submission]] = defaultdict(list)
    for submission in Submission.objects.filter(
        agreement_id__in=list(agreements), period_start__gte=years[0].start
    ):  # query 7
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
