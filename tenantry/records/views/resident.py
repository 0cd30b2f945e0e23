"""A resident's own pages: report a repair, follow it and rate it; make a complaint and follow it.

Only people who live in the organisation's homes reach them (`can_report_as_resident`). A
resident sees the repairs to their own home and the complaints they made themselves; anything
else is a 404, exactly like a record that does not exist.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.homes.models import Home
from tenantry.homes.selectors import home_of
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.records import permissions as can

from .. import services
from ..models import Complaint, Repair
from ..resident_forms import (
    COMPLAINT_ABOUT,
    SATISFACTION,
    ComplaintForm,
    EscalationForm,
    RatingCommentForm,
    RatingForm,
    RepairReportForm,
)
from ..selectors.keeping import may_keep_records_of
from ..selectors.resident import (
    complaint_stage_deadlines,
    complaints_made_by,
    home_looked_after_by,
    may_ask_for_stage_two,
    repair_schemes_exist,
    repairs_to_home,
    with_progress,
)

resident_view = organisation_view(can.can_report_as_resident)


def _home(request: OrgRequest) -> tuple[Home | None, str]:
    """The resident's home if this organisation looks after it, else why not."""
    home = home_of(user=request.user)
    if home is None:
        return None, "no_home"
    if not home_looked_after_by(organisation=request.organisation, home=home):
        return None, "not_ours"
    return home, ""


def _takes(request: OrgRequest, kind: str) -> bool:
    """Whether the organisation takes this kind of report: its agreement delegates the service."""
    return may_keep_records_of(organisation=request.organisation, kind=kind)


def _elsewhere(request: OrgRequest, kind: str) -> HttpResponse:
    """Who to go to instead when the landlord, not this organisation, runs the service."""
    return render(
        request,
        "records/resident/elsewhere.html",
        {"kind": kind, "landlord": request.organisation.landlord},
    )


def _no_home(request: OrgRequest, reason: str) -> HttpResponse:
    return render(
        request,
        "records/resident/no_home.html",
        {"reason": reason, "takes_complaints": _takes(request, "complaints")},
    )


def _resident_repair(request: OrgRequest, pk: int) -> Repair:
    home, _reason = _home(request)
    if home is None:
        raise Http404
    return get_object_or_404(repairs_to_home(organisation=request.organisation, home=home), pk=pk)


# --- repairs ---------------------------------------------------------------------------------

RATING_ASKED_FOR = timedelta(days=60)


@resident_view
def repairs(request: OrgRequest) -> HttpResponse:
    home, reason = _home(request)
    if home is None:
        return _no_home(request, reason)
    now = timezone.now()
    repairs = [
        with_progress(r, now) for r in repairs_to_home(organisation=request.organisation, home=home)
    ]
    for repair in repairs:
        # Ask in the list only while the job is fresh in the mind; older ones can still be
        # rated from their own page.
        repair.ask_rating = (
            repair.status == Repair.Status.COMPLETED
            and repair.satisfaction is None
            and now - repair.completed_at <= RATING_ASKED_FOR
        )
    return render(
        request,
        "records/resident/repairs.html",
        {
            "home": home,
            "repairs": repairs,
            "ratings": SATISFACTION,
            "takes_repairs": _takes(request, "repairs"),
            "landlord": request.organisation.landlord,
        },
    )


