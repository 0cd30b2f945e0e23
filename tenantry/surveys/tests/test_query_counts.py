"""The busiest survey pages take a fixed number of queries, however many questions, households
invited and responses there are."""

import pytest
from django.urls import reverse

from tenantry.homes.tests.factories import HouseholdFactory
from tenantry.surveys import selectors
from tenantry.surveys.models import Question
from tenantry.surveys.tests.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)
from tenantry.surveys.tests.test_analysis import build_scenario

pytestmark = pytest.mark.django_db

# session, user, organisation, roles, then the surveys with their counts; and the count of new
# repair reports in a staff member's menu
LIST_QUERIES = 6
# session, user, organisation, roles and the survey (5); the questionnaire (3); responses,
# invitations and households by estate, with the estates (5); the answers counted (2); the TSM
# measures (2, and 1 for TP02, asked only of those who had a repair); democratic health (2);
# the TSM sample's households and answers by stock type (2); how many responses so far (1);
# less one: the survey's organisation is the page's own (`object_in`), not read again
RESULTS_QUERIES = 22
# Asked again before anyone else answers: the figures counted from answers are kept
# (analysis._kept), leaving the responses so far, the invitations and households by estate.
RESULTS_QUERIES_KEPT = 14


def _grow(survey, *, codes: range, responses: int, estate):
    """More democratic-health questions and more responses answering them."""
    added = [
        QuestionFactory(survey=survey, code=f"DH{n:02}", kind=Question.Kind.YES_NO) for n in codes
    ]
    for _ in range(responses):
        response = ResponseFactory(survey=survey, estate=estate)
        for question in added:
            AnswerFactory(response=response, question=question, value="yes")


def test_the_surveys_list_counts_without_multiplying_rows(
    cast, client_as, django_assert_num_queries
):
    survey = SurveyFactory(organisation=cast.tmo, title="Bins")
    for _ in range(3):
        QuestionFactory(survey=survey)
    InvitationFactory(survey=survey, household=HouseholdFactory(home=cast.home))
    for _ in range(4):
        ResponseFactory(survey=survey)
    SurveyFactory(organisation=cast.tmo, title="Parking")
    client = client_as(cast.people["staff"])
    url = reverse("surveys:surveys", args=[cast.tmo.slug])

    with django_assert_num_queries(LIST_QUERIES):
        page = client.get(url)
    counts = {s.title: (s.question_count, s.invitation_count, s.response_count)
              for s in page.context["surveys"]}  # fmt: skip
    assert counts == {"Bins": (3, 1, 4), "Parking": (0, 0, 0)}

    for _ in range(5):
        QuestionFactory(survey=survey)
        ResponseFactory(survey=survey)
    with django_assert_num_queries(LIST_QUERIES):
        page = client.get(url)
    assert {s.title: s.response_count for s in page.context["surveys"]}["Bins"] == 9


def test_the_surveys_counts_are_subqueries_not_joins(cast):
    # A join of questions, invitations and responses counts questions × invitations × responses
    # rows for each survey before DISTINCT brings the figures back down.
    sql = str(selectors.surveys_of(organisation=cast.tmo).query)
    assert "JOIN" not in sql and sql.count("COUNT(") == 3


def test_the_results_page_takes_the_same_queries_for_more_questions_and_answers(
    cast, client_as, django_assert_num_queries
):
    scenario = build_scenario(cast)
    _grow(scenario.survey, codes=range(1, 2), responses=1, estate=scenario.kingsmead)
    client = client_as(cast.people["committee"])
    url = reverse("surveys:results", args=[cast.tmo.slug, scenario.survey.pk])
    client.get(url)  # the menu learns whether the landlord has a scrutiny panel, for a while

    with django_assert_num_queries(RESULTS_QUERIES_KEPT):
        page = client.get(url)
    assert [code for code, *_rest in page.context["democratic"]] == ["DH01"]

    _grow(scenario.survey, codes=range(2, 7), responses=8, estate=scenario.larch)
    with django_assert_num_queries(RESULTS_QUERIES):
        page = client.get(url)
    assert [code for code, *_rest in page.context["democratic"]] == [
        "DH01", "DH02", "DH03", "DH04", "DH05", "DH06"
    ]  # fmt: skip
    with django_assert_num_queries(RESULTS_QUERIES_KEPT):
        client.get(url)


def test_the_surveys_list_takes_the_same_queries_however_many_surveys(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["staff"])
    url = reverse("surveys:surveys", args=[cast.tmo.slug])
    SurveyFactory(organisation=cast.tmo, title="Bins")
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)

    for n in range(6):
        survey = SurveyFactory(organisation=cast.tmo, title=f"Survey {n}")
        QuestionFactory(survey=survey)
        ResponseFactory(survey=survey)

    with django_assert_num_queries(LIST_QUERIES):
        page = client.get(url)
    assert len(page.context["surveys"]) == 7
    assert {s.title: s.response_count for s in page.context["surveys"]}["Survey 5"] == 1
