from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tenantry.core import paging
from tenantry.core.menu import home_parts
from tenantry.homes.permissions import can_view_households
from tenantry.organisations import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.selectors import agreements_of

from . import services
from .forms import CoverageForm
from .models import Estate
from .selectors import changes_to_home, coverage_summary, current_household, estates_of, homes_of
from .stock import homes_by_estate


@organisation_view(can.can_view_management)
def estates(request: OrgRequest) -> HttpResponse:
    # Each estate's homes from the stored stock counts: counting them per estate on every view
    # read a large landlord's 125,000 homes.
    homes, counted_at = homes_by_estate(organisation=request.organisation)
    estates = Estate.objects.filter(pk__in=list(homes)).order_by("name")
    page = paging.page_of(estates, request.GET, per_page=100)
    for estate in page:
        estate.home_count = homes[estate.pk]
    return render(
        request, "homes/estates.html", {"estates": page, "page": page, "counted_at": counted_at}
    )


@organisation_view(can.can_view_management)
def estate(request: OrgRequest, pk: int) -> HttpResponse:
    estate = get_object_or_404(estates_of(organisation=request.organisation), pk=pk)
    homes = (
        homes_of(organisation=request.organisation)
        .filter(estate=estate)
        .select_related("block")
        .order_by("block__name", "reference")
    )
    page = paging.page_of(homes, request.GET, per_page=100)
    return render(
        request,
        "homes/estate.html",
        {"estate": estate, "page": page, "blocks": estate.blocks.all()},
    )


@organisation_view(can.can_view_management)
def home(request: OrgRequest, pk: int) -> HttpResponse:
    home = get_object_or_404(
        homes_of(organisation=request.organisation).select_related("estate", "block"), pk=pk
    )
    household = current_household(home=home) if can_view_households(request.roles) else None
    history = changes_to_home(home=home) if can.can_view_history(request.roles) else None
    parts = [
        {"template": part.template, **part.context(organisation=request.organisation, home=home)}
        for part in home_parts()
        if part.rule(request.roles)
    ]
    return render(
        request,
        "homes/home.html",
        {"home": home, "household": household, "changes": history, "parts": parts},
    )


@organisation_view(can.can_view_agreements)
def coverage(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_of(organisation=request.organisation), pk=pk)
    # Each estate's homes from the landlord's stored counts (one row, not 125,000 counted).
    totals, counted_at = homes_by_estate(organisation=agreement.landlord)
    summary = coverage_summary(agreement=agreement, totals=totals)
    form = None
    if request.method == "POST" and not can.can_manage_agreements(request.roles):
        raise PermissionDenied
    if can.can_manage_agreements(request.roles):
        covered = [estate for estate in summary if estate.covered]
        form = CoverageForm(
            request.POST or None, landlord=agreement.landlord, initial={"estates": covered}
        )
        if request.method == "POST" and form.is_valid():
            try:
                joined, left = services.set_estates_covered(
                    agreement=agreement,
                    estates=list(form.cleaned_data["estates"]),
                    from_day=form.cleaned_data["from_day"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(joined)d homes joined and %(left)d left the agreement.")
                    % {"joined": joined, "left": left},
                )
                return redirect("homes:coverage", request.organisation.slug, agreement.pk)
    return render(
        request,
        "homes/coverage.html",
        {
            "agreement": agreement,
            "summary": [e for e in summary if e.covered],
            "form": form,
            "counted_at": counted_at,
        },
    )
