"""What an organisation's public page reads: who it is, its figures in plain words with their
trend, target and comparison, its published plans, what scrutiny panels recommended and the
answers, its meetings, and how to join and complain.

Every read is the home of its rule elsewhere: figures in words and the change since before
(`indicators.sentences` through `indicators.performance`), targets (`indicators.targets`),
trends (`indicators.target_tracking.yearly_histories`), the regulator's landlords
(`indicators.benchmarks`, `indicators.peers.position`), plans' progress (`reviews`), scrutiny's
recommendations (`scrutiny.report_selectors`) and meetings (`democracy.meeting_selectors`).
Only the whole organisation's figures are shown: an estate's or a block's are left out, so no
small group can be picked out (docs/public-pages.md). A fixed number of queries, whatever the
organisation's size (tests/test_public_page.py counts them).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from tenantry.core.charts import Chart, trend_chart
from tenantry.core.figures import number_text
from tenantry.core.periods import Period
from tenantry.democracy.meeting_selectors import decisions_of, meetings_of
from tenantry.democracy.models import MeetingKind
from tenantry.homes.stock import stock_counts
from tenantry.indicators.benchmarks import Filters, peer_stock_type, peer_values, peer_year_for
from tenantry.indicators.calculators import Subject
from tenantry.indicators.models import Scope
from tenantry.indicators.peers import is_comparable, position
from tenantry.indicators.performance import (
    Row,
    latest_period_with_results,
    performance_groups,
)
from tenantry.indicators.target_tracking import yearly_histories
from tenantry.indicators.targets import agreement_for
from tenantry.indicators.views.indicator import CHART_UNITS
from tenantry.journey.selectors_directory import published_profile
from tenantry.organisations.models import DelegatedService, Organisation
from tenantry.organisations.selectors import services_delegated_to
from tenantry.reviews.plan_selectors import published_plans
from tenantry.scrutiny.report_selectors import published_reports, published_reports_on, with_rows

from .models import PublicPage

# The figures drawn as a trend and compared with the regulator's landlords: the ones tenants
# ask about first (repairs, complaints, overall satisfaction, rent, empty homes). Each costs one
# query, so the page's queries stay fixed whatever the organisation's size.
KEY_CODES = ("RP02-2", "RP02-1", "CH02-1", "TP01", "BV66a", "BV212")
YEARS_SHOWN = 5
SCRUTINY_REPORTS_SHOWN = 3
MEETINGS_SHOWN = 6
DECISIONS_SHOWN = 10

# Where a figure stands among England's landlords, by its quartile (1 = best, a figure on an
# edge taking the better one: `indicators.peers.position`).
QUARTER_WORDS = {
    1: gettext_lazy("among the best quarter of landlords in England"),
    2: gettext_lazy("in the better half of landlords in England"),
    3: gettext_lazy("in the worse half of landlords in England"),
    4: gettext_lazy("among the worst quarter of landlords in England"),
}


def cache_key(page: PublicPage, part: str) -> str:
    """The cache key of one part of an organisation's public page in the language asked for.
    It carries the page's last change, so a change is seen by the next reader."""
    changed = page.updated_at.timestamp() if page.updated_at else 0
    return f"public-page:{page.organisation_id}:{changed}:{get_language()}:{part}"


def cache_seconds() -> int:
    return settings.PUBLIC_PAGE_CACHE_SECONDS


# --- who it is -------------------------------------------------------------------------------


def about(*, organisation: Organisation, today: date) -> dict:
    """The organisation's kind, landlord, homes and the services it runs (two queries)."""
    services = services_delegated_to(organisation=organisation, on=today)
    homes_text = ""
    if organisation.manages_homes() and not organisation.is_landlord:
        homes = stock_counts(organisation=organisation).stock.homes
        words = {"n": number_text(homes), "landlord": organisation.landlord}
        if homes and organisation.landlord_id:
            homes_text = (
                ngettext(
                    "We look after %(n)s home for %(landlord)s.",
                    "We look after %(n)s homes for %(landlord)s.",
                    homes,
                )
                % words
            )
        elif homes:
            homes_text = (
                ngettext("We look after %(n)s home.", "We look after %(n)s homes.", homes) % words
            )
    return {
        "services": [label for value, label in DelegatedService.choices if value in services],
        "homes_text": homes_text,
        "profile": published_profile(organisation.slug),
    }


# --- figures ---------------------------------------------------------------------------------


@dataclass
class PublicFigure:
    row: Row
    compared: str = ""
    chart: Chart | None = None


@dataclass
class FigureGroup:
    title: str
    figures: list[PublicFigure] = field(default_factory=list)


def subject_of(organisation: Organisation) -> Subject | None:
    """The figures a public page shows: the whole organisation's homes. A panel, an association
    or a network manages none of its own; a landlord's page would need its own choice of
    scope, so neither shows figures here."""
    if organisation.manages_homes() and not organisation.is_landlord:
        return Subject(Scope.ORGANISATION, organisation)
    return None


