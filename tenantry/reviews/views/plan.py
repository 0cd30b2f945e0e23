"""The improvement plan pages: the plan with its seven answers and actions, each action with its
milestones and progress, consultation on the draft, revision, publishing, the PDF and the
annual progress report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core import query
from tenantry.core.forms import add_errors, form_status
from tenantry.core.periods import financial_year_of, years_offered
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import permissions as can
from .. import plan_forms as forms
from .. import plan_pdf
from .. import plan_selectors as selectors
from .. import plan_services as services
from ..models import ImprovementPlan, Milestone, PlanAction, Review


def _review(request: OrgRequest, pk: int) -> Review:
    return object_in(request.organisation, Review, pk=pk)


def _plan(request: OrgRequest, pk: int) -> ImprovementPlan:
    """The review's plan; a 404 while none has been started."""
    plan = selectors.plan_for(_review(request, pk))
    if plan is None:
        raise Http404
    return plan


def _action(request: OrgRequest, pk: int, action: int) -> PlanAction:
    return object_in(
        request.organisation,
        PlanAction,
        via="plan__review__organisation",
        pk=action,
        plan__review_id=pk,
    )


def _to_plan(review_or_plan, anchor: str = "") -> HttpResponse:
    review = getattr(review_or_plan, "review", review_or_plan)
    response = redirect("reviews:plan", review.organisation.slug, review.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _to_action(action: PlanAction) -> HttpResponse:
    review = action.plan.review
    return redirect("reviews:plan-action", review.organisation.slug, review.pk, action.pk)


def _form_page(request, form, *, review, heading, button, caption="", intro="", back=None):
    return render(
        request,
        "reviews/plan/form.html",
        {
            "form": form,
            "review": review,
            "heading": heading,
            "button": button,
            "caption": caption or review.title,
            "intro": intro,
            "back": back,
        },
        status=form_status(form),
    )


@organisation_view(can.can_view_reviews)
def plan(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    found = selectors.plan_for(review)
    today = timezone.localdate()
    context = {"review": review, "plan": found, "today": today}
    if found is not None:
        context |= plan_pdf.plan_context(found, today)
        context["unanswered"] = found.unanswered()
        context["may_comment"] = services.may_comment(found, today)
        if can.can_run_reviews(request.roles):
            context["comments"] = list(found.comments.select_related("author"))
    return render(request, "reviews/plan/plan.html", context)


@organisation_view(can.can_run_reviews)
def edit_plan(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    instance = selectors.plan_for(review) or ImprovementPlan(review=review)
    form = forms.AnswersForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        answers = form.cleaned_data
        try:
            found = services.plan_of(review=review, by=request.user)
            for name, value in answers.items():
                setattr(found, name, value)
            services.save_answers(plan=found, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The plan's answers are saved."))
            return _to_plan(review, "answers")
    return render(
        request,
        "reviews/plan/answers_form.html",
        {"form": form, "review": review},
        status=form_status(form),
    )


@organisation_view(can.can_run_reviews)
def add_action(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = forms.ActionForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        try:
            action.plan = services.plan_of(review=review, by=request.user)
            services.save_action(action=action, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action is in the plan. Add its milestones."))
            return _to_action(action)
    return _form_page(
        request,
        form,
        review=review,
        heading=_("Add an action to the plan"),
        button=_("Add the action"),
        intro=_(
            "Each action answers something the review found, has someone responsible for "
            "it and a date it is due by."
        ),
    )


@organisation_view(can.can_view_reviews)
def action(request: OrgRequest, pk: int, action: int) -> HttpResponse:
    found = _action(request, pk, action)
    today = timezone.localdate()
    row = next(
        row for row in selectors.action_rows(found.plan, today=today) if row.action.pk == found.pk
    )
    return render(
        request,
        "reviews/plan/action.html",
        {"row": row, "action": found, "plan": found.plan, "review": found.plan.review},
    )


@organisation_view(can.can_run_reviews)
def edit_action(request: OrgRequest, pk: int, action: int) -> HttpResponse:
    found = _action(request, pk, action)
    form = forms.ActionForm(request.POST or None, instance=found, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_action(action=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return _to_action(found)
    return _form_page(
        request,
        form,
        review=found.plan.review,
        heading=_("Change the action"),
        button=_("Save the action"),
        back=found,
    )


@organisation_view(can.can_run_reviews)
def add_milestone(request: OrgRequest, pk: int, action: int) -> HttpResponse:
    found = _action(request, pk, action)
    form = forms.MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        milestone = form.save(commit=False)
        milestone.action = found
        try:
            services.save_milestone(milestone=milestone, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            return _to_action(found)
    return _form_page(
        request,
        form,
        review=found.plan.review,
        heading=_("Add a milestone"),
        button=_("Add the milestone"),
        caption=found.title,
        back=found,
    )


@organisation_view(can.can_run_reviews)
def edit_milestone(request: OrgRequest, pk: int, action: int, milestone: int) -> HttpResponse:
    found = _action(request, pk, action)
    instance = object_in(
        request.organisation,
        Milestone.objects.filter(action=found),
        via="action__plan__review__organisation",
        pk=milestone,
    )
    form = forms.MilestoneForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_milestone(milestone=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return _to_action(found)
    return _form_page(
        request,
        form,
        review=found.plan.review,
        heading=_("Change the milestone"),
        button=_("Save the milestone"),
        caption=found.title,
        back=found,
    )


@organisation_view(can.can_run_reviews)
def record_progress(request: OrgRequest, pk: int, action: int) -> HttpResponse:
    found = _action(request, pk, action)
    form = forms.ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(action=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The progress is recorded."))
            return _to_action(found)
    return _form_page(
        request,
        form,
        review=found.plan.review,
        heading=_("Report progress"),
        button=_("Record the progress"),
        caption=found.title,
        intro=_(
            "Late is worked out from the due date: say how the work is going and what shows it."
        ),
        back=found,
    )


@organisation_view(can.can_run_reviews)
def consultation(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    found = selectors.plan_for(review)
    if found is not None and found.is_published:
        messages.info(request, _("The plan is published: it is no longer a draft to consult on."))
        return _to_plan(review)
    initial = {}
    if found is not None:
        initial = {
            "closes_on": found.consultation_closes_on,
            "survey": found.consultation_survey_id,
        }
    form = forms.ConsultationForm(
        request.POST or None, initial=initial, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            found = services.plan_of(review=review, by=request.user)
            services.open_consultation(plan=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The draft is out for consultation: residents and members can comment.")
            )
            return _to_plan(review, "consultation")
    return _form_page(
        request,
        form,
        review=review,
        heading=_("Consult on the draft plan"),
        button=_("Send the draft out for consultation"),
        intro=_(
            "Residents, members, staff and the landlord can read the draft and comment on "
            "it until the closing date. You can also link a survey that asks about it."
        ),
    )


@organisation_view(can.can_comment_on_plans)
def comment(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    found = selectors.plan_for(review)
    today = timezone.localdate()
    open_now = found is not None and services.may_comment(found, today)
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and open_now and form.is_valid():
        try:
            services.add_comment(plan=found, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your comments are sent to the committee."))
            return _to_plan(review)
    return render(
        request,
        "reviews/plan/comment.html",
        {"form": form, "review": review, "plan": found, "open_now": open_now},
        status=form_status(form),
    )


@organisation_view(can.can_run_reviews)
def revise(request: OrgRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk)
    form = forms.RevisionForm(
        request.POST or None,
        initial={"changes_after_consultation": found.changes_after_consultation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revise(
                plan=found, changes=form.cleaned_data["changes_after_consultation"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Consultation is closed and the plan is revised."))
            return _to_plan(found)
    return _form_page(
        request,
        form,
        review=found.review,
        heading=_("Close consultation and revise the plan"),
        button=_("Close consultation"),
        intro=_(
            "Read the comments on the plan's page first, change the answers and actions "
            "they call for, then say here what changed."
        ),
    )


@organisation_view(can.can_publish_plans)
def publish(request: OrgRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.publish(plan=found, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                ngettext(
                    "The plan is published. %(count)s member was emailed where to find it.",
                    "The plan is published. %(count)s members were emailed where to find it.",
                    found.stakeholders_told,
                )
                % {"count": found.stakeholders_told},
            )
            return _to_plan(found)
    return render(
        request,
        "reviews/plan/publish.html",
        {
            "plan": found,
            "review": found.review,
            "error": error,
            "unanswered": found.unanswered(),
            "missing": services.missing_answers_message(found) if found.unanswered() else "",
        },
        status=400 if error else 200,
    )


@organisation_view(can.can_view_reviews)
def plan_pdf_view(request: OrgRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk)
    content = plan_pdf.plan_pdf(found, timezone.localdate())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="improvement-plan-{found.review_id}.pdf"'
    return response


def _report(request: OrgRequest, pk: int):
    found = _plan(request, pk)
    today = timezone.localdate()
    year = query.year(request.GET, today=today) or financial_year_of(today)
    return found, selectors.progress_report(plan=found, year=year, today=today), today


@organisation_view(can.can_view_reviews)
def progress_report(request: OrgRequest, pk: int) -> HttpResponse:
    found, report, today = _report(request, pk)
    since = found.published_on or found.review.started_on
    return render(
        request,
        "reviews/plan/progress_report.html",
        {
            "plan": found,
            "review": found.review,
            "report": report,
            "years": years_offered(today=today, not_before=since),
        },
    )


@organisation_view(can.can_view_reviews)
def progress_report_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    found, report, _today = _report(request, pk)
    response = HttpResponse(plan_pdf.progress_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="progress-report-{found.review_id}-{report.year.start.year}.pdf"'
    )
    return response


urlpatterns = [
    path("reviews/<int:pk>/plan/", plan, name="plan"),
    path("reviews/<int:pk>/plan/answers/", edit_plan, name="edit-plan"),
    path("reviews/<int:pk>/plan/actions/new/", add_action, name="add-plan-action"),
    path("reviews/<int:pk>/plan/actions/<int:action>/", action, name="plan-action"),
    path("reviews/<int:pk>/plan/actions/<int:action>/edit/", edit_action, name="edit-plan-action"),
    path(
        "reviews/<int:pk>/plan/actions/<int:action>/milestones/new/",
        add_milestone,
        name="add-milestone",
    ),
    path(
        "reviews/<int:pk>/plan/actions/<int:action>/milestones/<int:milestone>/",
        edit_milestone,
        name="edit-milestone",
    ),
    path(
        "reviews/<int:pk>/plan/actions/<int:action>/progress/",
        record_progress,
        name="record-progress",
    ),
    path("reviews/<int:pk>/plan/consultation/", consultation, name="plan-consultation"),
    path("reviews/<int:pk>/plan/comment/", comment, name="comment-on-plan"),
    path("reviews/<int:pk>/plan/revise/", revise, name="revise-plan"),
    path("reviews/<int:pk>/plan/publish/", publish, name="publish-plan"),
    path("reviews/<int:pk>/plan.pdf", plan_pdf_view, name="plan-pdf"),
    path("reviews/<int:pk>/plan/progress/", progress_report, name="plan-progress-report"),
    path(
        "reviews/<int:pk>/plan/progress.pdf", progress_report_pdf, name="plan-progress-report-pdf"
    ),
]
