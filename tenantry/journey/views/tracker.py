"""A group's journey tracker: where it is, its dates and time limits, tasks, documents, its
eligibility check, becoming an organisation and its ballot of tenants. Only those who may work
on the group find these pages (`access.group_view`); anyone else finds no such page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.democracy.ballots.papers import result_context
from tenantry.democracy.models.ballots import BallotStatus, Electorate

from .. import services_tracker as services
from .. import timelimits
from ..access import group_view
from ..forms import EligibilityForm
from ..forms_tracker import BallotForm, DocumentForm, MakeOrganisationForm, MilestoneForm, TaskForm
from ..models import STAGE_ORDER, Document, EligibilityCheck, Milestone, MilestoneKind, Stage, Task

# What each stage means and what comes next, in plain words (docs/journey.md).
STAGE_TEXT = {
    Stage.INTEREST: (
        gettext_lazy("Your group told a network it is interested in tenant control."),
        gettext_lazy("An adviser gets in touch to talk about what you want to do."),
    ),
    Stage.EXPLORING: (
        gettext_lazy("You are finding out what tenant control means and talking to neighbours."),
        gettext_lazy("Visit a group that already runs its homes, and agree your aims."),
    ),
    Stage.FEASIBILITY: (
        gettext_lazy("You are checking what your group could take on, and if it can be done."),
        gettext_lazy("Run the Right to Manage check, adopt a constitution and hold a vote."),
    ),
    Stage.PROPOSAL: (
        gettext_lazy("You are getting ready to serve the proposal notice on the council."),
        gettext_lazy("Serve the notice. The council then has 28 days to answer."),
    ),
    Stage.LANDLORD_ANSWER: (
        gettext_lazy("You served the notice. You are waiting for the council's answer."),
        gettext_lazy("Once the council accepts, you have 3 months to apply for an assessor."),
    ),
    Stage.DEVELOPMENT: (
        gettext_lazy("Your group is training and an assessor checks it is ready."),
        gettext_lazy("When the assessor says you are ready, the tenants vote in a ballot."),
    ),
    Stage.BALLOT: (
        gettext_lazy("The tenants vote on whether your group should run their homes."),
        gettext_lazy("If most vote yes, you and the council sign a management agreement."),
    ),
    Stage.AGREEMENT: (
        gettext_lazy("Your group runs services under a management agreement."),
        gettext_lazy("Every 5 years the tenants vote on carrying on."),
    ),
}


def group_page(view):
    """A group page: sign in first; then only those who may work on the group find it."""
    return login_required(group_view(view))


def _stages(group) -> list[dict]:
    current = STAGE_ORDER.index(group.stage)
    return [
        {
            "value": value,
            "label": label,
            "number": n + 1,
            "state": "done" if n < current else "current" if n == current else "to_come",
            "means": STAGE_TEXT[value][0],
            "next": STAGE_TEXT[value][1],
        }
        for n, (value, label) in enumerate(Stage.choices)
    ]


@group_page
def group(request: HttpRequest) -> HttpResponse:
    found, today = request.group, timezone.localdate()
    milestones = list(Milestone.objects.filter(group=found))
    dates = {m.kind: m.happened_on for m in milestones}
    tasks = list(Task.objects.filter(group=found).select_related("assignee"))
    ballots = services.group_ballots(found)
    pending = any(ballot.status != BallotStatus.COUNTED for ballot in ballots)
    return render(
        request,
        "journey/tracker/group.html",
        {
            "group": found,
            "stages": _stages(found),
            "current": next(s for s in _stages(found) if s["state"] == "current"),
            "milestones": sorted(milestones, key=lambda m: MilestoneKind.values.index(m.kind)),
            "deadlines": [d for d in timelimits.deadlines(dates, today) if d.state != "waiting"],
            "warning_days": settings.JOURNEY_DEADLINE_WARNING_DAYS,
            "today": today,
            "tasks": [(task, task.is_overdue(today)) for task in tasks],
            "documents": Document.objects.filter(group=found).select_related("uploaded_by"),
            "check": EligibilityCheck.objects.filter(group=found).first(),
            "ballots": [(ballot, result_context(ballot)) for ballot in ballots],
            "may_make_organisation": found.organisation_id is None
            and services.can_make_organisation(request.user, found),
            "may_schedule_ballot": not pending
            and services.may_schedule_ballot(request.user, found),
        },
    )


def _form_page(request, template, form, **context) -> HttpResponse:
    return render(
        request,
        f"journey/tracker/{template}",
        {"group": request.group, "form": form, **context},
        status=form_status(form),
    )


@group_page
def record_milestone(request: HttpRequest) -> HttpResponse:
    found = request.group
    kind = request.GET.get("kind")
    existing = Milestone.objects.filter(group=found, kind=kind).first()
    # The dates entered for this kind before, newest first: a correction keeps them.
    earlier = (
        list(existing.history.select_related("history_user").order_by("-history_date")[1:20])
        if existing
        else []
    )
    if request.method == "POST":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                services.record_milestone(group=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The date is saved."))
                return redirect("journey:group", found.pk)
    else:
        initial = {"kind": kind} if kind in MilestoneKind.values else {}
        if existing:
            initial |= {"happened_on": existing.happened_on, "note": existing.note}
        form = MilestoneForm(initial=initial)
    return _form_page(request, "milestone.html", form, existing=existing, earlier=earlier)


@group_page
def add_task(request: HttpRequest) -> HttpResponse:
    found = request.group
    if request.method == "POST":
        form = TaskForm(request.POST, group=found)
        if form.is_valid():
            try:
                services.add_task(group=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The task is added."))
                return redirect("journey:group", found.pk)
    else:
        form = TaskForm(group=found)
    return _form_page(request, "task.html", form)


@group_page
@require_POST
def task_done(request: HttpRequest, task: int) -> HttpResponse:
    found = get_object_or_404(Task, group=request.group, pk=task)
    services.mark_task_done(task=found, by=request.user)
    messages.success(request, _("Task done: %(title)s") % {"title": found.title})
    return redirect("journey:group", request.group.pk)


@group_page
def add_document(request: HttpRequest) -> HttpResponse:
    found = request.group
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_document(
                    group=found,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The document is kept."))
                return redirect("journey:group", found.pk)
    else:
        form = DocumentForm()
    return _form_page(request, "document.html", form)


@group_page
def document(request: HttpRequest, document: int) -> FileResponse:
    found = get_object_or_404(Document, group=request.group, pk=document)
    name = found.file.name.rsplit("/", 1)[-1]
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=name)


@group_page
def eligibility_check(request: HttpRequest) -> HttpResponse:
    found = request.group
    if request.method == "POST":
        form = EligibilityForm(request.POST)
        if form.is_valid():
            services.save_eligibility_check(
                group=found, answers=form.cleaned_data, facts=form.facts(), by=request.user
            )
            messages.success(request, _("The check is saved with your group."))
            return redirect(reverse("journey:group", args=[found.pk]) + "#eligibility")
    else:
        last = EligibilityCheck.objects.filter(group=found).first()
        form = EligibilityForm(initial=last.answers if last else None)
    return _form_page(request, "eligibility.html", form)


@group_page
def make_organisation(request: HttpRequest) -> HttpResponse:
    found = request.group
    if found.organisation_id is not None:
        raise Http404
    if not services.can_make_organisation(request.user, found):
        raise PermissionDenied
    if request.method == "POST":
        form = MakeOrganisationForm(request.POST)
        if form.is_valid():
            try:
                organisation = services.make_organisation(
                    group=found, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is now an organisation on Tenantry.") % {"name": organisation},
                )
                return redirect("journey:group", found.pk)
    else:
        form = MakeOrganisationForm(initial={"name": found.name, "landlord": found.landlord_id})
    return _form_page(request, "make_organisation.html", form)


@group_page
def schedule_ballot(request: HttpRequest) -> HttpResponse:
    found = request.group
    if found.organisation_id is None:
        raise Http404
    if not services.may_schedule_ballot(request.user, found):
        raise PermissionDenied
    today = timezone.localdate()
    electorate = services.ballot_electorate(found.organisation, today)
    if request.method == "POST":
        form = BallotForm(request.POST)
        if form.is_valid():
            try:
                services.schedule_tenants_ballot(group=found, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The ballot is scheduled."))
                return redirect(reverse("journey:group", args=[found.pk]) + "#ballots")
    else:
        form = BallotForm(
            initial={
                "question": _(
                    "Do you want %(organisation)s to manage your homes under a management "
                    "agreement with %(landlord)s?"
                )
                % {"organisation": found.organisation, "landlord": found.landlord_name},
                "roll_date": today,
            }
        )
    return _form_page(request, "ballot.html", form, by_members=electorate == Electorate.MEMBERS)