def _compared(row: Row, period: Period, peer_year: str | None) -> str:
    """Where the figure stands among the regulator's landlords, in words (one query)."""
    indicator = row.indicator
    if peer_year is None or row.figure.value is None:
        return ""
    values = peer_values(
        code=indicator.code,
        year_label=peer_year,
        stock_type=peer_stock_type(indicator, Filters()),
        filters=Filters(),
    )
    others = [value.value for value in values if is_comparable(value)]
    if not others:
        return ""
    found = position(row.figure.value, others, higher_is_better=indicator.higher_is_better)
    if found.quartile is None:
        return ""
    return _(
        "That puts us %(where)s (compared with %(count)s landlords' figures for %(year)s)."
    ) % {
        "where": QUARTER_WORDS[found.quartile],
        "count": f"{len(others):,}",
        "year": peer_year,
    }


def _chart(organisation: Organisation, row: Row, history: list[dict]) -> Chart | None:
    if not any(point["value"] is not None for point in history):
        return None
    name = _(row.indicator.name)
    has_target = any(point["target"] is not None for point in history)
    return trend_chart(
        title=_("%(name)s, year by year") % {"name": name},
        description=_("%(name)s for %(organisation)s in each of the last five years%(target)s.")
        % {
            "name": name,
            "organisation": organisation.name,
            "target": _(", with the target as a dashed line") if has_target else "",
        },
        rows=history,
        period="period",
        value="value",
        value_title=name if len(name) < 40 else _("Figure"),
        unit=CHART_UNITS.get(row.indicator.unit, ""),
        target="target" if has_target else None,
        period_title=_("Year"),
    )


def figures(*, organisation: Organisation, today: date, charts: bool = True) -> dict:
    """The newest year's figures for the whole organisation, grouped as on the performance page,
    each in a sentence with its change since the year before and its target; the key figures
    with their trend over five years and where they stand among England's landlords."""
    subject = subject_of(organisation)
    if subject is None:
        return {"period": None, "groups": [], "key": []}
    period = latest_period_with_results(subject=subject, today=today)
    groups = []
    key: list[PublicFigure] = []
    by_code: dict[str, PublicFigure] = {}
    for group in performance_groups(
        organisation=organisation, subject=subject, period=period, today=today
    ):
        shown = FigureGroup(group.title)
        for row in group.rows:
            if row.figure.value is None:
                continue
            figure = PublicFigure(row)
            shown.figures.append(figure)
            if row.indicator.organisation_id is None and row.indicator.code in KEY_CODES:
                by_code[row.indicator.code] = figure
        if shown.figures:
            groups.append(shown)
    key = [by_code[code] for code in KEY_CODES if code in by_code]
    if key:
        peer_year = peer_year_for(period)
        for figure in key:
            figure.compared = _compared(figure.row, period, peer_year)
        if charts:
            histories = yearly_histories(
                organisation_id=organisation.pk,
                agreement=agreement_for(subject, period, today=today),
                indicators=[figure.row.indicator for figure in key],
                today=today,
                back=YEARS_SHOWN,
                ahead=0,
            )
            for figure in key:
                figure.chart = _chart(organisation, figure.row, histories[figure.row.indicator.pk])
    return {"period": period, "groups": groups, "key": key}


# --- plans, scrutiny, meetings ---------------------------------------------------------------


def plans(*, organisation: Organisation, today: date) -> list:
    """Published improvement plans with their actions' progress (two queries)."""
    return published_plans(organisation=organisation, today=today)


def scrutiny(*, organisation: Organisation, today: date) -> dict:
    """The newest published scrutiny reports on the organisation's services (or, for a panel,
    its own), each recommendation with the answer and where its action stands (three
    queries)."""
    if organisation.kind == Organisation.Kind.SCRUTINY_PANEL:
        reports = published_reports(panel=organisation)
    else:
        reports = published_reports_on(organisation=organisation)
    return {"reports": with_rows(reports[:SCRUTINY_REPORTS_SHOWN], today)}


def meetings(*, organisation: Organisation, today: date) -> dict:
    """Meetings to come (when and where, never the online link, which is for members), and the
    decisions of general meetings whose minutes are approved (two queries). The minutes' own
    text names who came, so it is not published here; the decisions are what they record."""
    coming = (
        meetings_of(organisation)
        .filter(day__gte=today)
        .order_by("day", "starts_at", "pk")[:MEETINGS_SHOWN]
    )
    decided = (
        decisions_of(organisation)
        .filter(
            Q(meeting__kind__in=[MeetingKind.AGM, MeetingKind.GENERAL]),
            meeting__minutes__approved_on__isnull=False,
            meeting__day__lt=today,
        )
        .select_related("meeting__minutes")[:DECISIONS_SHOWN]
    )
    return {"coming": list(coming), "decided": list(decided)}
