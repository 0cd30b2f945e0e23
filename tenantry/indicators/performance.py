"""Reads for the performance pages: whose figures, for which period, said in plain words.

Every figure on these pages is a stored `Result`; nothing here computes an indicator. What is
added is presentation: the figure in the indicator's unit ("92%", "8.5 days"), a sentence a
volunteer tenant can read ("92% of emergency repairs were done within target (460 of 500)"),
the status against the agreement's target, the change since the period before, and, for the
indicator page, the records behind the figure. A period with no figure says so; it never shows
a misleading 0.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Model, Q, QuerySet
from django.utils.formats import date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext

from tenantry.core.figures import figure_text, number_text, rounded
from tenantry.core.periods import (
    Period,
    financial_year_of,
    month,
    parse_period,
    quarter,
)
from tenantry.homes.models import Home
from tenantry.homes.selectors import estates_of
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.selectors import current_agreement, organisations_working_with
from tenantry.records.models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    Void,
)

from .calculators import Subject, void_clock
from .models import Framework, Indicator, Result, Scope, Source, StockType, Target, Unit
from .targets import Status, status_of

# --- periods ---------------------------------------------------------------------------------


def read_period(text: str | None, *, today: date) -> Period:
    """The period a page asks for ("2025/26", "2025/26 Q1", "Q1 2025/26", "April 2025"); the
    current financial year when none is given. Raises ValueError for nonsense."""
    if not text or not text.strip():
        return financial_year_of(today)
    words = text.split()
    # "Q1 2025/26" is how people often write it; parse_period reads "2025/26 Q1".
    if len(words) == 2 and words[0].upper() in ("Q1", "Q2", "Q3", "Q4"):
        text = f"{words[1]} {words[0]}"
    return parse_period(text)


def previous_period(period: Period) -> Period:
    """The period of the same kind just before: last year, last quarter, last month."""
    day_before = period.start - timedelta(days=1)
    if period.kind == "year":
        return financial_year_of(day_before)
    if period.kind == "quarter":
        return quarter(financial_year_of(day_before).label, (day_before.month - 4) % 12 // 3 + 1)
    return month(day_before.year, day_before.month)


# --- scopes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeChoice:
    """One of the sets of homes an organisation's page can show figures for."""

    key: str  # "" for the organisation's own figures; "direct", "org:<slug>", "estate:<pk>"
    label: str
    subject: Subject

    @property
    def is_own(self) -> bool:
        return self.key == ""


def scopes_for(*, organisation: Organisation, on: date) -> list[ScopeChoice]:
    """A landlord sees its whole stock, its directly managed homes and each organisation it
    works with; a managing organisation sees itself and each of its estates; a panel or an
    association, which manages no homes, sees its landlord's whole stock."""
    if organisation.is_landlord:
        return [
            ScopeChoice("", _("All our homes"), Subject(Scope.LANDLORD_ALL, organisation)),
            ScopeChoice(
                "direct",
                _("Homes we manage ourselves"),
                Subject(Scope.LANDLORD_DIRECT, organisation),
            ),
            *[
                ScopeChoice(
                    f"org:{partner.slug}", partner.name, Subject(Scope.ORGANISATION, partner)
                )
                for partner in organisations_working_with(landlord=organisation).filter(
                    kind__in=Organisation.MANAGING_KINDS
                )
            ],
        ]
    if organisation.kind not in Organisation.MANAGING_KINDS and organisation.landlord_id:
        landlord = organisation.landlord
        return [
            ScopeChoice(
                "",
                _("All %(landlord)s homes") % {"landlord": landlord},
                Subject(Scope.LANDLORD_ALL, landlord),
            )
        ]
    own = ScopeChoice("", _("All our homes"), Subject(Scope.ORGANISATION, organisation))
    return [
        own,
        *[
            ScopeChoice(
                f"estate:{estate.pk}", estate.name, Subject(Scope.ESTATE, organisation, estate)
            )
            for estate in estates_of(organisation=organisation, on=on)
        ],
    ]


