"""The landlord's portfolio: every organisation it works with, side by side."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tenantry.core import query
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view

from ..portfolio import arrange, cells_in, column_groups
from ..portfolio import portfolio as portfolio_of

SHOW_CHOICES = [
    ("all", gettext_lazy("All organisations")),
    ("attention", gettext_lazy("Needing attention")),
    ("red", gettext_lazy("Off target on at least one indicator")),
    ("on_target", gettext_lazy("On target, nothing outstanding")),
]
SORT_CHOICES = [
    ("name", gettext_lazy("Name")),
    ("homes", gettext_lazy("Homes managed, most first")),
    ("status", gettext_lazy("Most concern first")),
]


@organisation_view(can.can_view_portfolio)
def portfolio(request: OrgRequest) -> HttpResponse:
    landlord = request.organisation
    if not landlord.is_landlord:
        raise Http404
    today = timezone.localdate()
    found = portfolio_of(landlord=landlord, today=today)
    show = query.text(request.GET, "show", "all")
    sort = query.text(request.GET, "sort", "name")
    rows = arrange(found.rows, show=show, sort=sort)
    # `?group=` picks a group of indicators; without one (or with one not shown) the summary.
    groups = column_groups(found.columns)
    group = next((g for g in groups if g.key == query.text(request.GET, "group")), None)
    return render(
        request,
        "indicators/portfolio.html",
        {
            "portfolio": found,
            "rows": rows,
            "groups": groups,
            "group": group,
            "group_rows": [(row, cells_in(row, group)) for row in rows] if group else [],
            "show": show,
            "sort": sort,
            "show_choices": SHOW_CHOICES,
            "sort_choices": SORT_CHOICES,
            "attention": sum(1 for r in found.rows if r.needs_attention),
            "awaiting": sum(r.awaiting_decision for r in found.rows),
            "overdue": sum(r.overdue for r in found.rows),
            "today": today,
        },
    )


urlpatterns = [path("portfolio/", portfolio, name="portfolio")]
