from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tenantry.core import query
from tenantry.homes.selectors import home_of
from tenantry.journey.home_parts import network_work_part
from tenantry.journey.selectors_groups import groups_of
from tenantry.journey.selectors_tracker import journey_of
from tenantry.organisations import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.selectors import (
    current_agreement,
    organisations_matching,
    organisations_of,
)
from tenantry.records.permissions import can_view_service_records
from tenantry.records.selectors.overdue import recent_overdue_work
from tenantry.reviews.home_parts import late_actions_part
from tenantry.scrutiny.home_parts import panel_work_part
from tenantry.surveys.selectors import open_surveys_for

from .selectors import landlord_overview, organisation_overview, partner_overview


def index(request: HttpRequest) -> HttpResponse:
    """Signed out: what Tenantry is. Signed in: straight to your organisation, or a choice."""
    if not request.user.is_authenticated:
        return render(request, "reports/welcome.html")
    if request.user.is_superuser:
        search = query.text(request.GET, "q")
        shown, matching = organisations_matching(search=search)
        return render(
            request,
            "reports/site_admin_home.html",
            {"organisations": shown, "matching": matching, "search": search},
        )
    memberships = organisations_of(user=request.user)
    journey_groups = list(groups_of(request.user, open_only=True))
    # A group that became an organisation is reached from that organisation's home.
    if len(memberships) == 1 and all(g.organisation_id for g in journey_groups):
        return redirect(memberships[0][0])
    return render(
        request,
        "reports/choose.html",
        {"memberships": memberships, "journey_groups": journey_groups},
    )


@organisation_view(can.can_view_organisation)
def organisation_home(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, date.today()
    # The tenant group whose journey led here, for those who work on it (docs/journey.md).
    journey_group = journey_of(organisation=organisation, user=request.user)
    if not can.can_view_management(request.roles):
        return render(
            request,
            "reports/resident_home.html",
            {
                "home": home_of(user=request.user),
                "agreement": current_agreement(organisation=organisation, on=today),
                "surveys": open_surveys_for(organisation=organisation, user=request.user),
                "journey_group": journey_group,
            },
        )
    if organisation.is_landlord:
        return render(
            request,
            "reports/landlord_home.html",
            landlord_overview(landlord=organisation, on=today),
        )
    if organisation.is_network:
        context = partner_overview(organisation=organisation)
        context["network_work"] = network_work_part(organisation=organisation, roles=request.roles)
        return render(request, "reports/network_home.html", context)
    if not organisation.manages_homes():
        context = partner_overview(organisation=organisation)
        context["panel_work"] = panel_work_part(
            organisation=organisation, roles=request.roles, today=timezone.localdate()
        )
        context["journey_group"] = journey_group
        return render(request, "reports/partner_home.html", context)
    context = organisation_overview(organisation=organisation, on=today)
    if can_view_service_records(request.roles):
        context["overdue"] = recent_overdue_work(organisation=organisation, now=timezone.now())
    context["late_plan_actions"] = late_actions_part(
        organisation=organisation, roles=request.roles, today=timezone.localdate()
    )
    context["journey_group"] = journey_group
    return render(request, "reports/organisation_home.html", context)
