"""A resident's own surveys: the open ones their household is invited to, answered from their
account through the same pages as the code on their letter.

Answering goes through the personal link (`views/respond.py`) and nothing else: the response is
made from the answers alone, so an anonymous survey stays anonymous whether the resident came
from a letter or from their account. Nothing here is recorded.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache

from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import permissions as can
from .. import selectors, services
from ..models import Survey

resident_view = organisation_view(can.can_answer_as_resident)


@resident_view
def my_surveys(request: OrgRequest) -> HttpResponse:
    surveys = selectors.open_surveys_for(organisation=request.organisation, user=request.user)
    return render(request, "surveys/mine/surveys.html", {"surveys": surveys})


@never_cache
@resident_view
def answer_my_survey(request: OrgRequest, pk: int) -> HttpResponse:
    survey = object_in(request.organisation, Survey, pk=pk)
    invitation = selectors.invitation_for(survey=survey, user=request.user)
    if invitation is None:
        raise Http404  # not invited: as if the survey did not exist
    code = services.invitation_code(invitation).replace("-", "")
    return redirect("survey:start", request.organisation.slug, code)


urlpatterns = [
    path("my/surveys/", my_surveys, name="my-surveys"),
    path("my/surveys/<int:pk>/answer/", answer_my_survey, name="answer-my-survey"),
]
