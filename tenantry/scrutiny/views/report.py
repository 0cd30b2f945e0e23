"""The report pages: the panel's reports (with answers overdue), a report with each
recommendation's answer, action and sign-off; writing and publishing it; the landlord's answers,
interim reply and progress; the panel's sign-off and "you said, we did"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.organisations.models import Organisation

from .. import permissions as can
from .. import report_forms as forms
from .. import report_selectors as selectors
from .. import report_services as services
from ..models import Recommendation, ScrutinyReport, ScrutinyReview, ScrutinyStage


def _is_panel(organisation: Organisation) -> bool:
    return organisation.kind == Organisation.Kind.SCRUTINY_PANEL


def _review(request: OrgRequest, pk: int) -> ScrutinyReview:
    if not _is_panel(request.organisation):
        raise Http404
    return object_in(request.organisation, ScrutinyReview, via="panel", pk=pk)


def _report(request: OrgRequest, pk: int) -> ScrutinyReport:
    review = _review(request, pk)
    report = ScrutinyReport.objects.filter(review=review).select_related("review").first()
    if report is None:
        raise Http404
    return report


def _recommendation(request: OrgRequest, pk: int, rec: int) -> Recommendation:
    return object_in(
        request.organisation,
        Recommendation.objects.select_related("report__review", "action"),
        via="report__review__panel",
        pk=rec,
        report__review_id=pk,
    )


def _to_report(review_id: int, request: OrgRequest, anchor: str = "") -> HttpResponse:
    response = redirect("scrutiny:report", request.organisation.slug, review_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _form_page(request, form, *, report, heading, button, intro="", recommendation=None):
    return render(
        request,
        "scrutiny/report/form.html",
        {
            "form": form,
            "review": report.review,
            "report": report,
            "recommendation": recommendation,
            "heading": heading,
            "button": button,
            "intro": intro,
        },
        status=form_status(form),
    )


@organisation_view(can.can_read_scrutiny_record)
def reports(request: OrgRequest) -> HttpResponse:
    if not _is_panel(request.organisation):
        raise Http404
    today = timezone.localdate()
    page = page_of(selectors.reports_of(panel=request.organisation), request.GET, per_page=25)
    rows = [(report, selectors.is_overdue(report, today)) for report in page.object_list]
    waiting = ScrutinyReview.objects.filter(
        panel=request.organisation,
        report__isnull=True,
        stage__in=[ScrutinyStage.SCOPING, ScrutinyStage.GATHERING, ScrutinyStage.REPORTING],
    ).order_by("-started_on", "-pk")[:25]
    return render(
        request,
        "scrutiny/report/list.html",
        {
            "page": page,
            "rows": rows,
            "waiting": list(waiting),
            "overdue": selectors.overdue_count(request.organisation, today),
            "terms": services.terms_for(request.organisation),
        },
    )


@organisation_view(can.can_read_scrutiny_record)
def report(request: OrgRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    today = timezone.localdate()
    terms = services.terms_for(request.organisation)
    return render(
        request,
        "scrutiny/report/report.html",
        {
            "report": found,
            "review": found.review,
            "rows": selectors.rows_for(found, today),
            "overdue": selectors.is_overdue(found, today),
            "terms": terms,
            "may_interim": (
                terms.interim_reply_allowed
                and found.is_published
                and found.answered_on is None
                and found.interim_reply_on is None
            ),
        },
    )


@organisation_view(can.can_write_scrutiny_reports)
def write_report(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    instance = ScrutinyReport.objects.filter(review=review).first() or ScrutinyReport(review=review)
    if instance.is_published:
        messages.info(request, _("The report is published: the landlord is answering it."))
        return _to_report(pk, request)
    form = forms.ReportForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(report=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The report is saved. Add its recommendations."))
            return _to_report(pk, request)
    return _form_page(
        request,
        form,
        report=instance,
        heading=_("Write the report"),
        button=_("Save the report"),
        intro=_("Say what the panel found in plain words; the recommendations come next."),
    )


def _edit_recommendation(request: OrgRequest, report, instance, heading, button):
    form = forms.RecommendationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_recommendation(recommendation=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The recommendation is saved."))
            return _to_report(report.review_id, request, "recommendations")
    return _form_page(
        request,
        form,
        report=report,
        heading=heading,
        button=button,
        intro=_("One thing the landlord should do, and the finding behind it."),
    )


@organisation_view(can.can_write_scrutiny_reports)
def add_recommendation(request: OrgRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    return _edit_recommendation(
        request,
        found,
        Recommendation(report=found),
        _("Add a recommendation"),
        _("Add the recommendation"),
    )


@organisation_view(can.can_write_scrutiny_reports)
def edit_recommendation(request: OrgRequest, pk: int, rec: int) -> HttpResponse:
    found = _recommendation(request, pk, rec)
    return _edit_recommendation(
        request,
        found.report,
        found,
        _("Change the recommendation"),
        _("Save the recommendation"),
    )


@organisation_view(can.can_write_scrutiny_reports)
def publish_report(request: OrgRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    terms = services.terms_for(request.organisation)
    today = timezone.localdate()
    error = None
    if request.method == "POST":
        try:
            services.publish_report(report=found, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("The report is published to the landlord."))
            return _to_report(pk, request)
    return render(
        request,
        "scrutiny/report/publish.html",
        {
            "report": found,
            "review": found.review,
            "terms": terms,
            "due": services.answers_due_on(published_on=today, terms=terms),
            "error": error,
            "count": found.recommendations.count(),
        },
        status=400 if error else 200,
    )


@organisation_view(can.can_answer_recommendations)
def answer_recommendation(request: OrgRequest, pk: int, rec: int) -> HttpResponse:
    found = _recommendation(request, pk, rec)
    initial = {
        "response": found.response,
        "reasons": found.reasons,
        "owner": found.owner,
        "due_on": found.due_on,
    }
    form = forms.AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_recommendation(
                recommendation=found, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer is saved."))
            return _to_report(pk, request, f"recommendation-{found.pk}")
    return _form_page(
        request,
        form,
        report=found.report,
        recommendation=found,
        heading=_("Answer the recommendation"),
        button=_("Save the answer"),
        intro=_(
            "If you accept it, wholly or in part, it becomes an action: say who is responsible "
            "and by when. The panel follows it until it is delivered."
        ),
    )


@organisation_view(can.can_answer_recommendations)
def interim_reply(request: OrgRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    form = forms.InterimReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_interim_reply(
                report=found, text=form.cleaned_data["interim_reply"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your interim reply is sent to the panel."))
            return _to_report(pk, request)
    return _form_page(
        request,
        form,
        report=found,
        heading=_("Send an interim reply"),
        button=_("Send the interim reply"),
        intro=_(
            "The panel's terms of reference allow one interim reply. It does not change the date "
            "your answers are due."
        ),
    )


@organisation_view(can.can_answer_recommendations)
def action_progress(request: OrgRequest, pk: int, rec: int) -> HttpResponse:
    found = _recommendation(request, pk, rec)
    if found.action is None:
        raise Http404
    form = forms.ActionProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_action_progress(
                recommendation=found, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The progress is recorded."))
            return _to_report(pk, request, f"recommendation-{found.pk}")
    return _form_page(
        request,
        form,
        report=found.report,
        recommendation=found,
        heading=_("Report progress"),
        button=_("Record the progress"),
        intro=_(
            "Late is worked out from the due date: say how the work is going and what shows it."
        ),
    )


@organisation_view(can.can_sign_off_actions)
def sign_off(request: OrgRequest, pk: int, rec: int) -> HttpResponse:
    found = _recommendation(request, pk, rec)
    if found.action is None:
        raise Http404
    form = forms.SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_off(recommendation=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your sign-off is recorded."))
            return _to_report(pk, request, f"recommendation-{found.pk}")
    updates = list(found.action.updates.all()[:5])
    return render(
        request,
        "scrutiny/report/sign_off.html",
        {
            "form": form,
            "report": found.report,
            "review": found.report.review,
            "recommendation": found,
            "updates": updates,
        },
        status=form_status(form),
    )


@organisation_view(can.can_write_scrutiny_reports)
def tenant_summary(request: OrgRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    form = forms.TenantSummaryForm(
        request.POST or None, initial={"tenant_summary": found.tenant_summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_tenant_summary(
                report=found, text=form.cleaned_data["tenant_summary"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("“You said, we did” is saved for tenants to read."))
            return _to_report(pk, request)
    return _form_page(
        request,
        form,
        report=found,
        heading=_("You said, we did"),
        button=_("Save"),
        intro=_(
            "Tenants read this without signing in, with each recommendation, the landlord's "
            "answer and what was done."
        ),
    )


urlpatterns = [
    path("scrutiny/reports/", reports, name="reports"),
    path("scrutiny/reviews/<int:pk>/report/", report, name="report"),
    path("scrutiny/reviews/<int:pk>/report/write/", write_report, name="write-report"),
    path(
        "scrutiny/reviews/<int:pk>/report/recommendations/add/",
        add_recommendation,
        name="add-recommendation",
    ),
    path(
        "scrutiny/reviews/<int:pk>/report/recommendations/<int:rec>/",
        edit_recommendation,
        name="edit-recommendation",
    ),
    path("scrutiny/reviews/<int:pk>/report/publish/", publish_report, name="publish-report"),
    path(
        "scrutiny/reviews/<int:pk>/report/recommendations/<int:rec>/answer/",
        answer_recommendation,
        name="answer-recommendation",
    ),
    path("scrutiny/reviews/<int:pk>/report/interim-reply/", interim_reply, name="interim-reply"),
    path(
        "scrutiny/reviews/<int:pk>/report/recommendations/<int:rec>/progress/",
        action_progress,
        name="action-progress",
    ),
    path(
        "scrutiny/reviews/<int:pk>/report/recommendations/<int:rec>/sign-off/",
        sign_off,
        name="sign-off",
    ),
    path(
        "scrutiny/reviews/<int:pk>/report/you-said-we-did/",
        tenant_summary,
        name="tenant-summary",
    ),
]
