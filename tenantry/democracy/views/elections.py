"""Elections to the committee: the list, an election with its candidates and result, calling one,
nominations keyed in from paper or made by a member standing online, closing nominations and
declaring the result (docs/elections.md)."""

import base64
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import election_services as services
from .. import permissions as can
from .. import selectors
from ..election_forms import ElectionForm, NominationForm
from ..eligibility import OPEN
from ..models import Election, ElectionStatus, Meeting, MemberStatus, NominatedBy, SeatKind


def _election(request: OrgRequest, pk: int) -> Election:
    return object_in(
        request.organisation, Election.objects.select_related("meeting", "ballot"), pk=pk
    )


def _to_election(election: Election) -> HttpResponse:
    return redirect("democracy:election", election.organisation.slug, election.pk)


def photo_uri(nomination) -> str:
    """A candidate's photo written into the page (a small JPEG, made so on upload): the voting
    page is reached with a code, not a sign-in, so the photo has no address of its own."""
    if not nomination.photo:
        return ""
    try:
        with nomination.photo.open("rb") as photo:
            data = photo.read()
    except OSError:
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def candidates_shown(election: Election) -> list:
    """The candidates in ballot order, each with its photo and, once counted, its votes."""
    found = services.candidates(election)
    votes = {}
    if election.ballot_id and election.ballot.result:
        votes = {o["id"]: o["votes"] for o in election.ballot.result.get("options", [])}
    for nomination in found:
        nomination.photo_uri = photo_uri(nomination)
        nomination.votes = votes.get(nomination.option_id)
    return found


@organisation_view(can.can_view_elections)
def elections(request: OrgRequest) -> HttpResponse:
    found = (
        Election.objects.filter(organisation=request.organisation)
        .select_related("meeting")
        .order_by("-nominations_close_on", "kind", "-pk")
    )
    return render(request, "democracy/elections/list.html", {"elections": found[:100]})