@resident_view
def report_repair(request: OrgRequest) -> HttpResponse:
    if not _takes(request, "repairs"):
        return _elsewhere(request, "repairs")
    home, reason = _home(request)
    if home is None:
        return _no_home(request, reason)
    if not repair_schemes_exist(organisation=request.organisation):
        return render(request, "records/resident/no_priorities.html")
    form = RepairReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            repair = services.report_repair_as_resident(
                organisation=request.organisation, home=home, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("services:my-repair-reported", request.organisation.slug, repair.pk)
    return render(request, "records/resident/report_repair.html", {"form": form, "home": home})


@resident_view
def repair_reported(request: OrgRequest, pk: int) -> HttpResponse:
    repair = with_progress(_resident_repair(request, pk), timezone.now())
    return render(request, "records/resident/repair_reported.html", {"repair": repair})


@resident_view
def repair(request: OrgRequest, pk: int) -> HttpResponse:
    repair = with_progress(_resident_repair(request, pk), timezone.now())
    photos = list(repair.photos.all()) if repair.reported_by_id == request.user.pk else []
    return render(
        request,
        "records/resident/repair.html",
        {"repair": repair, "ratings": SATISFACTION, "photos": photos},
    )


@resident_view
def rate_repair(request: OrgRequest, pk: int) -> HttpResponse:
    repair = _resident_repair(request, pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_repair_once(repair=repair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            # Taken once: a second tap (or a rating of an open repair) is refused, and said so.
            messages.error(request, " ".join(error.messages))
            return redirect("services:my-repair", request.organisation.slug, repair.pk)
        return redirect("services:my-repair-rated", request.organisation.slug, repair.pk)
    return render(
        request,
        "records/resident/rate_repair.html",
        {"repair": repair, "form": form, "ratings": SATISFACTION},
    )


@resident_view
def repair_rated(request: OrgRequest, pk: int) -> HttpResponse:
    repair = _resident_repair(request, pk)
    if repair.satisfaction is None:
        return redirect("services:rate-my-repair", request.organisation.slug, repair.pk)
    form = RatingCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"].strip()
        if comment:
            try:
                services.comment_on_rating(repair=repair, by=request.user, comment=comment)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("services:my-repair", request.organisation.slug, repair.pk)
            messages.success(request, _("Thank you for your comment."))
        return redirect("services:my-repairs", request.organisation.slug)
    return render(
        request,
        "records/resident/repair_rated.html",
        {"repair": repair, "form": form, "rating_words": dict(SATISFACTION)[repair.satisfaction]},
    )


# --- complaints ------------------------------------------------------------------------------


_ABOUT = dict(COMPLAINT_ABOUT)


def _with_deadlines(complaint: Complaint) -> Complaint:
    complaint.about = _ABOUT.get(complaint.category, complaint.get_category_display())
    complaint.deadlines = complaint_stage_deadlines(complaint=complaint)
    complaint.current_deadlines = complaint.deadlines.get(complaint.stage)
    complaint.current_answered_on = (
        complaint.stage2_responded_on if complaint.stage == 2 else complaint.stage1_responded_on
    )
    return complaint


def _resident_complaint(request: OrgRequest, pk: int) -> Complaint:
    return _with_deadlines(
        get_object_or_404(
            complaints_made_by(organisation=request.organisation, user=request.user), pk=pk
        )
    )


@resident_view
def complaints(request: OrgRequest) -> HttpResponse:
    complaints = [
        _with_deadlines(c)
        for c in complaints_made_by(organisation=request.organisation, user=request.user)
    ]
    return render(
        request,
        "records/resident/complaints.html",
        {
            "complaints": complaints,
            "takes_complaints": _takes(request, "complaints"),
            "landlord": request.organisation.landlord,
        },
    )


@resident_view
def make_complaint(request: OrgRequest) -> HttpResponse:
    if not _takes(request, "complaints"):
        return _elsewhere(request, "complaints")
    # A complaint does not need a home: someone whose address is not linked yet can still
    # complain, and one about a shared area or a member of staff has no home at all.
    home, _reason = _home(request)
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        complaint = services.make_complaint_as_resident(
            organisation=request.organisation, home=home, by=request.user, **form.cleaned_data
        )
        return redirect("services:my-complaint-made", request.organisation.slug, complaint.pk)
    return render(request, "records/resident/make_complaint.html", {"form": form})


@resident_view
def complaint_made(request: OrgRequest, pk: int) -> HttpResponse:
    complaint = _resident_complaint(request, pk)
    return render(request, "records/resident/complaint_made.html", {"complaint": complaint})


@resident_view
def complaint(request: OrgRequest, pk: int) -> HttpResponse:
    complaint = _resident_complaint(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "records/resident/complaint.html",
        {
            "complaint": complaint,
            "today": today,
            "may_escalate": may_ask_for_stage_two(complaint=complaint, today=today),
        },
    )


@resident_view
def escalate_complaint(request: OrgRequest, pk: int) -> HttpResponse:
    complaint = _resident_complaint(request, pk)
    if not may_ask_for_stage_two(complaint=complaint, today=timezone.localdate()):
        return redirect("services:my-complaint", request.organisation.slug, complaint.pk)
    form = EscalationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.escalate_complaint_as_resident(
                complaint=complaint, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You have asked for stage 2. We will acknowledge it within 5 working days."),
            )
            return redirect("services:my-complaint", request.organisation.slug, complaint.pk)
    return render(
        request, "records/resident/escalate_complaint.html", {"complaint": complaint, "form": form}
    )


urlpatterns = [
    path("my/repairs/", repairs, name="my-repairs"),
    path("my/repairs/new/", report_repair, name="report-my-repair"),
    path("my/repairs/<int:pk>/", repair, name="my-repair"),
    path("my/repairs/<int:pk>/reported/", repair_reported, name="my-repair-reported"),
    path("my/repairs/<int:pk>/rate/", rate_repair, name="rate-my-repair"),
    path("my/repairs/<int:pk>/rated/", repair_rated, name="my-repair-rated"),
    path("my/complaints/", complaints, name="my-complaints"),
    path("my/complaints/new/", make_complaint, name="make-my-complaint"),
    path("my/complaints/<int:pk>/", complaint, name="my-complaint"),
    path("my/complaints/<int:pk>/made/", complaint_made, name="my-complaint-made"),
    path("my/complaints/<int:pk>/stage-2/", escalate_complaint, name="escalate-my-complaint"),
]
