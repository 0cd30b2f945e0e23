"""The published improvement plan for everyone: no sign-in, plain words, and its PDF."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from .. import plan_pdf
from .. import plan_selectors as selectors


def _published(slug: str, pk: int):
    found = selectors.published_plan(slug=slug, review_pk=pk)
    if found is None:
        raise Http404
    return found


def plan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _published(slug, pk)
    context = plan_pdf.plan_context(found, timezone.localdate())
    context["organisation_name"] = found.review.organisation.name
    return render(request, "reviews/plan/public.html", context)


def pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _published(slug, pk)
    response = HttpResponse(
        plan_pdf.plan_pdf(found, timezone.localdate()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="improvement-plan-{found.review_id}.pdf"'
    return response


urlpatterns = [
    path("<slug:slug>/<int:pk>/", plan, name="plan"),
    path("<slug:slug>/<int:pk>/plan.pdf", pdf, name="pdf"),
]
