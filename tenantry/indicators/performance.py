"""Reads for the performance pages: the table of every indicator's figure, and the records and
choices behind one figure.

Every figure on these pages is a stored `Result`; nothing here computes an indicator. The
pieces live by subdomain: which homes (`scopes`), figures in words and the change since
before (`sentences`), status against the agreement's targets (`targets`), RP02's repair
timescales (`timescales`), which indicators an organisation sees (`selectors`), periods
(`core.periods`) and how a number is written (`core.figures`). A period with no figure says
so; it never shows a misleading 0.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.periods import Period, financial_year_of, previous_period
from tenantry.homes.models import Home
from tenantry.organisations.models import Organisation
from tenantry.records.kinds import KINDS, kind_of, record_details  # noqa: F401
from tenantry.records.voids import EVENT_WORDS

from .calculators import Subject, void_clock
from .models import Framework, Indicator, Result, Source, StockType, Target, Unit
from .scopes import ScopeChoice, results_of
from .selectors import indicators_for, may_be_entered
from .sentences import Change, change_between, sentence, value_parts, value_text
from .targets import STATUS_COLOURS, Status, agreement_for, status_of, targets_for

# --- indicators ------------------------------------------------------------------------------


GROUPS = (
    ("tsm_perception", gettext_lazy("Tenant Satisfaction Measures: what tenants told us")),
    ("tsm_management", gettext_lazy("Tenant Satisfaction Measures: from our records")),
    ("best_value", gettext_lazy("Best Value indicators")),
    ("local", gettext_lazy("Our own indicators")),
)


def group_of(indicator: Indicator) -> str:
    if indicator.framework == Framework.TSM:
        return "tsm_perception" if indicator.source == Source.SURVEY else "tsm_management"
    return "best_value" if indicator.framework == Framework.BEST_VALUE else "local"


# --- the performance page --------------------------------------------------------------------


@dataclass
class Figure:
    indicator: Indicator
    result: Result | None
    number: str = ""  # "27.9" or "92%": the figure a narrow column shows in large type
    suffix: str = ""  # "per 1,000 homes": the rest of the unit, shown small beneath it

    @property
    def value(self) -> Decimal | None:
        return None if self.result is None else self.result.value

    # Written when read: a figure for one stock type shows only its number.
    @cached_property
    def text(self) -> str:
        return value_text(self.value, self.indicator)

    @cached_property
    def sentence(self) -> str:
        if self.result is None:
            return sentence(self.indicator, None)
        result = self.result
        return sentence(self.indicator, result.value, result.numerator, result.denominator)


@dataclass
class Row:
    indicator: Indicator
    figure: Figure
    split: dict[str, Figure]  # by stock type: "lcra", "lcho"
    target: Target | None = None
    target_text: str = ""
    status: Status | None = None
    status_colour: str = ""
    change: Change | None = None
    may_enter: bool = False

    @property
    def has_split(self) -> bool:
        return any(figure.result is not None for figure in self.split.values())


@dataclass
class Group:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def has_split(self) -> bool:
        return any(row.has_split for row in self.rows)

    @property
    def has_figures(self) -> bool:
        return any(row.figure.value is not None for row in self.rows)


def _figure(indicator: Indicator, result: Result | None) -> Figure:
    if result is None:
        return Figure(indicator, None, _("No figure"))
    return Figure(indicator, result, *value_parts(result.value, indicator))


def performance_groups(
    *, organisation: Organisation, subject: Subject, period: Period, today: date
) -> list[Group]:
    """Every indicator shown to the organisation, grouped by framework, with its figure for
    the subject and period, its target status and its change since the period before. Four
    queries, however many indicators."""
    indicators = list(indicators_for(organisation=organisation))
    by_key: dict[tuple[int, str], Result] = {
        (result.indicator_id, result.stock_type): result
        for result in results_of(subject, period=period).select_related("entered_by")
    }
    before = previous_period(period)
    previous = {
        result.indicator_id: result.value
        for result in results_of(subject, period=before).filter(stock_type="")
    }
    agreement = agreement_for(subject, period, today=today)
    targets = targets_for(agreement, financial_year_of(period.start).start)
    groups = {key: Group(key, str(title)) for key, title in GROUPS}
    for indicator in indicators:
        result = by_key.get((indicator.pk, ""))
        row = Row(
            indicator=indicator,
            figure=_figure(indicator, result),
            split={
                stock: _figure(indicator, by_key.get((indicator.pk, stock)))
                for stock in (StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP)
            }
            if indicator.split_by_stock
            else {},
            may_enter=may_be_entered(indicator),
        )
        row.target = targets.get(indicator.pk)
        if row.target is not None:
            row.target_text = value_text(row.target.value, indicator)
            row.status = status_of(indicator, row.figure.value, row.target)
            row.status_colour = STATUS_COLOURS.get(row.status, "grey")
        row.change = change_between(
            indicator, row.figure.value, previous.get(indicator.pk), before.label
        )
        groups[group_of(indicator)].rows.append(row)
    return [group for group in groups.values() if group.rows]


def stale_text(results: list[Result | None], today: date) -> str:
    """When the records behind the newest of these figures still waiting to be worked out
    again changed: "14:32", or "3 December 2026, 14:32" before today; "" when none waits."""
    stale = [r.stale_since for r in results if r is not None and r.stale_since is not None]
    if not stale:
        return ""
    when = timezone.localtime(max(stale))
    return date_format(when, "H:i" if when.date() == today else "j F Y, H:i")


@dataclass
class Compared:
    """One indicator's figure for each set of homes, in the order of the page's columns."""

    indicator: Indicator
    figures: list[Figure]


@dataclass
class ComparedGroup:
    key: str
    title: str
    rows: list[Compared] = field(default_factory=list)


def figures_side_by_side(
    *, organisation: Organisation, scopes: list[ScopeChoice], period: Period
) -> list[ComparedGroup]:
    """Every indicator shown to the organisation with its figure for the period in each scope
    (for a panel: the landlord's whole stock, the homes it manages itself and each
    organisation managing the rest), grouped as on the performance page. Two queries,
    however many organisations and indicators."""
    indicators = list(indicators_for(organisation=organisation))
    wanted = Q(pk__in=[])
    for choice in scopes:
        subject = choice.subject
        wanted |= Q(organisation=subject.organisation, scope=subject.scope, estate=subject.estate)
    found = {
        (r.indicator_id, r.organisation_id, r.scope, r.estate_id): r
        for r in Result.objects.filter(
            wanted, period_start=period.start, period_end=period.end, stock_type=""
        )
    }
    groups = {key: ComparedGroup(key, str(title)) for key, title in GROUPS}
    for indicator in indicators:
        figures = [
            _figure(
                indicator,
                found.get(
                    (
                        indicator.pk,
                        choice.subject.organisation.pk,
                        choice.subject.scope,
                        choice.subject.estate.pk if choice.subject.estate else None,
                    )
                ),
            )
            for choice in scopes
        ]
        groups[group_of(indicator)].rows.append(Compared(indicator, figures))
    return [group for group in groups.values() if group.rows]


def latest_period_with_results(*, subject: Subject, today: date) -> Period:
    """The newest financial year with stored figures for the subject, or the current one."""
    newest = (
        results_of(subject)
        .filter(period_kind="year", value__isnull=False)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    return financial_year_of(newest or today)


# --- the records behind a figure -------------------------------------------------------------

# The records app's page for each kind of record ("records/<kind>/<pk>/").
RECORD_KINDS: dict[type[Model], str] = {kind.model: slug for slug, kind in KINDS.items()}


def with_related(records, model: type[Model]):
    """The evidence's records with what their list rows show, in a fixed number of queries."""
    if not isinstance(records, QuerySet):
        return records
    if model is Home:
        return records.select_related("estate")
    kind = kind_of(model)
    return records.select_related("organisation", *kind.related) if kind else records


