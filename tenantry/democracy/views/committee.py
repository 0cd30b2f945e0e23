from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import permissions as can
from .. import selectors, services
from ..constitution import agm_due_by
from ..forms import EndTermForm, TermForm
from ..models import CommitteeTerm

keeper_view = organisation_view(can.can_keep_committee)


@organisation_view(can.can_view_democracy)
def committee(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    constitution = services.constitution_of(request.organisation)
    found = selectors.committee(
        constitution=constitution,
        seats=services.seats_of(constitution),
        day=today,
        agm=agm_due_by(constitution, today),
    )
    return render(
        request,
        "democracy/committee.html",
        {
            "committee": found,
            "constitution": constitution,
            "may_keep": can.can_keep_committee(request.roles),
        },
    )


@keeper_view
def add_term(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    members = selectors.members_for_seats(organisation=request.organisation, day=today)
    form = TermForm(request.POST or None, members=members, initial={"starts_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_committee_term(
                organisation=request.organisation,
                by=request.user,
                kind=data["kind"],
                how=data["how"],
                starts_on=data["starts_on"],
                membership=data["membership"],
                name=data["name"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The committee seat is filled."))
            return redirect("democracy:committee", request.organisation.slug)
    return render(request, "democracy/add_term.html", {"form": form})


@keeper_view
def end_term(request: OrgRequest, pk: int) -> HttpResponse:
    term = object_in(
        request.organisation, CommitteeTerm.objects.select_related("membership__resident"), pk=pk
    )
    form = EndTermForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_committee_term(
                term=term,
                by=request.user,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The term has ended."))
            return redirect("democracy:committee", request.organisation.slug)
    return render(request, "democracy/end_term.html", {"form": form, "term": term})


urlpatterns = [
    path("democracy/committee/", committee, name="committee"),
    path("democracy/committee/add/", add_term, name="add-committee-term"),
    path("democracy/committee/<int:pk>/end/", end_term, name="end-committee-term"),
]