def choose_scope(choices: list[ScopeChoice], key: str | None) -> ScopeChoice:
    """The scope asked for, or the organisation's own figures when the key is unknown."""
    return next((choice for choice in choices if choice.key == (key or "")), choices[0])


def results_of(subject: Subject, *, period: Period | None = None) -> QuerySet[Result]:
    """The stored results for a subject (every stock type), optionally for one period."""
    results = Result.objects.filter(
        organisation=subject.organisation, scope=subject.scope, estate=subject.estate
    )
    if period is not None:
        results = results.filter(period_start=period.start, period_end=period.end)
    return results


# --- indicators ------------------------------------------------------------------------------


def shown_indicators(*, organisation: Organisation) -> QuerySet[Indicator]:
    """The national indicators and the organisation's own local ones still in use."""
    return Indicator.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation, retired_at__isnull=True)
    ).order_by("framework", "order", "code")


def indicator_for(*, organisation: Organisation, code: str) -> Indicator | None:
    """A national indicator, or one of the organisation's own (retired ones too), by code."""
    return (
        Indicator.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .filter(code=code)
        # The national indicator first, should an organisation's own share its code.
        .order_by(F("organisation").asc(nulls_first=True))
        .first()
    )


def may_be_entered(indicator: Indicator) -> bool:
    """Figures nobody's records give: those entered by hand, and survey measures until the
    surveys capability hands them over (a contractor's TSM report, say)."""
    return indicator.source in (Source.MANUAL, Source.SURVEY)


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


# --- figures in words ------------------------------------------------------------------------


