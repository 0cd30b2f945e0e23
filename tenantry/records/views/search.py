"""The staff search page: one box, results grouped by kind, each group's full list paged."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from tenantry.core import paging, query
from tenantry.homes.permissions import can_view_households
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.records import permissions as can

from .. import search as finder
from ..kinds import record_details
from ..selectors.finding import place_of

PAGE_SIZE = 50


def _rows(slug: str, found) -> list[dict]:
    if slug == "homes":
        return [{"home": home} for home in found]
    return [
        {"record": record, "place": place_of(record), "details": record_details(record)}
        for record in found
    ]


@organisation_view(can.can_search)
def search(request: OrgRequest) -> HttpResponse:
    words = query.text(request.GET, "q")
    group = query.text(request.GET, "group")
    group = group if group in finder.GROUPS else ""
    terms = finder.Terms.read(words)
    context = {
        "query": " ".join(words.split()),
        "terms": terms,
        "group": group,
        "names": can_view_households(request.roles),
        "search_page": True,  # the page's own box, not the header's
    }
    if words.strip() and terms is None:
        context["error"] = _("Enter at least %(n)d letters or numbers to search for") % {
            "n": finder.MIN_LENGTH
        }
    elif terms and group:
        found = finder.matches(
            organisation=request.organisation, roles=request.roles, terms=terms, group=group
        )
        page = paging.page_of(found, request.GET, per_page=PAGE_SIZE)
        context |= {
            "title": finder.group_title(group),
            "page": page,
            "rows": _rows(group, page),
            "page_query": urlencode({"q": terms.text, "group": group}),
        }
    elif terms:
        groups = finder.search(organisation=request.organisation, roles=request.roles, terms=terms)
        context["groups"] = [
            {"slug": g.slug, "title": g.title, "rows": _rows(g.slug, g.found), "more": g.more}
            for g in groups
        ]
        context["found_any"] = any(g.found for g in groups)
    return render(request, "records/search/search.html", context)


urlpatterns = [path("search/", search, name="search")]
