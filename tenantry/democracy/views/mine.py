"""A resident's own membership: see it, apply from their account, leave."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import permissions as can
from .. import selectors, services
from ..constitution import pounds
from ..eligibility import OPEN, eligibility
from ..forms import ApplyForm, LeaveForm
from ..models import JoinedBy

resident_view = organisation_view(can.can_join)


def _mine(request: OrgRequest):
    organisation, today = request.organisation, timezone.localdate()
    resident = selectors.own_resident(organisation=organisation, user=request.user, day=today)
    memberships = list(selectors.own_memberships(organisation=organisation, user=request.user))
    current = next((m for m in memberships if m.status in OPEN), None)
    return resident, current, memberships


@resident_view
def my_membership(request: OrgRequest) -> HttpResponse:
    resident, current, memberships = _mine(request)
    constitution = services.constitution_of(request.organisation)
    check = None
    if resident is not None and current is None:
        check = eligibility(constitution=constitution, resident=resident, day=timezone.localdate())
    return render(
        request,
        "democracy/mine.html",
        {
            "resident": resident,
            "current": current,
            "past": [m for m in memberships if m is not current],
            "check": check,
            "constitution": constitution,
            "share": pounds(constitution.share_pence),
        },
    )


@resident_view
def apply(request: OrgRequest) -> HttpResponse:
    resident, current, _memberships = _mine(request)
    if resident is None or current is not None:
        return redirect("democracy:my-membership", request.organisation.slug)
    constitution = services.constitution_of(request.organisation)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_for_membership(
                organisation=request.organisation,
                by=request.user,
                resident=resident,
                joined_by=JoinedBy.ONLINE,
                date_of_birth=form.cleaned_data["date_of_birth"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your application is with the committee to decide.")
            )
            return redirect("democracy:my-membership", request.organisation.slug)
    return render(
        request,
        "democracy/apply.html",
        {
            "form": form,
            "resident": resident,
            "constitution": constitution,
            "share": pounds(constitution.share_pence),
        },
    )


@resident_view
def leave(request: OrgRequest) -> HttpResponse:
    _resident, current, _memberships = _mine(request)
    if current is None:
        return redirect("democracy:my-membership", request.organisation.slug)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(
                membership=current, by=request.user, reason=_("Left by their own choice")
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("You are no longer a member."))
            return redirect("democracy:my-membership", request.organisation.slug)
    return render(request, "democracy/leave.html", {"form": form, "current": current})


urlpatterns = [
    path("my/membership/", my_membership, name="my-membership"),
    path("my/membership/apply/", apply, name="apply"),
    path("my/membership/leave/", leave, name="leave"),
]
