"""A resident reports anti-social behaviour online and follows what they reported.

A resident sees only the reports they made themselves, and of the case only whether it is
being dealt with or closed: never the other reports on it, which are other people's.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from tenantry.organisations.access import OrgRequest

from .. import asb, asb_services
from ..resident_forms import ASB_KINDS, AsbReportForm
from .resident import _home, _takes, resident_view

_KINDS = dict(ASB_KINDS)


def _with_words(report):
    report.about = _KINDS.get(report.category, report.get_category_display())
    return report


def _mine(request: OrgRequest, pk: int):
    reports = asb.reports_made_by(organisation_id=request.organisation.pk, user_id=request.user.pk)
    return _with_words(get_object_or_404(reports, pk=pk))


@resident_view
def reports(request: OrgRequest) -> HttpResponse:
    made = asb.reports_made_by(organisation_id=request.organisation.pk, user_id=request.user.pk)
    return render(
        request,
        "records/resident/asb_reports.html",
        {
            "reports": [_with_words(r) for r in made],
            "takes_asb": _takes(request, "asb"),
            "landlord": request.organisation.landlord,
        },
    )


@resident_view
def report_asb(request: OrgRequest) -> HttpResponse:
    if not _takes(request, "asb"):
        landlord = request.organisation.landlord
        return render(request, "records/resident/asb_elsewhere.html", {"landlord": landlord})
    home, reason = _home(request)
    if home is None:
        return render(request, "records/resident/asb_no_home.html", {"reason": reason})
    form = AsbReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = asb_services.report_asb_as_resident(
            organisation=request.organisation,
            home=home,
            by=request.user,
            category=data["category"],
            where=data["where"],
            what_happened=data["what_happened"],
            hate_incident=data["hate_incident"],
        )
        return redirect("services:my-asb-report-made", request.organisation.slug, report.pk)
    return render(request, "records/resident/report_asb.html", {"form": form, "home": home})


@resident_view
def report_made(request: OrgRequest, pk: int) -> HttpResponse:
    return render(request, "records/resident/asb_report_made.html", {"report": _mine(request, pk)})


@resident_view
def report(request: OrgRequest, pk: int) -> HttpResponse:
    return render(request, "records/resident/asb_report.html", {"report": _mine(request, pk)})


urlpatterns = [
    path("my/asb/", reports, name="my-asb-reports"),
    path("my/asb/new/", report_asb, name="report-my-asb"),
    path("my/asb/<int:pk>/", report, name="my-asb-report"),
    path("my/asb/<int:pk>/made/", report_made, name="my-asb-report-made"),
]
