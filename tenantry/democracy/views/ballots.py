"""The ballot pages for those who run and scrutinise ballots: the list, a ballot, keying in
paper and in-person votes, the scrutineer's pages, results and the downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import exports as files
from tenantry.core import query
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import ballots as engine
from .. import exports
from .. import permissions as can
from ..ballots import papers, selectors
from ..ballots.casting import is_open
from ..ballots.forms import BallotForm, PaperVoteForm, choice_form
from ..models.ballots import Ballot, BallotStatus, Channel, Voter


def _ballot(request: OrgRequest, pk: int) -> Ballot:
    return object_in(request.organisation, Ballot, pk=pk)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@organisation_view(can.can_view_ballots)
def ballot_list(request: OrgRequest) -> HttpResponse:
    found = selectors.ballots_of(organisation=request.organisation)
    return render(
        request, "democracy/ballots/list.html", {"page": page_of(found, request.GET, per_page=50)}
    )


@organisation_view(can.can_run_ballots)
def create_ballot(request: OrgRequest) -> HttpResponse:
    form = BallotForm(request.POST or None, initial={"roll_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ballot = engine.create_ballot(
                organisation=request.organisation,
                by=request.user,
                kind=data["kind"],
                question=data["question"],
                explanation=data["explanation"],
                options=data["option_list"],
                rule=data["rule"],
                threshold_percent=data["threshold_percent"],
                roll_date=data["roll_date"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                online="online" in data["channels"],
                paper="paper" in data["channels"],
                in_person="in_person" in data["channels"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("democracy:ballot", request.organisation.slug, ballot.pk)
    return render(request, "democracy/ballots/create.html", {"form": form})


@organisation_view(can.can_view_ballots)
def ballot_detail(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    context = {
        "ballot": ballot,
        "options": ballot.options.all(),
        "roll_count": ballot.roll.count(),
        "by_channel": selectors.marks_by_channel(ballot),
        "voting_now": is_open(ballot),
        "closing_time_passed": timezone.now() >= ballot.closes_at,
    }
    return render(request, "democracy/ballots/detail.html", context)


def _act(request: OrgRequest, pk: int, action, done: str) -> HttpResponse:
    ballot = _ballot(request, pk)
    try:
        action(ballot=ballot, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return redirect("democracy:ballot", request.organisation.slug, ballot.pk)


@organisation_view(can.can_run_ballots)
@require_POST
def freeze_roll(request: OrgRequest, pk: int) -> HttpResponse:
    def freeze(*, ballot, by):
        engine.freeze_roll(ballot=ballot, by=by)
        engine.issue_codes(ballot=ballot, by=by)

    return _act(request, pk, freeze, _("The roll is frozen and every voter has a code."))


@organisation_view(can.can_run_ballots)
@require_POST
def close_ballot(request: OrgRequest, pk: int) -> HttpResponse:
    return _act(request, pk, engine.close_ballot, _("The ballot is closed."))


@organisation_view(can.can_run_ballots)
@require_POST
def count_ballot(request: OrgRequest, pk: int) -> HttpResponse:
    return _act(request, pk, engine.count_ballot, _("The ballot is counted."))


@organisation_view(can.can_key_votes)
def key_paper_vote(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    code_form = PaperVoteForm(request.POST or None)
    form = choice_form(ballot, request.POST or None, spoilt_allowed=True)
    if request.method == "POST" and code_form.is_valid() and form.is_valid():
        try:
            engine.cast_vote(
                ballot=ballot,
                channel=Channel.PAPER,
                code=code_form.cleaned_data["code"],
                choices=form.cleaned_data["choice_list"],
                spoilt=bool(form.cleaned_data.get("spoilt")),
                by=request.user,
            )
        except ValidationError as error:
            code_form.add_error("code", _error_text(error))
        else:
            messages.success(request, _("The paper ballot is recorded. Key in the next one."))
            return redirect("democracy:key-paper-vote", request.organisation.slug, ballot.pk)
    context = {"ballot": ballot, "code_form": code_form, "form": form}
    return render(request, "democracy/ballots/key_paper.html", context)


@organisation_view(can.can_key_votes)
def in_person_vote(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    text = query.text(request.GET, "q", "").strip()
    found = selectors.roll_search(ballot, text) if text else []
    return render(
        request, "democracy/ballots/in_person.html", {"ballot": ballot, "q": text, "found": found}
    )


@organisation_view(can.can_key_votes)
def in_person_vote_for(request: OrgRequest, pk: int, voter_pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    voter = object_in(
        request.organisation,
        Voter.objects.select_related("resident", "household__home"),
        via="ballot__organisation",
        ballot=ballot,
        pk=voter_pk,
    )
    form = choice_form(ballot, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            engine.cast_vote(
                ballot=ballot,
                channel=Channel.IN_PERSON,
                voter=voter,
                choices=form.cleaned_data["choice_list"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The vote is recorded."))
            return redirect("democracy:in-person-vote", request.organisation.slug, ballot.pk)
    context = {"ballot": ballot, "voter": voter, "form": form}
    return render(request, "democracy/ballots/in_person_for.html", context)


@organisation_view(can.can_scrutinise_ballots)
def scrutiny(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    context = {
        "ballot": ballot,
        "page": page_of(
            selectors.marked_register(ballot), request.GET, per_page=100, keys_first=True
        ),
        "refusals": selectors.refusals(ballot)[:200],
        "roll_count": ballot.roll.count(),
        "by_channel": selectors.marks_by_channel(ballot),
        "spoilt": ballot.papers.filter(spoilt=True).count()
        if ballot.status in (BallotStatus.CLOSED, BallotStatus.COUNTED)
        else None,
    }
    return render(request, "democracy/ballots/scrutiny.html", context)


@organisation_view(can.can_scrutinise_ballots)
def audit_download(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in files.FORMATS:
        raise Http404
    ballot = _ballot(request, pk)
    rows = exports.marked_register_rows(ballot)
    name = f"ballot-{ballot.pk}-marked-register"
    if fmt == "xlsx":
        return files.xlsx_response([(_("Marked register"), rows)], name)
    return files.csv_response(rows, name)


@organisation_view(can.can_view_ballots)
def results(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    context = {"ballot": ballot, **papers.result_context(ballot)}
    return render(request, "democracy/ballots/results.html", context)


@organisation_view(can.can_view_ballots)
def certificate(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    if ballot.status != BallotStatus.COUNTED:
        messages.error(request, _("The certificate is made once the ballot is counted."))
        return redirect("democracy:ballot", request.organisation.slug, ballot.pk)
    content = papers.certificate_pdf(ballot)
    return _pdf_response(content, f"ballot-{ballot.pk}-certificate")


@organisation_view(can.can_run_ballots)
def ballot_papers(request: OrgRequest, pk: int) -> HttpResponse:
    ballot = _ballot(request, pk)
    if ballot.status != BallotStatus.OPEN:
        messages.error(request, _("Paper ballots are printed once the roll is frozen."))
        return redirect("democracy:ballot", request.organisation.slug, ballot.pk)
    page = max(1, query.read(request.GET, "page", int, 1))
    content = papers.ballot_papers_pdf(ballot, request=request, page=page)
    return _pdf_response(content, f"ballot-{ballot.pk}-papers-{page}")


urlpatterns = [
    path("ballots/", ballot_list, name="ballots"),
    path("ballots/new/", create_ballot, name="create-ballot"),
    path("ballots/<int:pk>/", ballot_detail, name="ballot"),
    path("ballots/<int:pk>/freeze/", freeze_roll, name="freeze-roll"),
    path("ballots/<int:pk>/close/", close_ballot, name="close-ballot"),
    path("ballots/<int:pk>/count/", count_ballot, name="count-ballot"),
    path("ballots/<int:pk>/paper/", key_paper_vote, name="key-paper-vote"),
    path("ballots/<int:pk>/in-person/", in_person_vote, name="in-person-vote"),
    path(
        "ballots/<int:pk>/in-person/<int:voter_pk>/", in_person_vote_for, name="in-person-vote-for"
    ),
    path("ballots/<int:pk>/scrutiny/", scrutiny, name="ballot-scrutiny"),
    path(
        "ballots/<int:pk>/marked-register.<str:fmt>",
        audit_download,
        name="export-marked-register",
    ),
    path("ballots/<int:pk>/results/", results, name="ballot-results"),
    path("ballots/<int:pk>/certificate/", certificate, name="ballot-certificate"),
    path("ballots/<int:pk>/papers/", ballot_papers, name="ballot-papers"),
]
