"""The page of what residents keep raising, and working it out again."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tenantry.core.periods import financial_year
from tenantry.organisations.access import OrgRequest, organisation_view

from .permissions import can_see_themes, can_work_out_themes
from .themes_models import ThemeComment
from .themes_selectors import read_filters, themes_page
from .themes_services import ask_for_themes


@organisation_view(can_see_themes)
@require_safe
def themes(request: OrgRequest) -> HttpResponse:
    source, year, errors = read_filters(request.GET)
    context = themes_page(
        organisation=request.organisation, roles=request.roles, source=source, year=year
    )
    context["years"] = [
        (financial_year(y).label, financial_year(y).label) for y in context["years"]
    ]
    context |= {
        "source": source,
        "year": financial_year(year).label if year is not None else "",
        "sources": ThemeComment.Source.choices,
        "errors": errors,
        "may_work_out": can_work_out_themes(request.roles),
    }
    return render(request, "reports/themes.html", context, status=400 if errors else 200)


@organisation_view(can_work_out_themes)
@require_POST
def work_out_themes(request: OrgRequest) -> HttpResponse:
    ask_for_themes(organisation=request.organisation, by=request.user)
    messages.success(request, _("The themes are being worked out again."))
    return redirect(reverse("reports:themes", args=[request.organisation.slug]))
