"""The annual report to tenants: its list, the report as a page and PDFs, the committee's editing,
and the published report for everyone (docs/annual-report.md)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tenantry.core.forms import add_errors, form_status
from tenantry.core.periods import financial_year, years_offered
from tenantry.organisations.access import OrgRequest, organisation_view

from . import annual, annual_pdf, annual_services
from . import permissions as can
from .annual_forms import LanguagesForm, SectionForm, StartForm
from .annual_selectors import (
    annual_report,
    annual_reports_of,
    language_of,
    public_annual_report,
    saved_text,
)
from .models import ENGLISH, REPORT_LANGUAGES, AnnualReport
from .publication import is_published


def _years(today) -> list:
    return list(reversed(years_offered(today=today)))


def _report(request: OrgRequest, year: str) -> AnnualReport:
    """The organisation's report for `year`; a draft only for those who read drafts."""
    found = annual_report(organisation=request.organisation, year_slug=year)
    if found is None:
        raise Http404
    if not found.is_published and not can.can_read_draft_annual_reports(request.roles):
        raise PermissionDenied
    return found


def _asked_language(request: HttpRequest) -> str:
    return request.GET.get("lang") or translation.get_language() or ENGLISH


@organisation_view(can.can_view_annual_reports)
@require_safe
def annual_reports(request: OrgRequest) -> HttpResponse:
    drafts = can.can_read_draft_annual_reports(request.roles)
    reports = annual_reports_of(organisation=request.organisation, drafts=drafts)
    may_write = can.can_write_annual_reports(request.roles)
    return render(
        request,
        "reports/annual/list.html",
        {
            "organisation": request.organisation,
            "reports": reports,
            "form": StartForm(years=_years(timezone.localdate())) if may_write else None,
        },
    )


