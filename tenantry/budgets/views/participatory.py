"""The participatory budget's pages: the rounds, a round with its proposals, rule, results and
projects; proposing; costing and checking; opening the vote; a project's spend and delivery.
Voting itself is the ballot engine's (`/ballot/` online, and the ballot's pages for paper)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.democracy.ballots.papers import result_context
from tenantry.democracy.views.elections import photo_uri
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import participatory_forms as forms
from .. import participatory_permissions as can
from .. import participatory_selectors as selectors
from .. import participatory_services as services
from ..models import Feasibility, ParticipatoryRound, Project, Proposal

ROUNDS_PER_PAGE = 25


def _round(request: OrgRequest, pk: int) -> ParticipatoryRound:
    return object_in(
        request.organisation, ParticipatoryRound.objects.select_related("estate", "ballot"), pk=pk
    )


def _project(request: OrgRequest, pk: int, project: int) -> Project:
    return object_in(
        request.organisation,
        Project.objects.select_related("proposal__round__estate"),
        via="proposal__round__organisation",
        pk=project,
        proposal__round_id=pk,
    )


def _to_round(round: ParticipatoryRound, anchor: str = "") -> HttpResponse:
    response = redirect("budgets:pb-round", round.organisation.slug, round.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _form_page(request, form, *, heading, button, caption="", intro="", back=None, multipart=False):
    return render(
        request,
        "budgets/participatory/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "caption": caption,
            "intro": intro,
            "back": back,
            "multipart": multipart,
        },
        status=form_status(form),
    )


@organisation_view(can.can_view_participatory_budgets)
def rounds(request: OrgRequest) -> HttpResponse:
    page = page_of(
        selectors.rounds_of(organisation=request.organisation),
        request.GET,
        per_page=ROUNDS_PER_PAGE,
    )
    return render(
        request,
        "budgets/participatory/rounds.html",
        {
            "page": page,
            "may_run": can.can_run_participatory_budgets(request.roles),
        },
    )


@organisation_view(can.can_run_participatory_budgets)
def new_round(request: OrgRequest) -> HttpResponse:
    form = forms.RoundForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.open_round(
                organisation=request.organisation,
                by=request.user,
                estate=data["estate"],
                title=data["title"],
                amount=data["amount"],
                proposals_close_on=data["proposals_close_on"],
                rule=data["rule"],
                explanation=data["explanation"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The round is open for proposals."))
            return _to_round(found)
    return _form_page(
        request,
        form,
        heading=_("Open a participatory budget"),
        button=_("Open it for proposals"),
        intro=_(
            "Residents of the estate propose how to spend the money; staff cost and check each "
            "proposal; residents vote; the winners are chosen by the rule on the round's page."
        ),
        back=("budgets:pb-rounds", _("Participatory budgets")),
    )


@organisation_view(can.can_view_participatory_budgets)
def round_page(request: OrgRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    runs = can.can_run_participatory_budgets(request.roles)
    proposals = selectors.proposals_of(found)
    context = {
        "round": found,
        "proposals": proposals,
        "feasible": [p for p in proposals if p.feasibility == Feasibility.FEASIBLE],
        "rejected": [p for p in proposals if p.feasibility == Feasibility.REJECTED],
        "pending": [p for p in proposals if p.feasibility == Feasibility.PENDING],
        "decision": selectors.decision_of(found),
        "may_run": runs,
        "may_propose": services.may_propose(round=found, user=request.user, roles=request.roles),
        "ballot": found.ballot,
        "today": timezone.localdate(),
    }
    if found.ballot is not None:
        context["count"] = result_context(found.ballot)
    return render(request, "budgets/participatory/round.html", context)


@organisation_view(can.can_propose)
def propose(request: OrgRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    if not services.may_propose(round=found, user=request.user, roles=request.roles):
        raise PermissionDenied
    keyed = can.can_run_participatory_budgets(request.roles)
    form = forms.ProposalForm(request.POST or None, keyed_by_staff=keyed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.propose(
                round=found,
                by=request.user,
                title=data["title"],
                description=data["description"],
                proposer_name=data.get("proposer_name", ""),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you: your proposal is in. Staff will cost it and check it can be done."),
            )
            return _to_round(found, "proposals")
    return _form_page(
        request,
        form,
        heading=_("Propose an idea"),
        caption=found.title,
        button=_("Send my proposal"),
        intro=_(
            "Say what you would like done on %(estate)s and who it helps. Staff will work out "
            "what it costs and check it can be done before residents vote."
        )
        % {"estate": found.estate.name},
        back=("budgets:pb-round", found.title, found.pk),
    )


@organisation_view(can.can_run_participatory_budgets)
def assess(request: OrgRequest, pk: int, proposal: int) -> HttpResponse:
    found = _round(request, pk)
    item = object_in(
        request.organisation,
        Proposal,
        via="round__organisation",
        pk=proposal,
        round=found,
    )
    initial = {}
    if item.feasibility != Feasibility.PENDING:
        initial = {
            "feasible": "yes" if item.feasibility == Feasibility.FEASIBLE else "no",
            "cost": item.cost,
            "reason": item.reason,
        }
    form = forms.AssessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assess_proposal(
                proposal=item,
                by=request.user,
                feasible=data["feasible"],
                cost=data["cost"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The proposal's cost and check are saved."))
            return _to_round(found, "proposals")
    return render(
        request,
        "budgets/participatory/assess.html",
        {"form": form, "round": found, "proposal": item},
        status=form_status(form),
    )


@organisation_view(can.can_run_participatory_budgets)
def start_vote(request: OrgRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    form = forms.VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ballot = services.start_vote(
                round=found,
                by=request.user,
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                online="online" in data["channels"],
                paper="paper" in data["channels"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The vote is open: %(n)s residents are on the roll. Print their ballot "
                    "papers from the ballot's page."
                )
                % {"n": ballot.roll.count()},
            )
            return _to_round(found, "vote")
    return _form_page(
        request,
        form,
        heading=_("Open the vote"),
        caption=found.title,
        button=_("Open the vote"),
        intro=_(
            "Every proposal that can be done goes on the ballot with its cost. Everyone living "
            "on %(estate)s today may vote, once: online with the code on their ballot paper, or "
            "on the paper itself, keyed in by staff."
        )
        % {"estate": found.estate.name},
        back=("budgets:pb-round", found.title, found.pk),
    )


@organisation_view(can.can_view_participatory_budgets)
def project_page(request: OrgRequest, pk: int, project: int) -> HttpResponse:
    found = _project(request, pk, project)
    entries, spent = selectors.project_spends(found)
    return render(
        request,
        "budgets/participatory/project.html",
        {
            "project": found,
            "round": found.proposal.round,
            "entries": entries,
            "spent": spent,
            "photo": photo_uri(found),
            "may_run": can.can_run_participatory_budgets(request.roles),
        },
    )


@organisation_view(can.can_run_participatory_budgets)
def record_spend(request: OrgRequest, pk: int, project: int) -> HttpResponse:
    found = _project(request, pk, project)
    form = forms.SpendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_spend(project=found, by=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The payment is recorded in the budget's ledger."))
            return redirect("budgets:pb-project", request.organisation.slug, pk, found.pk)
    return _form_page(
        request,
        form,
        heading=_("Record a payment"),
        caption=found.proposal.title,
        button=_("Record the payment"),
        back=("budgets:pb-project", found.proposal.title, pk, found.pk),
    )


@organisation_view(can.can_run_participatory_budgets)
def complete_project(request: OrgRequest, pk: int, project: int) -> HttpResponse:
    found = _project(request, pk, project)
    form = forms.CompleteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complete_project(
                project=found,
                by=request.user,
                delivered_on=data["delivered_on"],
                note=data["note"],
                photo=data["photo"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The project is delivered."))
            return redirect("budgets:pb-project", request.organisation.slug, pk, found.pk)
    return _form_page(
        request,
        form,
        heading=_("The project is delivered"),
        caption=found.proposal.title,
        button=_("Save"),
        back=("budgets:pb-project", found.proposal.title, pk, found.pk),
        multipart=True,
    )


urlpatterns = [
    path("budgets/participatory/", rounds, name="pb-rounds"),
    path("budgets/participatory/new/", new_round, name="pb-new-round"),
    path("budgets/participatory/<int:pk>/", round_page, name="pb-round"),
    path("budgets/participatory/<int:pk>/propose/", propose, name="pb-propose"),
    path(
        "budgets/participatory/<int:pk>/proposals/<int:proposal>/assess/",
        assess,
        name="pb-assess",
    ),
    path("budgets/participatory/<int:pk>/vote/", start_vote, name="pb-start-vote"),
    path(
        "budgets/participatory/<int:pk>/projects/<int:project>/",
        project_page,
        name="pb-project",
    ),
    path(
        "budgets/participatory/<int:pk>/projects/<int:project>/spend/",
        record_spend,
        name="pb-record-spend",
    ),
    path(
        "budgets/participatory/<int:pk>/projects/<int:project>/complete/",
        complete_project,
        name="pb-complete-project",
    ),
]
