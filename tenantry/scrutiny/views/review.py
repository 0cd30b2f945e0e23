"""A scrutiny review at the panel's address: its scope and stage, the desktop review,
interviews and walkabouts, its evidence requests to the landlord and its mystery shopping."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import query
from tenantry.homes.models import Estate
from tenantry.organisations.access import OrgRequest, object_in

from .. import evidence_services
from .. import panel_forms as forms
from .. import permissions as can
from .. import programme_services as services
from ..models import Fieldwork, FieldworkKind, ScrutinyReview, ScrutinyStage
from . import panel_view
from .common import form_page


def _review(request: OrgRequest, pk: int) -> ScrutinyReview:
    return object_in(request.organisation, ScrutinyReview, via="panel", pk=pk)


@panel_view(can.can_run_scrutiny)
def review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    today = timezone.localdate()
    requests = list(found.evidence_requests.all())
    return render(
        request,
        "scrutiny/review/review.html",
        {
            "review": found,
            "fieldwork": list(found.fieldwork.select_related("estate")),
            "requests": [(r, r.is_late(today)) for r in requests],
            "late": sum(1 for r in requests if r.is_late(today)),
            "exercises": list(found.shopping_exercises.all()),
            "topics": list(found.topic_requests.all()),
        },
    )


@panel_view(can.can_run_scrutiny)
def edit_review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    form = forms.ChangeReviewForm(
        request.POST or None,
        initial={"title": found.title, "scope": found.scope, "stage": found.stage},
        stage_choices=forms.stage_choices(found.stage, ScrutinyStage.choices),
    )
    back = reverse("scrutiny:review", args=[request.organisation.slug, found.pk])
    return form_page(
        request,
        form,
        heading=_("Scope and stage"),
        caption=found.title,
        button=_("Save"),
        back=(back, found.title),
        save=lambda data: services.change_review(review=found, by=request.user, **data),
        done=_("The review is saved."),
    )


@panel_view(can.can_run_scrutiny)
def add_fieldwork(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    kind = query.text(request.GET, "kind")
    initial = {
        "held_on": timezone.localdate(),
        "kind": kind if kind in FieldworkKind.values else "",
    }
    form = forms.FieldworkForm(
        request.POST or None,
        instance=Fieldwork(review=found),
        initial=initial,
        estates=Estate.objects.filter(landlord_id=request.organisation.landlord_id),
    )
    back = reverse("scrutiny:review", args=[request.organisation.slug, found.pk])
    return form_page(
        request,
        form,
        heading=_("Record what the panel did"),
        caption=found.title,
        button=_("Save"),
        back=(back, found.title),
        save=lambda data: services.record_fieldwork(
            fieldwork=form.save(commit=False), by=request.user
        ),
        done=_("Saved."),
    )


@panel_view(can.can_run_scrutiny)
def ask_for_evidence(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    due = evidence_services.default_due_on(review=found, asked_on=timezone.localdate())
    form = forms.EvidenceRequestForm(request.POST or None, initial={"due_on": due})
    back = reverse("scrutiny:review", args=[request.organisation.slug, found.pk])
    return form_page(
        request,
        form,
        heading=_("Ask the landlord for evidence"),
        caption=found.title,
        intro=_(
            "The landlord reads this and answers on its own pages. If the answer is late, "
            "Tenantry reminds the landlord each week until it comes."
        ),
        button=_("Send the request"),
        back=(back, found.title),
        save=lambda data: evidence_services.ask_for_evidence(review=found, by=request.user, **data),
        done=_("The request is sent to the landlord."),
    )


urlpatterns = [
    path("scrutiny/reviews/<int:pk>/", review, name="review"),
    path("scrutiny/reviews/<int:pk>/edit/", edit_review, name="edit-review"),
    path("scrutiny/reviews/<int:pk>/fieldwork/new/", add_fieldwork, name="add-fieldwork"),
    path(
        "scrutiny/reviews/<int:pk>/evidence-requests/new/",
        ask_for_evidence,
        name="ask-for-evidence",
    ),
]
