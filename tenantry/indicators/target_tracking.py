"""Targets against figures: the rows of an agreement's targets page, each target's history, and
the five-year goal toward the top quarter of landlords."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tenantry.core.figures import figure_text, number_text, rounded
from tenantry.core.periods import KIND_ORDER, Period, financial_year, financial_year_of
from tenantry.organisations.models import ManagementAgreement, Organisation

from .benchmarks import peer_spreads
from .models import (
    Indicator,
    MonitoringItem,
    PeerLandlord,
    Result,
    Scope,
    Target,
    TargetProposal,
    Unit,
)
from .peers import spread
from .targets import Status, status_of

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
    waiting: bool = False  # a change to the agreed target is waiting for the other side

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
        key=lambda r: (r.period_kind == "year", r.period_end, KIND_ORDER.get(r.period_kind, 0)),
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
    return yearly_histories(
        organisation_id=agreement.organisation_id,
        agreement=agreement,
        indicators=[indicator],
        today=today,
        back=back,
        ahead=ahead,
    )[indicator.pk]


def yearly_histories(
    *,
    organisation_id: int,
    agreement: ManagementAgreement | None,
    indicators: list[Indicator],
    today: date,
    back: int = 4,
    ahead: int = 2,
) -> dict[int, list[dict]]:
    """`yearly_history` for many indicators at once, by indicator pk: two queries however many
    indicators (one without an agreement, when there are no targets)."""
    this_year = financial_year_of(today)
    first = this_year.start.year - back + 1
    labels = [financial_year(first + n) for n in range(back + ahead)]
    ids = [indicator.pk for indicator in indicators]
    values: dict[int, dict] = defaultdict(dict)
    for r in headline_results(organisation_id).filter(
        indicator_id__in=ids, period_kind="year", period_start__gte=labels[0].start
    ):
        values[r.indicator_id][r.period_start] = r.value
    targets: dict[int, dict] = defaultdict(dict)
    if agreement is not None:
        for t in Target.objects.filter(
            agreement=agreement, indicator_id__in=ids, year_start__gte=labels[0].start
        ):
            targets[t.indicator_id][t.year_start] = t.value
    histories = {}
    for pk in ids:
        rows = [
            {
                "period": y.label,
                "value": values[pk].get(y.start),
                "target": targets[pk].get(y.start),
            }
            for y in labels
        ]
        # Drop the future years nobody has set a target for yet.
        while len(rows) > back and rows[-1]["target"] is None:
            rows.pop()
        histories[pk] = rows
    return histories


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


# --- changes to agreed targets ----------------------------------------------------------------


def open_proposals(*, agreement: ManagementAgreement) -> list[TargetProposal]:
    """Changes to the agreement's agreed targets waiting for the other side. One query."""
    return list(
        TargetProposal.objects.filter(agreement=agreement, status=TargetProposal.Status.PENDING)
        .select_related("indicator", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def proposal_history(
    *, agreement: ManagementAgreement, indicator: Indicator
) -> list[TargetProposal]:
    """Every change proposed to the indicator's agreed targets and how each was decided,
    newest first. One query."""
    return list(
        TargetProposal.objects.filter(agreement=agreement, indicator=indicator)
        .select_related("indicator", "proposed_by", "decided_by")
        .order_by("-proposed_at", "-pk")[:100]
    )


def proposals_waiting_for(*, organisation: Organisation, side: str | None) -> list[TargetProposal]:
    """Changes to agreed targets waiting for `organisation` to agree or decline them: for a
    landlord, those its organisations proposed; for an organisation's committee, those its
    landlord proposed. One query (none without a side)."""
    if side is None:
        return []
    pending = TargetProposal.objects.filter(status=TargetProposal.Status.PENDING)
    if side == TargetProposal.Side.LANDLORD:
        pending = pending.filter(
            agreement__landlord=organisation, side=TargetProposal.Side.ORGANISATION
        )
    else:
        pending = pending.filter(
            agreement__organisation=organisation, side=TargetProposal.Side.LANDLORD
        )
    return list(
        pending.select_related("agreement__organisation", "indicator", "proposed_by").order_by(
            "proposed_at", "pk"
        )[:50]
    )