@organisation_view(can.can_run_elections)
def create_election(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    agm = (
        Meeting.objects.filter(organisation=organisation, kind="agm", day__gt=today)
        .order_by("day")
        .first()
    )
    agm_day = agm.day if agm else services.default_agm(organisation, today)
    seats = {
        kind: services.seats_to_fill(organisation=organisation, kind=kind, agm=agm_day, day=today)
        for kind in (SeatKind.TENANT, SeatKind.LEASEHOLDER)
    }
    close = max(today, agm_day - timedelta(days=28))
    opens_at, closes_at = services.voting_window(close)
    initial = {
        "kind": SeatKind.TENANT,
        "seats": seats[SeatKind.TENANT] or 1,
        "meeting": agm,
        "nominations_open_on": today,
        "nominations_close_on": close,
        "voting_opens_at": opens_at,
        "voting_closes_at": closes_at,
    }
    form = ElectionForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        election = form.save(commit=False)
        election.organisation = organisation
        try:
            services.create_election(election=election, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The election is called: nominations can be taken."))
            return _to_election(election)
    return render(
        request,
        "democracy/elections/create.html",
        {"form": form, "seats": seats, "agm_day": agm_day, "agm": agm},
        status=form_status(form),
    )


@organisation_view(can.can_view_elections)
def election(request: OrgRequest, pk: int) -> HttpResponse:
    found = _election(request, pk)
    today = timezone.localdate()
    shown = candidates_shown(found)
    result = found.ballot.result if found.ballot_id else {}
    elected, undecided = (
        services.elected_and_undecided(found)
        if found.status == ElectionStatus.UNCONTESTED
        or (found.ballot_id and found.ballot.status == "counted")
        else ([], 0)
    )
    return render(
        request,
        "democracy/elections/election.html",
        {
            "election": found,
            "candidates": shown,
            "result": result,
            "elected_ids": {n.pk for n in elected},
            "undecided": undecided,
            "taking": found.status == ElectionStatus.NOMINATIONS
            and found.nominations_open_on <= today <= found.nominations_close_on,
            "may_close": found.status == ElectionStatus.NOMINATIONS
            and today > found.nominations_close_on,
            "may_declare": found.status == ElectionStatus.UNCONTESTED
            or (found.status == ElectionStatus.BALLOT and found.ballot.status == "counted"),
            "runs_to": services.term_runs_to(found),
            "tie": result.get("tie") if result else None,
            "by_votes": sorted((n for n in shown if n.votes is not None), key=lambda n: -n.votes),
        },
    )


def _nomination_form_page(request, election, form, standing):
    return render(
        request,
        "democracy/elections/nominate.html",
        {"election": election, "form": form, "standing": standing},
        status=form_status(form),
    )


@organisation_view(can.can_run_elections)
def key_nomination(request: OrgRequest, pk: int) -> HttpResponse:
    found = _election(request, pk)
    if found.status != ElectionStatus.NOMINATIONS:
        messages.error(request, _("Nominations for this election have closed."))
        return _to_election(found)
    today = timezone.localdate()
    form = NominationForm(
        request.POST or None, request.FILES or None, initial={"received_on": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        day = min(data["received_on"], today)
        people = {
            role: services.member_by_number(
                organisation=request.organisation,
                number=data[f"{role}_number"],
                name=data[f"{role}_name"],
                day=day,
            )
            for role in ("candidate", "proposer", "seconder")
        }
        for role, person in people.items():
            if person is None:
                form.add_error(
                    f"{role}_number",
                    _("No current member has that membership number and name"),
                )
        if not form.errors:
            try:
                services.nominate(
                    election=found,
                    by=request.user,
                    **people,
                    statement=data["statement"],
                    photo=data["photo"],
                    how=NominatedBy.PAPER,
                    received_on=data["received_on"],
                )
            except ValidationError as error:
                _add_person_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is nominated.") % {"name": people["candidate"].resident.name},
                )
                return _to_election(found)
    return _nomination_form_page(request, found, form, standing=False)


def _add_person_errors(form, error: ValidationError) -> None:
    """The service names the candidate, proposer or seconder; the form asks for their number."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = f"{name}_number" if f"{name}_number" in form.fields else name
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@organisation_view(can.can_stand_for_election)
def stand(request: OrgRequest, pk: int) -> HttpResponse:
    found = _election(request, pk)
    today = timezone.localdate()
    membership = (
        selectors.own_memberships(organisation=request.organisation, user=request.user)
        .filter(status__in=OPEN)
        .first()
    )
    member = membership is not None and membership.status == MemberStatus.MEMBER
    taking = (
        found.status == ElectionStatus.NOMINATIONS
        and found.nominations_open_on <= today <= found.nominations_close_on
    )
    form = NominationForm(request.POST or None, request.FILES or None, standing=True)
    if request.method == "POST" and member and taking and form.is_valid():
        data = form.cleaned_data
        people = {
            role: services.member_by_number(
                organisation=request.organisation,
                number=data[f"{role}_number"],
                name=data[f"{role}_name"],
                day=today,
            )
            for role in ("proposer", "seconder")
        }
        for role, person in people.items():
            if person is None:
                form.add_error(
                    f"{role}_number",
                    _("No current member has that membership number and name"),
                )
        if not form.errors:
            try:
                services.nominate(
                    election=found,
                    by=request.user,
                    candidate=membership,
                    **people,
                    statement=data["statement"],
                    photo=data["photo"],
                    how=NominatedBy.ONLINE,
                )
            except ValidationError as error:
                _add_person_errors(form, error)
            else:
                messages.success(request, _("Thank you: you are standing in this election."))
                return _to_election(found)
    return render(
        request,
        "democracy/elections/nominate.html",
        {
            "election": found,
            "form": form,
            "standing": True,
            "member": member,
            "taking": taking,
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_elections)
@require_POST
def close_nominations(request: OrgRequest, pk: int) -> HttpResponse:
    found = _election(request, pk)
    try:
        services.close_nominations(election=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if found.status == ElectionStatus.BALLOT:
            messages.success(request, _("Nominations are closed: the ballot is ready."))
        else:
            messages.success(request, _("Nominations are closed: the election is uncontested."))
    return _to_election(found)


@organisation_view(can.can_declare_elections)
@require_POST
def declare(request: OrgRequest, pk: int) -> HttpResponse:
    found = _election(request, pk)
    try:
        services.declare_result(election=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The result is declared: the committee is updated."))
    return _to_election(found)


urlpatterns = [
    path("democracy/elections/", elections, name="elections"),
    path("democracy/elections/new/", create_election, name="create-election"),
    path("democracy/elections/<int:pk>/", election, name="election"),
    path("democracy/elections/<int:pk>/nominate/", key_nomination, name="key-nomination"),
    path("democracy/elections/<int:pk>/stand/", stand, name="stand"),
    path("democracy/elections/<int:pk>/close/", close_nominations, name="close-nominations"),
    path("democracy/elections/<int:pk>/declare/", declare, name="declare-result"),
]
