"""One indicator: what it means, how it has moved, its figures, and the records behind them."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tenantry.core import query
from tenantry.core.charts import trend_chart
from tenantry.core.periods import (
    YEARS_SHOWN,
    Period,
    describe_period,
    financial_year,
    financial_year_of,
    months_of,
    quarters_of,
)
from tenantry.homes.models import Home
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.records.permissions import can_view_service_records

from .. import calculators
from ..benchmarks import peer_spreads
from ..models import Indicator, Result, Scope, Source, StockType, Unit
from ..performance import (
    RECORD_KINDS,
    count_of,
    explain_config,
    record_details,
    stale_text,
    with_related,
)
from ..performance_forms import ShowForm
from ..scopes import results_by_period, split_labels
from ..selectors import indicator_for, may_be_entered
from ..sentences import sentence, unit_name, value_text
from ..services.recalculation import check_if_due, counts_differ, mark_stale, stored_counts
from ..targets import agreement_for, direction_text, status_of
from ..timescales import repair_timescales
from .performance import chosen, query_for

PAGE_SIZE = 25
CHART_UNITS = {
    Unit.PERCENT: "%",
    Unit.DAYS: "days",
    Unit.POUNDS: "£",
    Unit.PER_THOUSAND: "per 1,000",
    Unit.SCORE: "",
    Unit.NUMBER: "",
}


@dataclass
class FigureRow:
    period: Period
    result: Result | None
    text: str
    target_text: str
    status: object


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _peer_stock(indicator: Indicator, stock_type: str) -> str:
    # The regulator splits these by stock type; all homes together are compared with
    # low-cost rental landlords, as most social homes are.
    if not indicator.split_by_stock:
        return ""
    return stock_type or StockType.LOW_COST_RENTAL


def top_quarters(indicator: Indicator, years: list[Period], stock_type: str) -> dict:
    """The top quarter of landlords in the regulator's published figures for each year, where
    they have been imported: {year label: (low, high)}, from the best quartile's edge to the
    best figure. One query, however many years."""
    if indicator.organisation_id is not None:
        return {}
    spreads = peer_spreads(
        code=indicator.code,
        year_labels=[year.label for year in years],
        stock_type=_peer_stock(indicator, stock_type),
        higher_is_better=indicator.higher_is_better,
    )
    return {label: found.top_band for label, found in spreads.items() if found is not None}


def _trend(indicator, subject, year, stock_type, results, targets, today) -> dict:
    """The last five years and the quarters of the chosen one, as charts with their tables."""
    unit = CHART_UNITS.get(indicator.unit, "")
    years = [financial_year(year.start.year - back) for back in reversed(range(YEARS_SHOWN))]
    rows, band = [], False
    top = top_quarters(indicator, years, stock_type)
    for each in years:
        result = results[("year", each.start, each.end)]
        quartile = top.get(each.label)
        band = band or quartile is not None
        rows.append(
            {
                "period": each.label,
                "value": _number(result.value) if result else None,
                "target": _number(targets.get(each.start)),
                "low": _number(quartile[0]) if quartile else None,
                "high": _number(quartile[1]) if quartile else None,
            }
        )
    charts = []
    if any(row["value"] is not None for row in rows):
        charts.append(
            trend_chart(
                title=_("%(name)s, year by year") % {"name": indicator.name},
                description=_("%(name)s for each of the last five years%(target)s.")
                % {
                    "name": indicator.name,
                    "target": _(", with the target") if targets else "",
                },
                rows=rows,
                period="period",
                value="value",
                value_title=indicator.name if len(indicator.name) < 40 else _("Figure"),
                unit=unit,
                target="target" if targets else None,
                band_low="low" if band else None,
                band_high="high" if band else None,
                period_title=_("Year"),
                band_title=_("Top quarter of landlords (regulator's data)"),
            )
        )
    quarters = [q for q in quarters_of(year.label) if q.start <= today]
    quarter_rows = [
        {
            "period": q.label.split()[-1],
            "value": _number(results[("quarter", q.start, q.end)].value)
            if results[("quarter", q.start, q.end)]
            else None,
            "target": _number(targets.get(year.start)),
        }
        for q in quarters
    ]
    if any(row["value"] is not None for row in quarter_rows):
        charts.append(
            trend_chart(
                title=_("%(name)s, quarter by quarter in %(year)s")
                % {"name": indicator.name, "year": year.label},
                description=_("%(name)s for each quarter of %(year)s so far.")
                % {"name": indicator.name, "year": year.label},
                rows=quarter_rows,
                period="period",
                value="value",
                value_title=indicator.name if len(indicator.name) < 40 else _("Figure"),
                unit=unit,
                target="target" if targets.get(year.start) is not None else None,
                period_title=_("Quarter"),
            )
        )
    return {"charts": charts, "years": years}


def _figure_rows(indicator, year, years, results, target_objects, today) -> list[FigureRow]:
    periods = list(reversed(years))
    periods += [
        q for q in reversed(quarters_of(year.label)) if results[("quarter", q.start, q.end)]
    ]
    periods += [m for m in reversed(months_of(year.label)) if results[("month", m.start, m.end)]]
    rows = []
    for period in periods:
        result = results[(period.kind, period.start, period.end)]
        target = target_objects.get(financial_year_of(period.start).start)
        value = result.value if result else None
        rows.append(
            FigureRow(
                period,
                result,
                value_text(value, indicator),
                value_text(target.value, indicator) if target else "",
                status_of(indicator, value, target) if target else None,
            )
        )
    return rows


def _record_url(request: OrgRequest, record) -> str:
    if isinstance(record, Home):
        return reverse("homes:home", args=[request.organisation.slug, record.pk])
    kind = RECORD_KINDS.get(type(record))
    if kind is None:
        return ""
    return reverse("services:record", args=[record.organisation.slug, kind, record.pk])


def _drill_down(
    request: OrgRequest, found, subject, shown_query: str, result: Result | None
) -> dict | None:
    """The records behind the figure: counts for everyone; the records themselves only for
    those who may see service records, and never for residents (other residents' homes and
    repairs are their personal data). Behind a figure resting on many records the counts are
    the stored figure's (`stored_counts`), and a share's records are listed only when asked
    for."""
    if found is None:
        return None
    single = found.single
    stored = stored_counts(result, single=single)
    if stored:
        counted, missed = stored[0], 0 if single else stored[1] - stored[0]
    else:
        counted, missed = count_of(found.counted), 0 if single else count_of(found.missed)
    may_list = can_view_service_records(request.roles) and (
        subject.organisation == request.organisation or request.organisation.is_landlord
    )
    drill = {
        "evidence": found,
        "counted": counted,
        "missed": missed,
        "total": counted + missed,
        "single": single,
        "counted_group": found.counted_group,
        "missed_group": found.missed_group,
        "may_list": may_list,
        "counted_at": result.computed_at if stored else None,
    }
    if not may_list:
        return drill
    show = query.text(request.GET, "show")
    if show not in ("counted", "missed"):
        if stored and not single:
            return drill  # hundreds of thousands of records: listed when asked for
        show = "counted" if single or not missed else "missed"
    records = with_related(found.counted if show == "counted" else found.missed, found.model)
    paginator = Paginator(records, PAGE_SIZE)
    paginator.count = counted if show == "counted" else missed  # counted above: not again
    page = paginator.get_page(query.text(request.GET, "page"))
    drill.update(
        show=show,
        page=page,
        rows=[
            {"record": r, "url": _record_url(request, r), "details": record_details(r)}
            for r in page
        ],
        page_query=f"{shown_query}&{urlencode({'show': show})}",
    )
    return drill


def _out_of_step(result: Result | None, drill: dict | None) -> bool:
    """A stored share, not already waiting to be worked out again, whose top and bottom
    numbers differ from the counts of the records behind it now (counted for the page)."""
    if result is None or drill is None or drill["single"] or result.stale_since:
        return False
    return counts_differ(result, counted=drill["counted"], total=drill["total"])


@organisation_view(can.can_view_performance)
def indicator(request: OrgRequest, code: str) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    found = indicator_for(organisation=organisation, code=code)
    if found is None:
        raise Http404
    period, scopes, scope = chosen(request, today)
    stock_type = query.text(request.GET, "stock")
    split = found.split_by_stock and scope.subject.scope != Scope.ESTATE
    if not split or stock_type not in StockType.values:
        stock_type = ""
    subject = calculators.Subject(
        scope.subject.scope, scope.subject.organisation, scope.subject.estate, stock_type
    )
    year = financial_year_of(period.start)
    behind = calculators.evidence(found, subject, period, measure=False)
    results = results_by_period(scope.subject, found, stock_type)
    result = results[(period.kind, period.start, period.end)]
    drill = _drill_down(
        request, behind, subject, query_for(period, scope, stock=stock_type), result
    )
    if _out_of_step(result, drill):
        # The records changed without the figure being marked (a change made outside
        # Tenantry's services, or a complaint's deadline passing): have it worked out again
        # rather than show a headline that disagrees with the records behind it.
        mark_stale(results=[result])
        results = results_by_period(scope.subject, found, stock_type)
        result = results[(period.kind, period.start, period.end)]
    elif result and behind and check_if_due(result=result, now=timezone.now()):
        # Last worked out a while ago: checked against its records in the background (by the
        # in-process task backend, already), so a change no check above can see still shows.
        results = results_by_period(scope.subject, found, stock_type)
        result = results[(period.kind, period.start, period.end)]
    agreement = agreement_for(scope.subject, period, today=today)
    target_objects = (
        {t.year_start: t for t in agreement.targets.filter(indicator=found)} if agreement else {}
    )
    targets = {start: t.value for start, t in target_objects.items()}
    target = target_objects.get(year.start)
    trend = _trend(found, scope.subject, year, stock_type, results, targets, today)
    shown_query = query_for(period, scope, stock=stock_type)
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": found,
            "period": period,
            "period_words": describe_period(period),
            "scope": scope,
            "form": ShowForm(
                {"period": period.label, "scope": scope.key},
                scopes=scopes,
                today=today,
                period=period,
            ),
            "stock_type": stock_type,
            "stock_choices": list(split_labels().items()) if split else [],
            "stock_query": query_for(period, scope),
            "result": result,
            "figure": value_text(result.value if result else None, found),
            "sentence": sentence(
                found,
                result.value if result else None,
                result.numerator if result else None,
                result.denominator if result else None,
            ),
            "target": target,
            "target_text": value_text(target.value, found) if target else "",
            "status": status_of(found, result.value if result else None, target)
            if target
            else None,
            "unit_name": unit_name(found),
            "direction": direction_text(found),
            "config": explain_config(found, subject, period),
            "timescales": repair_timescales(organisation=scope.subject.organisation)
            if found.code.startswith("RP02")
            else None,
            "charts": trend["charts"],
            "figures": _figure_rows(found, year, trend["years"], results, target_objects, today),
            "drill": drill,
            "stale_when": stale_text([result], today),
            "query": shown_query,
            "may_enter": may_be_entered(found)
            and can.can_enter_results(request.roles)
            and scope.is_own,
            "is_computed": found.source not in (Source.MANUAL, Source.SURVEY),
        },
    )


urlpatterns = [path("performance/<str:code>/", indicator, name="indicator")]
