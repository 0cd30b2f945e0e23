"""The annual complaints self-assessment and report: pages, forms and PDFs
(docs/complaint-handling.md)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.forms import DateInput, GovukForm, Radios, add_errors, form_status
from tenantry.core.pdf import pdf_of
from tenantry.core.periods import financial_year
from tenantry.organisations.access import OrgRequest, organisation_view

from . import complaints_selectors as selectors
from . import complaints_services as services
from . import permissions as can
from .complaints_code import BY_CODE, CODE_IN_FORCE, CODE_NAME
from .complaints_figures import provision_evidence
from .complaints_models import ComplaintsYear, ProvisionAnswer


class ProvisionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ProvisionAnswer
        fields = ["complies", "evidence", "explanation", "action"]
        widgets = {
            "complies": Radios(),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "action": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "evidence": gettext_lazy(
                "The policy, letter, training record or figure that shows it."
            ),
            "action": gettext_lazy("Only if you do not comply yet."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complies"].choices = list(ProvisionAnswer.Complies.choices)
        self.fields["complies"].required = True
        self.fields["complies"].error_messages["required"] = _("Select yes or no")

    def clean(self):
        data = super().clean()
        if data.get("complies") == "no" and not (data.get("action") or "").strip():
            self.add_error("action", _("Enter what you will do to comply, and by when"))
        return data


class ReportForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ComplaintsYear
        fields = list(services.REPORT_FIELDS)
        widgets = {
            "learning": forms.Textarea(attrs={"rows": 6}),
            "improvements": forms.Textarea(attrs={"rows": 6}),
            "governing_body_response": forms.Textarea(attrs={"rows": 5}),
            "ombudsman_notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "learning": gettext_lazy("The themes and causes behind this year's complaints."),
            "improvements": gettext_lazy("What changed because of complaints, and when."),
            "governing_body_response": gettext_lazy(
                "The committee's or board's answer to this report, published with it."
            ),
            "ombudsman_determinations": gettext_lazy(
                "How many of your complaints the Housing Ombudsman decided in the year."
            ),
        }


class ApprovalForm(GovukForm, forms.Form):
    approved_on = forms.DateField(
        label=gettext_lazy("Date approved"),
        widget=DateInput(),
        help_text=gettext_lazy("The date of the meeting, for example 12/6/2026"),
    )
    minute_reference = forms.CharField(
        label=gettext_lazy("Minute reference"),
        max_length=100,
        help_text=gettext_lazy("As it appears in the minutes, for example 2026/14"),
    )


def _year(request: OrgRequest, year: int) -> ComplaintsYear:
    if year not in {p.start.year for p in selectors.years_of(today=timezone.localdate())}:
        raise Http404
    return selectors.complaints_year_of(organisation=request.organisation, year=year)


def _posted(request: OrgRequest):
    """What was sent, even nothing: an empty form sent is checked, not shown blank again."""
    return request.POST if request.method == "POST" else None


def _may_read(request: OrgRequest, found: ComplaintsYear) -> bool:
    return found.is_published or can.can_read_draft_complaints_report(request.roles)


def _may_edit(request: OrgRequest) -> bool:
    return can.can_edit_complaints_report(request.roles, request.organisation)


def _may_approve(request: OrgRequest) -> bool:
    return can.can_approve_complaints_report(request.roles, request.organisation)


def _context(request: OrgRequest, found: ComplaintsYear) -> dict:
    today = timezone.localdate()
    period = financial_year(found.year)
    homes, deadline = selectors.deadline_of(
        organisation=request.organisation, year=period, today=today
    )
    return {
        "complaints_year": found,
        "period": period,
        "homes": homes,
        "deadline": deadline,
        "code_name": CODE_NAME,
        "code_in_force": CODE_IN_FORCE,
        "may_edit": found.is_draft and _may_edit(request),
        "may_approve": _may_approve(request),
    }


@organisation_view(can.can_view_complaints_report)
def years(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    kept = {y.year: y for y in ComplaintsYear.objects.filter(organisation=request.organisation)}
    drafts = can.can_read_draft_complaints_report(request.roles)
    rows = []
    for period in selectors.years_of(today=today):
        found = kept.get(period.start.year)
        rows.append({"period": period, "found": found})
    latest = selectors.years_of(today=today)
    # The deadline that matters now: the last year that has ended.
    ended = next((p for p in latest if p.end < today), None)
    homes, deadline = (
        selectors.deadline_of(organisation=request.organisation, year=ended, today=today)
        if ended
        else (None, None)
    )
    return render(
        request,
        "reports/complaints/years.html",
        {
            "rows": rows,
            "drafts": drafts,
            "ended": ended,
            "ended_found": kept.get(ended.start.year) if ended else None,
            "homes": homes,
            "deadline": deadline,
            "code_name": CODE_NAME,
        },
    )


@organisation_view(can.can_view_complaints_report)
def self_assessment(request: OrgRequest, year: int) -> HttpResponse:
    found = _year(request, year)
    context = _context(request, found)
    if not _may_read(request, found):
        return render(request, "reports/complaints/not_published.html", context)
    figures = selectors.figures_for(found, today=timezone.localdate())
    sections = selectors.self_assessment(found, figures)
    answered, total = selectors.answered_count(sections)
    context |= {"code_sections": sections, "answered": answered, "total": total}
    return render(request, "reports/complaints/self_assessment.html", context)


@organisation_view(can.can_view_complaints_report)
def provision(request: OrgRequest, year: int, code: str) -> HttpResponse:
    found = _year(request, year)
    if code not in BY_CODE:
        raise Http404
    if not _may_edit(request):
        raise PermissionDenied
    if not found.is_draft:
        messages.info(request, _("The governing body has approved it, so it cannot change."))
        return redirect("reports:complaints-self-assessment", request.organisation.slug, year)
    answer = (found.answers.filter(code=code).first() if found.pk else None) or ProvisionAnswer(
        code=code
    )
    form = ProvisionForm(_posted(request), instance=answer)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_provision(
                organisation=request.organisation,
                year=year,
                code=code,
                by=request.user,
                **{name: form.cleaned_data[name] for name in ProvisionForm.Meta.fields},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer to %(code)s is saved.") % {"code": code})
            return redirect(
                f"{_url('reports:complaints-self-assessment', request, year)}#provision-{code}"
            )
    figures = selectors.figures_for(found, today=timezone.localdate())
    item = BY_CODE[code]
    return render(
        request,
        "reports/complaints/provision.html",
        {
            **_context(request, found),
            "form": form,
            "item": item,
            "records": provision_evidence(item.evidenced, figures, found),
        },
        status=form_status(form),
    )


def _url(name: str, request: OrgRequest, year: int) -> str:
    return reverse(name, args=[request.organisation.slug, year])


@organisation_view(can.can_view_complaints_report)
def report(request: OrgRequest, year: int) -> HttpResponse:
    found = _year(request, year)
    context = _context(request, found)
    if not _may_read(request, found):
        return render(request, "reports/complaints/not_published.html", context)
    figures = selectors.figures_for(found, today=timezone.localdate())
    context |= selectors.report(found, figures)
    return render(request, "reports/complaints/report.html", context)


@organisation_view(can.can_view_complaints_report)
def edit_report(request: OrgRequest, year: int) -> HttpResponse:
    found = _year(request, year)
    if not _may_edit(request):
        raise PermissionDenied
    if not found.is_draft:
        messages.info(request, _("The governing body has approved it, so it cannot change."))
        return redirect("reports:complaints-report", request.organisation.slug, year)
    form = ReportForm(_posted(request), instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                organisation=request.organisation,
                year=year,
                values=form.cleaned_data,
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The report is saved."))
            return redirect("reports:complaints-report", request.organisation.slug, year)
    return render(
        request,
        "reports/complaints/report_form.html",
        {**_context(request, found), "form": form},
        status=form_status(form),
    )


@organisation_view(can.can_view_complaints_report)
def approve(request: OrgRequest, year: int) -> HttpResponse:
    found = _year(request, year)
    if not _may_approve(request):
        raise PermissionDenied
    if not found.is_draft:
        messages.info(request, _("The governing body has already approved it."))
        return redirect("reports:complaints-self-assessment", request.organisation.slug, year)
    form = ApprovalForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.approve(
                organisation=request.organisation,
                year=year,
                approved_on=form.cleaned_data["approved_on"],
                minute_reference=form.cleaned_data["minute_reference"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The approval is recorded. The figures are kept as they stand today.")
            )
            return redirect("reports:complaints-self-assessment", request.organisation.slug, year)
    return render(
        request,
        "reports/complaints/approve.html",
        {**_context(request, found), "form": form},
        status=form_status(form),
    )


@organisation_view(can.can_view_complaints_report)
def publish(request: OrgRequest, year: int) -> HttpResponse:
    _year(request, year)
    if not _may_approve(request):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.publish(organisation=request.organisation, year=year, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published: everyone with a role here can read it."))
    return redirect("reports:complaints-self-assessment", request.organisation.slug, year)


def _pdf(request: OrgRequest, year: int, which: str) -> HttpResponse:
    found = _year(request, year)
    if not _may_read(request, found):
        raise Http404
    today = timezone.localdate()
    figures = selectors.figures_for(found, today=today)
    context = {
        **_context(request, found),
        **selectors.report(found, figures),
        "code_sections": selectors.self_assessment(found, figures),
        "organisation": request.organisation,
        "which": which,
        "today": today,
        "LANGUAGE_CODE": translation.get_language(),
    }
    html = render_to_string(f"reports/complaints/pdf/{which}.html", context)
    response = HttpResponse(pdf_of(html, kept=True), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="complaints-{which.replace("_", "-")}-{year}.pdf"'
    )
    return response


@organisation_view(can.can_view_complaints_report)
def self_assessment_pdf(request: OrgRequest, year: int) -> HttpResponse:
    return _pdf(request, year, "self_assessment")


@organisation_view(can.can_view_complaints_report)
def report_pdf(request: OrgRequest, year: int) -> HttpResponse:
    return _pdf(request, year, "report")


_BASE = "complaints-performance/<int:year>/"
urlpatterns = [
    path("complaints-performance/", years, name="complaints-years"),
    path(f"{_BASE}self-assessment/", self_assessment, name="complaints-self-assessment"),
    path(f"{_BASE}self-assessment/<str:code>/", provision, name="complaints-provision"),
    path(f"{_BASE}self-assessment.pdf", self_assessment_pdf, name="complaints-self-assessment-pdf"),
    path(f"{_BASE}report/", report, name="complaints-report"),
    path(f"{_BASE}report/edit/", edit_report, name="complaints-report-edit"),
    path(f"{_BASE}report.pdf", report_pdf, name="complaints-report-pdf"),
    path(f"{_BASE}approve/", approve, name="complaints-approve"),
    path(f"{_BASE}publish/", publish, name="complaints-publish"),
]
