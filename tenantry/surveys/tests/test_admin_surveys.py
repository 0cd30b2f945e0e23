"""The admin opens a survey, a question, an invitation and a response, and never a code."""

import pytest
from django.urls import reverse

from tenantry.surveys import services
from tenantry.surveys.tests.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def test_the_admin_opens_each_survey_record_without_showing_codes(cast, client_as):
    client = client_as(cast.people["site_admin"])
    survey = SurveyFactory(organisation=cast.tmo)
    question = QuestionFactory(survey=survey, kind="yes_no")
    invitation = InvitationFactory(survey=survey, household=cast.home.households.get())
    response = ResponseFactory(survey=survey)
    AnswerFactory(response=response, question=question, value="yes")

    for name, pk in [
        ("survey", survey.pk),
        ("question", question.pk),
        ("invitation", invitation.pk),
        ("response", response.pk),
    ]:
        page = client.get(reverse(f"admin:surveys_{name}_change", args=[pk]))
        assert page.status_code == 200, name
        assert services.invitation_code(invitation) not in page.content.decode()
        assert invitation.token_hash not in page.content.decode()
