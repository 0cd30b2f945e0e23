"""Two copies of one household's answers sent at the same moment, on PostgreSQL: the
conditional update on the invitation lets exactly one through."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.surveys import services
from tenantry.surveys.models import Response, Survey
from tenantry.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_two_paper_forms_from_one_household_at_once_store_one(cast):
    survey = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN)
    question = QuestionFactory(survey=survey, kind="yes_no")
    invitation = InvitationFactory(survey=survey, household=cast.home.households.get())
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def key_in(answer: str) -> None:
        try:
            start.wait()
            services.enter_paper_response(
                survey=survey,
                by=cast.people["staff"],
                answers={str(question.pk): answer},
                invitation=invitation,
            )
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=key_in, args=(answer,)) for answer in ("yes", "no")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["duplicate", "saved"]
    assert Response.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.responses == 1
