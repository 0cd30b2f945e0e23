"""What an agreement's monitoring schedule makes due, and the figures a submission carries.

The NFTMO Guide (chapter 6): the agreement names the indicators "together with details about
how often and in what format they will be supplied"; large and small organisations supply the
same indicators, and "the difference between large and small TMOs in monitoring performance
should lie in the degree of vigilance exercised by the council"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.figures import figure_text
from tenantry.core.periods import (
    KIND_ORDER,
    Period,
    financial_year,
    financial_year_of,
    months_of,
    quarters_of,
)
from tenantry.organisations.models import ManagementAgreement

from .models import (
    Frequency,
    Indicator,
    MonitoringItem,
    Result,
    Scope,
    Submission,
    Target,
)
from .targets import Status, status_as_shown

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
    found.sort(key=lambda d: (d.period.end, KIND_ORDER[d.period.kind]))
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


def targets_agreed(*, agreement: ManagementAgreement, indicator: Indicator) -> bool:
    """Whether the agreement's indicator schedule says this indicator's targets are agreed with
    the landlord: then a change by either side needs the other's agreement. One query."""
    return MonitoringItem.objects.filter(
        agreement=agreement, indicator=indicator, targets_agreed=True
    ).exists()


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