@organisation_view(can.can_write_annual_reports)
@require_POST
def start_annual_report(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StartForm(request.POST, years=_years(today))
    if form.is_valid():
        try:
            report = annual_services.start_annual_report(
                organisation=request.organisation,
                year=financial_year(int(form.cleaned_data["year"])),
                by=request.user,
                today=today,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(_url(report))
    reports = annual_reports_of(organisation=request.organisation, drafts=True)
    return render(
        request,
        "reports/annual/list.html",
        {"organisation": request.organisation, "reports": reports, "form": form},
        status=form_status(form),
    )


def _url(report: AnnualReport) -> str:
    return reverse("reports:annual-report", args=[report.organisation.slug, report.year_slug])


def _report_page(request, report: AnnualReport, template: str, extra: dict) -> HttpResponse:
    language = language_of(report, _asked_language(request))
    with translation.override(language):
        context = annual_pdf.report_context(
            report, language, chart=template.endswith("report.html")
        )
        context.update(extra)
        return render(request, template, context)


@organisation_view(can.can_view_annual_reports)
@require_safe
def annual_report_page(request: OrgRequest, year: str) -> HttpResponse:
    report = _report(request, year)
    editable = not report.is_published and can.can_write_annual_reports(request.roles)
    return _report_page(
        request,
        report,
        "reports/annual/report.html",
        {
            "editable": editable,
            "may_publish": not report.is_published
            and can.can_publish_annual_reports(request.roles),
            "languages_form": LanguagesForm(initial={"languages": report.languages})
            if editable
            else None,
            "public_url": reverse(
                "annual-report:report", args=[report.organisation.slug, report.year_slug]
            )
            if report.is_published and is_published(report.organisation)
            else "",
        },
    )


@organisation_view(can.can_view_annual_reports)
@require_safe
def annual_report_easy_read(request: OrgRequest, year: str) -> HttpResponse:
    report = _report(request, year)
    return _report_page(request, report, "reports/annual/easy_read.html", {})


def _pdf_response(report: AnnualReport, language: str, kind: str) -> HttpResponse:
    if kind not in annual_pdf.KINDS:
        raise Http404
    response = HttpResponse(
        annual_pdf.annual_report_pdf(report, language, kind), content_type="application/pdf"
    )
    name = f"annual-report-{report.organisation.slug}-{report.year_slug}-{kind}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@organisation_view(can.can_view_annual_reports)
@require_safe
def annual_report_pdf(request: OrgRequest, year: str, kind: str) -> HttpResponse:
    report = _report(request, year)
    return _pdf_response(report, language_of(report, _asked_language(request)), kind)


@organisation_view(can.can_write_annual_reports)
def edit_annual_report(request: OrgRequest, year: str, section: str) -> HttpResponse:
    report = _report(request, year)
    if section not in annual.SECTION_KEYS:
        raise Http404
    if report.is_published:
        messages.info(request, _("This report is published, so it can no longer be changed."))
        return redirect(_url(report))
    language = request.GET.get("language", ENGLISH)
    if language not in dict(REPORT_LANGUAGES):
        raise Http404
    commitment = annual.is_commitment(section)
    hint = str(annual.COMMITMENT_HINTS.get(section, ""))
    if section == "easy_read":
        hint = _("Short sentences, one idea a line. Each line you type is shown on its own line.")
    labels = {"commitment": commitment, "body_hint": hint}
    if commitment:
        labels["body_label"] = _("What this commitment means to us")
    saved = saved_text(report, section, language)
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST, **labels)
        if form.is_valid():
            data = form.cleaned_data
            try:
                annual_services.save_section(
                    report=report,
                    section=section,
                    language=language,
                    text=annual_services.SectionText(
                        data["body"], data.get("actions", ""), data.get("outcomes", "")
                    ),
                    version=data["version"],
                    by=request.user,
                )
            except annual_services.EditConflict as error:
                conflict = error.saved
                form = SectionForm(
                    {**request.POST.dict(), "version": conflict.version if conflict else 0},
                    **labels,
                )
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Someone else saved this section while you were writing. Their text is "
                        "shown below and yours is still in the boxes: put the two together, "
                        "then save again."
                    ),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Saved: %(section)s") % {"section": annual.section_label(section)}
                )
                return redirect(_url(report) + f"#{section}")
    else:
        initial = {"version": saved.version if saved else 0}
        if saved is not None:
            initial |= {"body": saved.body, "actions": saved.actions, "outcomes": saved.outcomes}
        form = SectionForm(initial=initial, **labels)
    return render(
        request,
        "reports/annual/edit.html",
        {
            "organisation": request.organisation,
            "report": report,
            "section": section,
            "section_title": annual.section_label(section),
            "language": language,
            "language_name": dict(REPORT_LANGUAGES)[language],
            "other_language": next(
                (code, name) for code, name in REPORT_LANGUAGES if code != language
            ),
            "english": saved_text(report, section, ENGLISH) if language != ENGLISH else None,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else form_status(form),
    )


@organisation_view(can.can_write_annual_reports)
@require_POST
def reassemble_annual_report(request: OrgRequest, year: str) -> HttpResponse:
    report = _report(request, year)
    try:
        annual_services.reassemble_annual_report(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The figures were taken again from the records."))
    return redirect(_url(report))


@organisation_view(can.can_write_annual_reports)
@require_POST
def annual_report_languages(request: OrgRequest, year: str) -> HttpResponse:
    report = _report(request, year)
    form = LanguagesForm(request.POST)
    if form.is_valid():
        try:
            annual_services.set_report_languages(
                report=report, languages=form.cleaned_data["languages"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report's languages were saved."))
    else:
        messages.error(request, _("Choose from the languages listed"))
    return redirect(_url(report))


@organisation_view(can.can_publish_annual_reports)
def publish_annual_report(request: OrgRequest, year: str) -> HttpResponse:
    report = _report(request, year)
    if report.is_published:
        return redirect(_url(report))
    error = None
    if request.method == "POST":
        try:
            annual_services.publish_annual_report(report=report, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The annual report is published."))
            return redirect(_url(report))
    return render(
        request,
        "reports/annual/publish.html",
        {"organisation": request.organisation, "report": report, "error": error},
        status=400 if error else 200,
    )


# --- For everyone, without signing in -----------------------------------------------------------


def _public(slug: str, year: str) -> AnnualReport:
    found = public_annual_report(slug=slug, year_slug=year)
    if found is None:
        raise Http404
    return found


@require_safe
def public_report(request: HttpRequest, slug: str, year: str) -> HttpResponse:
    report = _public(slug, year)
    return _report_page(request, report, "reports/annual/public.html", {"public": True})


@require_safe
def public_easy_read(request: HttpRequest, slug: str, year: str) -> HttpResponse:
    report = _public(slug, year)
    return _report_page(request, report, "reports/annual/public_easy_read.html", {"public": True})


@require_safe
def public_pdf(request: HttpRequest, slug: str, year: str, kind: str) -> HttpResponse:
    report = _public(slug, year)
    return _pdf_response(report, language_of(report, _asked_language(request)), kind)


Y = "annual-reports/<str:year>/"
urlpatterns = [
    path("annual-reports/", annual_reports, name="annual-reports"),
    path("annual-reports/start/", start_annual_report, name="start-annual-report"),
    path(Y, annual_report_page, name="annual-report"),
    path(f"{Y}easy-read/", annual_report_easy_read, name="annual-report-easy-read"),
    path(f"{Y}<str:kind>.pdf", annual_report_pdf, name="annual-report-pdf"),
    path(f"{Y}edit/<str:section>/", edit_annual_report, name="edit-annual-report"),
    path(f"{Y}figures/", reassemble_annual_report, name="reassemble-annual-report"),
    path(f"{Y}languages/", annual_report_languages, name="annual-report-languages"),
    path(f"{Y}publish/", publish_annual_report, name="publish-annual-report"),
]

public_urlpatterns = [
    path("<slug:slug>/<str:year>/", public_report, name="report"),
    path("<slug:slug>/<str:year>/easy-read/", public_easy_read, name="easy-read"),
    path("<slug:slug>/<str:year>/<str:kind>.pdf", public_pdf, name="pdf"),
]