def rounded_value(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    """The value to the indicator's decimal places, halves rounded up as people do by hand."""
    return rounded(value, indicator.decimals)


def value_text(value: Decimal | None, indicator: Indicator) -> str:
    """The figure in its unit: "92%", "12.5 per 1,000 homes", "8 days", "£1,200", "3.8 out of
    5"; "No figure" when there is nothing to measure."""
    return figure_text(value, indicator.unit, places=indicator.decimals, missing=_("No figure"))


def value_parts(value: Decimal | None, indicator: Indicator) -> tuple[str, str]:
    """The figure split for a narrow column: ("92%", ""), ("27.9", "per 1,000 homes")."""
    if value is None:
        return _("No figure"), ""
    if indicator.unit in (Unit.PERCENT, Unit.POUNDS, Unit.NUMBER):
        return value_text(value, indicator), ""
    number = number_text(rounded_value(value, indicator), places=indicator.decimals)
    suffix = {
        Unit.PER_THOUSAND: _("per 1,000 homes"),
        Unit.DAYS: _("days"),
        Unit.SCORE: _("out of 5"),
    }.get(indicator.unit, "")
    return number, suffix


def unit_name(indicator: Indicator) -> str:
    return {
        Unit.PERCENT: _("a percentage"),
        Unit.PER_THOUSAND: _("a number for every 1,000 homes"),
        Unit.DAYS: _("days"),
        Unit.POUNDS: _("pounds"),
        Unit.SCORE: _("a score out of 5"),
        Unit.NUMBER: _("a number"),
    }.get(indicator.unit, indicator.get_unit_display())


_SATISFIED = gettext_lazy("%(value)s of tenants who answered were satisfied")
# What each figure means in one sentence: the sentence, then what the numbers in brackets are.
# %(value)s is the figure in its unit, %(number)s the figure alone; %(n)s and %(d)s are the
# numerator and the denominator.
SENTENCES: dict[str, tuple] = {
    **{f"TP{i:02d}": (_SATISFIED, gettext_lazy("%(n)s of %(d)s")) for i in range(1, 13) if i != 8},
    "TP08": (
        gettext_lazy(
            "%(value)s of tenants who answered agreed they are treated fairly and with respect"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS01": (
        gettext_lazy("%(value)s of homes that need a gas safety check had every check done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS02": (
        gettext_lazy("%(value)s of homes that need a fire risk assessment had it done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS03": (
        gettext_lazy(
            "%(value)s of homes that need an asbestos survey or re-inspection had it done"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS04": (
        gettext_lazy(
            "%(value)s of homes that need a water (legionella) risk assessment had it done"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS05": (
        gettext_lazy("%(value)s of homes with a communal lift had every lift check done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH01-1": (
        gettext_lazy("%(number)s stage 1 complaints were made for every 1,000 homes"),
        ngettext_lazy("%(n)s complaint, %(d)s homes", "%(n)s complaints, %(d)s homes", "n_count"),
    ),
    "CH01-2": (
        gettext_lazy("%(number)s stage 2 complaints were made for every 1,000 homes"),
        ngettext_lazy("%(n)s complaint, %(d)s homes", "%(n)s complaints, %(d)s homes", "n_count"),
    ),
    "CH02-1": (
        gettext_lazy("%(value)s of stage 1 complaints were answered in time"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-1N": (
        gettext_lazy("%(value)s of stage 1 complaints were answered in time without an extension"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-2": (
        gettext_lazy("%(value)s of stage 2 complaints were answered in time"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-2N": (
        gettext_lazy("%(value)s of stage 2 complaints were answered in time without an extension"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "NM01-1": (
        gettext_lazy("%(number)s anti-social behaviour cases were opened for every 1,000 homes"),
        ngettext_lazy("%(n)s case, %(d)s homes", "%(n)s cases, %(d)s homes", "n_count"),
    ),
    "NM01-2": (
        gettext_lazy("%(number)s hate incident cases were opened for every 1,000 homes"),
        ngettext_lazy("%(n)s case, %(d)s homes", "%(n)s cases, %(d)s homes", "n_count"),
    ),
    "RP01": (
        gettext_lazy("%(value)s of homes do not meet the Decent Homes Standard"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "RP02-1": (
        gettext_lazy("%(value)s of non-emergency repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "RP02-2": (
        gettext_lazy("%(value)s of emergency repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BV66a": (
        gettext_lazy("%(value)s of the rent due was collected"),
        gettext_lazy("£%(n)s of £%(d)s"),
    ),
    "BV-REP-TIME": (
        gettext_lazy("%(value)s of repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BV-REP-DAYS": (
        gettext_lazy("Repairs took %(value)s on average to complete"),
        ngettext_lazy("%(d)s repair", "%(d)s repairs", "d_count"),
    ),
    "BV212": (
        gettext_lazy("Empty homes took %(value)s on average to re-let"),
        ngettext_lazy("%(d)s home let", "%(d)s homes let", "d_count"),
    ),
    "BV74": (_SATISFIED, gettext_lazy("%(n)s of %(d)s")),
    "BV75": (
        gettext_lazy(
            "%(value)s of tenants who answered were satisfied with the chances to take part"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
}
# For local indicators and any national one without a sentence of its own.
BY_UNIT: dict[str, tuple] = {
    Unit.PERCENT: (gettext_lazy("%(value)s"), gettext_lazy("%(n)s of %(d)s")),
    Unit.PER_THOUSAND: (gettext_lazy("%(value)s"), gettext_lazy("%(n)s, %(d)s homes")),
    Unit.DAYS: (gettext_lazy("%(value)s on average"), gettext_lazy("%(d)s counted")),
    Unit.SCORE: (gettext_lazy("An average score of %(value)s"), gettext_lazy("%(d)s counted")),
    Unit.POUNDS: (gettext_lazy("%(value)s"), ""),
    Unit.NUMBER: (gettext_lazy("%(value)s"), ""),
}


def sentence(
    indicator: Indicator,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> str:
    """The figure in one plain sentence, with the numbers it comes from in brackets."""
    if value is None:
        return _("No figure for this period: there was nothing to measure, or it is not in yet.")
    if indicator.organisation_id is None and indicator.code in SENTENCES:
        main, detail = SENTENCES[indicator.code]
    else:
        main, detail = BY_UNIT.get(indicator.unit, BY_UNIT[Unit.NUMBER])
    words = {
        "value": value_text(value, indicator),
        "number": number_text(rounded_value(value, indicator), places=indicator.decimals),
        "n": number_text(numerator),
        "d": number_text(denominator),
        # For "1 complaint" against "2 complaints".
        "n_count": int(numerator or 0),
        "d_count": int(denominator or 0),
    }
    text = str(main) % words
    text = text[:1].upper() + text[1:]
    if detail and denominator is not None:
        # A plural-aware detail picks its form when formatted, so format it, then check
        # whether it used a numerator that is missing.
        said = str(detail % {**words, "n": "\x00"})
        if numerator is not None or "\x00" not in said:
            text += f" ({detail % words})"
    return text + "."


# --- change and status -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How a figure moved since the period before, and whether that is better."""

    arrow: str  # ↑ ↓ →, for the eye; `words` says the same for everyone
    words: str
    verdict: str  # "better", "worse", "same"
    short: str = ""  # "Down 3.4 points, worse": for a narrow column
    before: str = ""  # "2024/25: 92%"


def change_between(
    indicator: Indicator, current: Decimal | None, before: Decimal | None, before_label: str
) -> Change | None:
    """The change from `before` to `current` in the indicator's unit (percentage points for
    percentages), judged by which way is better; None when either figure is missing."""
    now, then = rounded_value(current, indicator), rounded_value(before, indicator)
    if now is None or then is None:
        return None
    difference = now - then
    words = {
        "amount": number_text(abs(difference), places=indicator.decimals),
        "before": value_text(then, indicator),
        "period": before_label,
    }
    before_text = _("%(period)s: %(before)s") % words
    if difference == 0:
        return Change(
            "→",
            _("The same as in %(period)s (%(before)s)") % words,
            "same",
            _("No change"),
            before_text,
        )
    up = difference > 0
    better = up == indicator.higher_is_better
    if indicator.unit == Unit.PERCENT:
        template = (
            _("Up %(amount)s points from %(before)s in %(period)s")
            if up
            else _("Down %(amount)s points from %(before)s in %(period)s")
        )
    else:
        template = (
            _("Up %(amount)s from %(before)s in %(period)s")
            if up
            else _("Down %(amount)s from %(before)s in %(period)s")
        )
    verdict = _("better") if better else _("worse")
    if indicator.unit == Unit.PERCENT:
        short = _("Up %(amount)s points") if up else _("Down %(amount)s points")
    else:
        short = _("Up %(amount)s") if up else _("Down %(amount)s")
    return Change(
        "↑" if up else "↓",
        f"{template % words}: {verdict}",
        "better" if better else "worse",
        f"{short % words}, {verdict}",
        before_text,
    )


STATUS_COLOURS = {Status.GREEN: "green", Status.AMBER: "yellow", Status.RED: "red"}


def agreement_for(subject: Subject, period: Period, *, today: date) -> ManagementAgreement | None:
    """The agreement whose targets apply: the one in force at the period's end (or today, for a
    period still running), for an organisation's or an estate's figures. A landlord's own
    figures have no agreement's targets."""
    if subject.scope not in (Scope.ORGANISATION, Scope.ESTATE):
        return None
    return current_agreement(organisation=subject.organisation, on=min(period.end, today))


def targets_for(agreement: ManagementAgreement | None, year_start: date) -> dict[int, Target]:
    """The agreement's targets for one financial year, by indicator id."""
    if agreement is None:
        return {}
    return {
        target.indicator_id: target
        for target in Target.objects.filter(agreement=agreement, year_start=year_start)
    }


# --- the performance page --------------------------------------------------------------------


@dataclass
class Figure:
    result: Result | None
    value: Decimal | None
    text: str
    sentence: str
    number: str = ""  # "27.9" or "92%": the figure a narrow column shows in large type
    suffix: str = ""  # "per 1,000 homes": the rest of the unit, shown small beneath it


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
        return Figure(None, None, _("No figure"), sentence(indicator, None), _("No figure"))
    number, suffix = value_parts(result.value, indicator)
    return Figure(
        result,
        result.value,
        value_text(result.value, indicator),
        sentence(indicator, result.value, result.numerator, result.denominator),
        number,
        suffix,
    )


def performance_groups(
    *, organisation: Organisation, subject: Subject, period: Period, today: date
) -> list[Group]:
    """Every indicator shown to the organisation, grouped by framework, with its figure for
    the subject and period, its target status and its change since the period before. Four
    queries, however many indicators."""
    indicators = list(shown_indicators(organisation=organisation))
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


# --- RP02: the landlord's stated target timescales --------------------------------------------


@dataclass(frozen=True)
class Timescales:
    """What the regulator asks beside RP02: the longest target for emergency and for other
    repairs, and whether the landlord has more than one of each."""

    emergency: RepairPriority | None
    emergency_several: bool
    non_emergency: RepairPriority | None
    non_emergency_several: bool
    priorities: list[RepairPriority]

    def text(self, priority: RepairPriority | None) -> str:
        if priority is None:
            return _("none set")
        return f"{priority.target_amount} {priority.get_target_unit_display()}"

    @property
    def outline_emergency(self) -> str:
        return self.outline(emergency=True)

    @property
    def outline_other(self) -> str:
        return self.outline(emergency=False)

    def outline(self, *, emergency: bool) -> str:
        """The timescales in use, as the return's free-text question asks: "Urgent: 5 working
        days; Routine: 28 calendar days"."""
        chosen = [p for p in self.priorities if p.is_emergency == emergency]
        chosen.sort(key=lambda p: p.target_amount * _HOURS[p.target_unit])  # shortest first
        return "; ".join(f"{p.name}: {self.text(p)}" for p in chosen)


# Rough lengths, only to find the longest of priorities given in different units.
_HOURS = {
    RepairPriority.Unit.HOURS: 1,
    RepairPriority.Unit.CALENDAR_DAYS: 24,
    RepairPriority.Unit.WORKING_DAYS: 24 * 7 / 5,
}


def repair_timescales(*, organisation: Organisation) -> Timescales | None:
    """The target timescales of the repairs scheme behind an organisation's RP02: its landlord's
    priorities (a landlord's own). None when the organisation has no landlord."""
    landlord = organisation if organisation.is_landlord else organisation.landlord
    if landlord is None:
        return None
    priorities = list(RepairPriority.objects.filter(landlord=landlord))

    def longest(group: list[RepairPriority]) -> RepairPriority | None:
        return max(group, key=lambda p: p.target_amount * _HOURS[p.target_unit], default=None)

    emergency = [p for p in priorities if p.is_emergency]
    other = [p for p in priorities if not p.is_emergency]
    return Timescales(longest(emergency), len(emergency) > 1, longest(other), len(other) > 1,
                      priorities)  # fmt: skip


# --- the records behind a figure -------------------------------------------------------------

# The services app's page for each kind of record ("records/<kind>/<pk>/").
RECORD_KINDS: dict[type[Model], str] = {
    Repair: "repairs",
    Void: "voids",
    RentPeriod: "rent",
    Complaint: "complaints",
    AsbCase: "asb",
    SafetyCheck: "safety-checks",
    DecentHomesStatus: "decent-homes",
    EstateInspection: "inspections",
}
_RELATED: dict[type[Model], tuple[str, ...]] = {
    Repair: ("organisation", "home", "block", "priority"),
    Complaint: ("organisation", "home"),
    AsbCase: ("organisation", "home", "estate"),
    Void: ("organisation", "home"),
    RentPeriod: ("organisation", "household__home"),
    EstateInspection: ("organisation", "estate", "block"),
    Home: ("estate",),
}


def with_related(records, model: type[Model]):
    """The evidence's records with what their list rows show, in a fixed number of queries."""
    if isinstance(records, QuerySet) and model in _RELATED:
        return records.select_related(*_RELATED[model])
    return records


def count_of(records) -> int:
    return records.count() if isinstance(records, QuerySet) else len(records)


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = localtime(value) if is_aware(value) else value
        return date_format(value, "j M Y H:i")
    return date_format(value, "j M Y")


def record_details(record: Model) -> str:
    """One line about a record in the list behind a figure: its dates and what they show."""
    if isinstance(record, Repair):
        parts = [
            record.priority.name,
            _("reported %(when)s") % {"when": _day(record.reported_at)},
            _("target %(when)s") % {"when": _day(record.due_at)} if record.due_at else "",
            _("completed %(when)s") % {"when": _day(record.completed_at)}
            if record.completed_at
            else _("not completed"),
        ]
    elif isinstance(record, Complaint):
        parts = [
            _("received %(when)s") % {"when": _day(record.received_on)},
            _("answered %(when)s") % {"when": _day(record.stage1_responded_on)}
            if record.stage1_responded_on
            else _("not answered"),
        ]
        if record.escalated_on:
            parts += [
                _("escalated %(when)s") % {"when": _day(record.escalated_on)},
                _("stage 2 answered %(when)s") % {"when": _day(record.stage2_responded_on)}
                if record.stage2_responded_on
                else _("stage 2 not answered"),
            ]
    elif isinstance(record, AsbCase):
        parts = [
            record.get_category_display(),
            _("opened %(when)s") % {"when": _day(record.opened_on)},
            _("hate incident") if record.is_hate_incident else "",
        ]
    elif isinstance(record, Void):
        parts = [
            _("tenancy ended %(when)s") % {"when": _day(record.tenancy_ended_on)},
            _("let %(when)s") % {"when": _day(record.new_tenancy_started_on)}
            if record.new_tenancy_started_on
            else _("not let"),
        ]
    elif isinstance(record, RentPeriod):
        parts = [
            _("%(start)s to %(end)s")
            % {"start": _day(record.starts_on), "end": _day(record.ends_on)},
            _("due £%(due)s, collected £%(collected)s")
            % {"due": number_text(record.rent_due, places=2),
               "collected": number_text(record.collected, places=2)},
        ]  # fmt: skip
    elif isinstance(record, EstateInspection):
        parts = [_("inspected %(when)s") % {"when": _day(record.inspected_on)}]
    elif isinstance(record, Home):
        parts = [str(record.estate)] if record.estate_id else []
    else:
        parts = []
    return " · ".join(str(part) for part in parts if part)


def stock_label(stock_type: str) -> str:
    return str(StockType(stock_type).label) if stock_type in StockType.values else stock_type


def split_labels() -> dict[str, str]:
    return {
        "": pgettext("stock type", "All homes"),
        StockType.LOW_COST_RENTAL: str(StockType.LOW_COST_RENTAL.label),
        StockType.LOW_COST_HOME_OWNERSHIP: str(StockType.LOW_COST_HOME_OWNERSHIP.label),
    }


def results_by_period(subject: Subject, indicator: Indicator, stock_type: str) -> dict:
    """The indicator's stored results for the subject, keyed by (kind, start, end)."""
    found = defaultdict(lambda: None)
    for result in results_of(subject).filter(indicator=indicator, stock_type=stock_type):
        found[(result.period_kind, result.period_start, result.period_end)] = result
    return found


# --- the configurable choices, in words -------------------------------------------------------

_VOID_EVENTS = {
    "tenancy_end": gettext_lazy("the tenancy ended"),
    "keys_returned": gettext_lazy("the keys were returned"),
    "ready_to_let": gettext_lazy("the home was ready to let"),
    "new_tenancy": gettext_lazy("the new tenancy started"),
}
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
