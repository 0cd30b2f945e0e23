"""Democratic health: an organisation's figures year by year with its early warnings, and a
landlord's list of the warnings of every organisation it delegates to."""

from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core import query
from tenantry.core.periods import financial_year_of, years_offered
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import health
from .. import permissions as can
from ..navigation import has_members


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    value: str
    detail: str


def figure_rows(year: health.YearHealth) -> list[FigureRow]:
    """Each figure of a year as the page writes it: the share, and what it was worked out from."""
    pct = health.percent_text
    day = date_format(year.day, "j F Y")
    held = [f for f in year.meetings if f.recorded]
    if not year.meetings:
        attendance = _("No general meeting was held.")
    elif not held:
        attendance = _("Nobody's attendance was recorded at the door.")
    else:
        attendance = ngettext(
            "The average of %(n)s general meeting: members present of the members on the day.",
            "The average of %(n)s general meetings: members present of the members on the day.",
            len(held),
        ) % {"n": len(held)}
    uncontested = _("Elections decided without a vote: %(n)s.") % {"n": year.uncontested}
    criticisms = year.criticisms
    return [
        FigureRow(
            "members",
            _("Households with a member"),
            pct(year.members.percentage),
            _("%(n)s of %(total)s households on %(day)s")
            % {"n": year.members.numerator, "total": year.members.denominator, "day": day},
        ),
        FigureRow("attendance", _("General meeting attendance"), pct(year.attendance), attendance),
        FigureRow(
            "filled",
            _("Committee places filled"),
            pct(year.filled_score.percentage),
            _("%(filled)s of %(places)s places on %(day)s; %(average)s filled over the year")
            % {
                "filled": year.filled,
                "places": year.places,
                "day": day,
                "average": pct(year.filled_average_percent),
            },
        ),
        FigureRow(
            "contested",
            _("Contested elections"),
            str(year.contested),
            _("Elections that went to a vote.") + " " + uncontested,
        ),
        FigureRow(
            "turnover",
            _("Committee turnover"),
            pct(year.turnover.score.percentage),
            _("%(joined)s joined and %(left)s left, of %(places)s places")
            % {
                "joined": year.turnover.joined,
                "left": year.turnover.left,
                "places": year.places,
            },
        ),
        FigureRow(
            "notices",
            _("Notice given on time"),
            pct(year.notices.percentage),
            _("%(n)s of %(total)s meetings had the clear days' notice the constitution asks for")
            % {"n": year.notices.numerator, "total": year.notices.denominator},
        ),
        FigureRow(
            "criticisms",
            _("Criticisms answered on time"),
            pct(criticisms.score.percentage),
            _("%(n)s of %(due)s answered by their due date; %(waiting)s not yet due")
            % {
                "n": criticisms.answered_on_time,
                "due": criticisms.due,
                "waiting": criticisms.not_yet_due,
            },
        ),
    ]


def shown_warnings(warnings: list[health.Warning], roles) -> list[dict]:
    """Each warning with the link to the page that fixes it, where these roles may open it."""
    return [
        {"text": w.text, "link_text": w.link_text, "url": w.link_for(roles), "key": w.key}
        for w in warnings
    ]


@organisation_view(can.can_view_democratic_health)
def democratic_health(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    if not has_members(organisation):
        raise Http404
    years = years_offered(today=today)
    chosen = query.year(request.GET, today=today) or financial_year_of(today)
    if chosen not in years:
        chosen = financial_year_of(today)
    by_year = health.years_of_health(organisation=organisation, today=today, years=years)
    year = next(y for y in by_year if y.period == chosen)
    table = [(y, figure_rows(y)) for y in by_year]
    return render(
        request,
        "democracy/health.html",
        {
            "year": year,
            "rows": figure_rows(year),
            "years": [y for y, _rows in table],
            "by_figure": [
                (row.label, [rows[i].value for _y, rows in table])
                for i, row in enumerate(table[0][1])
            ],
            "warnings": shown_warnings(
                health.kept_warnings(organisation=organisation, today=today), request.roles
            ),
            "questionnaire": [
                (label, score, health.percent_text(score.percentage))
                for label, score in year.questionnaire_rows
            ],
            "profile": health.kept_committee_profile(
                organisation=organisation, day=year.day, today=today
            ),
            "smallest": health.privacy.SMALLEST_GROUP_SHOWN,
        },
    )


@organisation_view(can.can_view_health_across)
def health_across(request: OrgRequest) -> HttpResponse:
    landlord = request.organisation
    if not landlord.is_landlord:
        raise Http404
    rows = health.warnings_across(landlord=landlord, today=timezone.localdate())
    return render(
        request,
        "democracy/health_across.html",
        {
            "rows": rows,
            "with_warnings": sum(1 for row in rows if row.warnings),
        },
    )


urlpatterns = [
    path("democracy/health/", democratic_health, name="health"),
    path("democratic-health/", health_across, name="health-across"),
]
