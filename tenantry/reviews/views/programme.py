"""The reviews list and the review programme: which services are reviewed over five years, by
whom, the timetable, and the landlord's comments and agreement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import permissions as can
from .. import review_forms as forms
from .. import services
from ..models import ProgrammeEntry, Review, ReviewProgramme, ReviewStep, StepStatus


def _programme(request: OrgRequest) -> ReviewProgramme | None:
    return ReviewProgramme.objects.filter(organisation=request.organisation).first()


@organisation_view(can.can_view_reviews)
def reviews(request: OrgRequest) -> HttpResponse:
    every = list(Review.objects.filter(organisation=request.organisation))
    done = dict(
        ReviewStep.objects.filter(review__in=every, status=StepStatus.COMPLETED)
        .values_list("review")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return render(
        request,
        "reviews/programme/reviews.html",
        {
            "reviews": [(r, done.get(r.pk, 0)) for r in every],
            "programme": _programme(request),
        },
    )


@organisation_view(can.can_view_review_programme)
def programme(request: OrgRequest) -> HttpResponse:
    found = _programme(request)
    entries = list(found.entries.all()) if found else []
    return render(
        request,
        "reviews/programme/programme.html",
        {
            "programme": found,
            "years": [(y, [e for e in entries if e.year == y]) for y in found.years]
            if found
            else [],
            "history": list(found.history.select_related("history_user")[:10]) if found else [],
            "landlord": request.organisation.landlord,
        },
    )


@organisation_view(can.can_write_review_programme)
def edit_programme(request: OrgRequest) -> HttpResponse:
    found = _programme(request)
    initial = {"first_year": found.first_year if found else timezone.localdate().year}
    form = forms.ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_programme(
                organisation=request.organisation,
                by=request.user,
                first_year=form.cleaned_data["first_year"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The programme's years are saved."))
            return redirect("reviews:programme", request.organisation.slug)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "heading": _("The programme's five years"),
            "button": _("Save"),
            "back": ("reviews:programme", []),
        },
        status=form_status(form),
    )


def _entry_form(request: OrgRequest, entry: ProgrammeEntry, heading: str) -> HttpResponse:
    form = forms.ProgrammeEntryForm(request.POST or None, instance=entry, programme=entry.programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_programme_entry(entry=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The programme is saved. The landlord agrees it again."))
            return redirect("reviews:programme", request.organisation.slug)
    return render(
        request,
        "reviews/simple_form.html",
        {"form": form, "heading": heading, "button": _("Save"), "back": ("reviews:programme", [])},
        status=form_status(form),
    )


def _no_programme(request: OrgRequest) -> HttpResponse:
    """Nothing to add to or agree before the organisation has set its programme's years."""
    return render(request, "reviews/programme/no_programme.html")


@organisation_view(can.can_write_review_programme)
def add_programme_entry(request: OrgRequest) -> HttpResponse:
    found = _programme(request)
    if found is None:
        return _no_programme(request)
    return _entry_form(request, ProgrammeEntry(programme=found), _("Add a service to review"))


@organisation_view(can.can_write_review_programme)
def edit_programme_entry(request: OrgRequest, pk: int) -> HttpResponse:
    entry = object_in(request.organisation, ProgrammeEntry, via="programme__organisation", pk=pk)
    return _entry_form(request, entry, _("Change a service in the programme"))


@organisation_view(can.can_agree_review_programme)
def respond_to_programme(request: OrgRequest) -> HttpResponse:
    found = _programme(request)
    if found is None:
        return _no_programme(request)
    form = forms.RespondForm(request.POST or None, initial={"comment": found.landlord_comment})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_programme(programme=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your response is recorded."))
            return redirect("reviews:programme", request.organisation.slug)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "heading": _("Comment on and agree the programme"),
            "button": _("Send the response"),
            "back": ("reviews:programme", []),
        },
        status=form_status(form),
    )


urlpatterns = [
    path("reviews/", reviews, name="reviews"),
    path("reviews/programme/", programme, name="programme"),
    path("reviews/programme/years/", edit_programme, name="edit-programme"),
    path("reviews/programme/services/new/", add_programme_entry, name="add-programme-entry"),
    path("reviews/programme/services/<int:pk>/", edit_programme_entry, name="edit-programme-entry"),
    path("reviews/programme/respond/", respond_to_programme, name="respond-to-programme"),
]
