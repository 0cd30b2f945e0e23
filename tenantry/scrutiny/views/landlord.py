"""At the landlord's address: the reviews its panels are carrying out, each one's progress,
the panels' requests for evidence and the landlord's answers, and mystery shopping scores
without the shoppers."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import paging
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import evidence_services
from .. import panel_forms as forms
from .. import permissions as can
from ..models import EvidenceRequest, ScrutinyReview
from ..shopping_selectors import exercise_scores
from .common import form_page

PAGE_SIZE = 25


def _landlord(request: OrgRequest):
    """These pages are the landlord's own: at any other organisation's address they do not
    exist."""
    if not request.organisation.is_landlord:
        raise Http404
    return request.organisation


@organisation_view(can.can_follow_scrutiny)
def followed_reviews(request: OrgRequest) -> HttpResponse:
    landlord = _landlord(request)
    reviews = ScrutinyReview.objects.filter(panel__landlord=landlord).select_related(
        "panel", "scrutinised"
    )
    late = EvidenceRequest.objects.filter(
        review__panel__landlord=landlord,
        answered_on__isnull=True,
        due_on__lt=timezone.localdate(),
    ).count()
    return render(
        request,
        "scrutiny/landlord/reviews.html",
        {"page": paging.page_of(reviews, request.GET, per_page=PAGE_SIZE), "late": late},
    )


@organisation_view(can.can_follow_scrutiny)
def followed_review(request: OrgRequest, pk: int) -> HttpResponse:
    landlord = _landlord(request)
    found = get_object_or_404(
        ScrutinyReview.objects.select_related("panel", "scrutinised"),
        panel__landlord=landlord,
        pk=pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "scrutiny/landlord/review.html",
        {
            "review": found,
            "requests": [(r, r.is_late(today)) for r in found.evidence_requests.all()],
            "fieldwork": found.fieldwork.count(),
            # The scores only: who shopped, when and what they noted stay with the panel.
            "exercises": [(e, exercise_scores(e)) for e in found.shopping_exercises.all()],
        },
    )


@organisation_view(can.can_answer_evidence_requests)
def answer_evidence(request: OrgRequest, pk: int) -> HttpResponse:
    landlord = _landlord(request)
    found = get_object_or_404(
        EvidenceRequest.objects.select_related("review__panel"),
        review__panel__landlord=landlord,
        pk=pk,
    )
    form = forms.AnswerForm(request.POST or None)
    back = reverse("scrutiny:followed-review", args=[landlord.slug, found.review_id])
    return form_page(
        request,
        form,
        heading=_("Answer the panel's request for evidence"),
        caption=found.review.title,
        intro=found.what,
        button=_("Send to the panel"),
        back=(back, found.review.title),
        save=lambda data: evidence_services.answer_evidence_request(
            request=found, by=request.user, **data
        ),
        done=_("Your answer is with the panel."),
    )


urlpatterns = [
    path("scrutiny/followed/", followed_reviews, name="followed-reviews"),
    path("scrutiny/followed/<int:pk>/", followed_review, name="followed-review"),
    path("scrutiny/followed/evidence/<int:pk>/", answer_evidence, name="answer-evidence"),
]