def count_of(records) -> int:
    return records.count() if isinstance(records, QuerySet) else len(records)


# --- the configurable choices, in words -------------------------------------------------------

_VOID_EVENTS = EVENT_WORDS
_SAFETY_KINDS = {
    "gas": gettext_lazy("gas safety checks"),
    "fire": gettext_lazy("fire risk assessments"),
    "asbestos": gettext_lazy("asbestos surveys and re-inspections"),
    "water": gettext_lazy("water (legionella) risk assessments"),
    "lift": gettext_lazy("communal lift checks"),
}


def explain_config(indicator: Indicator, subject: Subject, period: Period) -> list[str]:
    """The choices behind the figure, where the published definition leaves a point open or the
    agreement decides it, each in a sentence."""
    config = indicator.config or {}
    said = []
    if "kind" in config:
        said.append(
            _("Counts %(checks)s, with a check valid for the interval the requirement sets.")
            % {"checks": _SAFETY_KINDS.get(config["kind"], config["kind"])}
        )
    if config.get("snapshot") == "period_start":
        said.append(_("Homes are counted on the first day of the period."))
    elif config.get("snapshot") == "period_end" or indicator.unit == Unit.PER_THOUSAND:
        said.append(
            _(
                "Homes are counted on the last day of the period (“at year end”), or today "
                "while the period is still running."
            )
        )
    if "stage" in config:
        said.append(
            _("Stage 1 complaints: counted by the day they were received.")
            if config["stage"] == 1
            else _("Stage 2 complaints: counted by the day escalation was asked for.")
        )
    if config.get("extensions") is True:
        said.append(_("An extension agreed under the Code counts as in time."))
    elif config.get("extensions") is False:
        said.append(_("Only answers within the Code's timescale without any extension count."))
    if "hate_only" in config:
        said.append(
            _("Only cases involving a hate incident.")
            if config["hate_only"]
            else _("Every case opened, hate incidents included.")
        )
    if "unknown" in config:
        said.append(
            {
                "exclude": _("Homes with no recorded Decent Homes status are left out."),
                "decent": _("Homes with no recorded status are counted as meeting the standard."),
                "non_decent": _(
                    "Homes with no recorded status are counted as not meeting the standard."
                ),
            }.get(config["unknown"], "")
        )
    if "emergency" in config:
        said.append(
            {
                True: _("Emergency responsive repairs, completed in the period."),
                False: _("Non-emergency responsive repairs, completed in the period."),
                None: _("All responsive repairs completed in the period."),
            }.get(config["emergency"], "")
        )
    if "score" in config:
        said.append(
            _("The average %(score)s score (1 to 5) of the estate inspections in the period.")
            % {"score": config["score"]}
        )
    if "question" in config:
        said.append(_("From survey question %(code)s.") % {"code": config["question"]})
    if indicator.calculator == "relet_days":
        starts, stops, no_major_works = void_clock(subject, period)
        said.append(
            _("The clock runs from when %(start)s until %(stop)s.")
            % {"start": _VOID_EVENTS.get(starts, starts), "stop": _VOID_EVENTS.get(stops, stops)}
        )
        if no_major_works:
            said.append(_("Homes empty for major works are left out, and so are decants."))
        else:
            said.append(_("Decants are left out; homes empty for major works are counted."))
    if indicator.framework == Framework.TSM and indicator.source != Source.SURVEY:
        said.append(
            _(
                "Only low-cost rental and low-cost home ownership homes count, as the regulator "
                "asks."
            )
        )
    return [sentence for sentence in said if sentence]
