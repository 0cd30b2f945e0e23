"""Staff pages for anti-social behaviour: record a report, see a case with its reports and
history, and link a report to another case or split it out into its own.

The list of cases and the case's own details are the generic record pages (`views/staff.py`);
these paths come first, so recording under "asb" takes a report rather than a case.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.deadlines import local_date
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.records import permissions as can

from .. import asb, asb_services
from ..asb_forms import AsbReportForm, LinkReportForm
from ..models import AsbCase, AsbReport
from ..selectors import finding, keeping
from . import staff

SLUG = "asb"


def _kept(request: OrgRequest) -> bool:
    return keeping.may_keep_records_of(organisation=request.organisation, kind=SLUG)


def _form_page(request: OrgRequest, form, report: AsbReport | None = None) -> HttpResponse:
    return render(
        request,
        "records/staff/asb_report_form.html",
        {"kind": staff.KINDS[SLUG], "slug": SLUG, "form": form, "report": report},
    )


def _joined_message(report: AsbReport) -> str:
    case = report.case
    if case.reports.count() == 1:
        return _("%(report)s is saved. It opened a new case, %(case)s.") % {
            "report": report.reference,
            "case": case.reference,
        }
    return _(
        "%(report)s is saved. It joined %(case)s, the case already open about the same "
        "matter: a repeat report is not a new case."
    ) % {"report": report.reference, "case": case.reference}


@organisation_view(can.can_record_services)
def record_report(request: OrgRequest) -> HttpResponse:
    if refused := staff._not_kept(request, SLUG, staff.KINDS[SLUG]):
        return refused
    form = AsbReportForm(
        request.POST or None,
        organisation=request.organisation,
        initial={"received_on": local_date(timezone.now())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = asb_services.record_asb_report(report=form.save(commit=False), by=request.user)
        except ValidationError as error:
            staff._add_errors(form, error)
        else:
            messages.success(request, _joined_message(report))
            return redirect("services:record", request.organisation.slug, SLUG, report.case_id)
    return _form_page(request, form)


@organisation_view(can.can_view_service_records)
def case(request: OrgRequest, pk: int) -> HttpResponse:
    kind = staff.KINDS[SLUG]
    case = object_in(request.organisation, AsbCase.objects.select_related("home", "estate"), pk=pk)
    reports = list(case.reports.select_related("home", "estate").order_by("received_on", "pk"))
    return render(
        request,
        "records/staff/asb_case.html",
        {
            "slug": SLUG,
            "kind": kind,
            "kept": _kept(request),
            "record": case,
            "noun": AsbCase._meta.verbose_name,
            "place": finding.place_of(case),
            "summary": staff._summary(case, kind.details, request.organisation),
            "timeline": kind.timeline(case),
            "reports": reports,
            "history": asb_services.case_history(case=case)[:50],
        },
    )


def _report(request: OrgRequest, pk: int) -> AsbReport:
    return object_in(
        request.organisation, AsbReport.objects.select_related("case", "home", "estate"), pk=pk
    )


@organisation_view(can.can_see_who_reported)
def report(request: OrgRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    others = AsbCase.objects.filter(
        asb.open_on_q(report.received_on) | asb.open_on_q(local_date(timezone.now())),
        organisation=request.organisation,
        estate_id=report.case.estate_id,
    ).exclude(pk=report.case_id)
    return render(
        request,
        "records/staff/asb_report.html",
        {
            "slug": SLUG,
            "report": report,
            "kept": _kept(request),
            "alone": not report.case.reports.exclude(pk=report.pk).exists(),
            "open_nearby": others.order_by("-opened_on", "-pk")[:10],
            "link_form": LinkReportForm(organisation=request.organisation),
        },
    )


@organisation_view(can.can_record_services)
def edit_report(request: OrgRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if refused := staff._not_kept(request, SLUG, staff.KINDS[SLUG]):
        return refused
    form = AsbReportForm(request.POST or None, instance=report, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            report = asb_services.change_asb_report(report=form.save(commit=False), by=request.user)
        except ValidationError as error:
            staff._add_errors(form, error)
        else:
            messages.success(
                request, _("Your changes to %(reference)s are saved.") % {"reference": report}
            )
            return redirect("services:asb-report", request.organisation.slug, report.pk)
    return _form_page(request, form, report)


@organisation_view(can.can_record_services)
def link_report(request: OrgRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if refused := staff._not_kept(request, SLUG, staff.KINDS[SLUG]):
        return refused
    form = LinkReportForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            case = asb_services.link_report(
                report=report, case=form.cleaned_data["case"], by=request.user
            )
        except ValidationError as error:
            staff._add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(report)s is now part of %(case)s.")
                % {"report": report.reference, "case": case.reference},
            )
            return redirect("services:record", request.organisation.slug, SLUG, case.pk)
    return render(
        request,
        "records/staff/asb_link.html",
        {"slug": SLUG, "report": report, "form": form},
    )


@organisation_view(can.can_record_services)
def split_report(request: OrgRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if refused := staff._not_kept(request, SLUG, staff.KINDS[SLUG]):
        return refused
    error = ""
    if request.method == "POST":
        try:
            case = asb_services.split_report(report=report, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                _("%(report)s is now a case of its own, %(case)s.")
                % {"report": report.reference, "case": case.reference},
            )
            return redirect("services:record", request.organisation.slug, SLUG, case.pk)
    return render(
        request,
        "records/staff/asb_split.html",
        {"slug": SLUG, "report": report, "error": error},
    )


urlpatterns = [
    path("records/asb/new/", record_report, name="record-asb-report"),
    path("records/asb/<int:pk>/", case, name="asb-case"),
    path("records/asb/reports/<int:pk>/", report, name="asb-report"),
    path("records/asb/reports/<int:pk>/edit/", edit_report, name="edit-asb-report"),
    path("records/asb/reports/<int:pk>/link/", link_report, name="link-asb-report"),
    path("records/asb/reports/<int:pk>/split/", split_report, name="split-asb-report"),
]
