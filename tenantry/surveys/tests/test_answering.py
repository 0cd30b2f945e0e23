"""Saving answers one by one, sending them, and what a response keeps: one per household,
anonymous responses with no way back to the household, paper keyed in as written."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tenantry.homes.models import Household
from tenantry.surveys import services
from tenantry.surveys.models import Answer, Draft, Invitation, Response, Survey
from tenantry.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory


@pytest.fixture
def survey(cast):
    """Open and anonymous: 1 a repair? → 2 rating, only if yes; 3 what helps (any of); 4 how
    many live here (optional)."""
    survey = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN)
    repair = QuestionFactory(survey=survey, kind="yes_no", code="REPAIR")
    rating = QuestionFactory(
        survey=survey, kind="satisfaction", code="RATING",
        show_if_question=repair, show_if_values=["yes"],
    )  # fmt: skip
    helps = QuestionFactory(
        survey=survey, kind="multiple", code="HELPS",
        choices=[("letters", "Letters"), ("texts", "Texts"), ("visits", "Visits")],
    )  # fmt: skip
    people = QuestionFactory(survey=survey, kind="number", code="PEOPLE", required=False)
    survey.q = {"repair": repair, "rating": rating, "helps": helps, "people": people}
    return survey


@pytest.fixture
def household(cast) -> Household:
    return cast.home.households.get()


@pytest.fixture
def invitation(survey, household) -> Invitation:
    return InvitationFactory(survey=survey, household=household)


def _answer_all(draft, survey, **overrides):
    q = survey.q
    values = {"repair": "yes", "rating": "fairly_satisfied", "helps": ["texts", "visits"]}
    for name, value in {**values, **overrides}.items():
        draft = services.save_answer(draft=draft, question_pk=q[name].pk, value=value)
    return draft


def test_each_answer_is_kept_the_moment_it_is_given(survey, invitation):
    draft = services.start_draft(invitation=invitation, mode="web", language="cy")
    services.save_answer(draft=draft, question_pk=survey.q["repair"].pk, value="yes")

    # The connection drops here; the household comes back later with the same link.
    again = services.start_draft(invitation=invitation, mode="web", language="cy")
    assert again.pk == draft.pk
    assert again.answers == {str(survey.q["repair"].pk): "yes"}


def test_clearing_an_answer_removes_it(survey, invitation):
    draft = services.start_draft(invitation=invitation, mode="web", language="en")
    draft = services.save_answer(draft=draft, question_pk=survey.q["people"].pk, value=3)
    draft = services.save_answer(draft=draft, question_pk=survey.q["people"].pk, value=None)
    assert draft.answers == {}


@pytest.mark.parametrize("anonymity", [Survey.Anonymity.NAMED, Survey.Anonymity.CONFIDENTIAL])
def test_an_interviewer_takes_over_a_draft_begun_online(cast, survey, invitation, anonymity):
    Survey.objects.filter(pk=survey.pk).update(anonymity=anonymity)
    invitation.refresh_from_db()
    draft = services.start_draft(invitation=invitation, mode="web", language="en")
    services.save_answer(draft=draft, question_pk=survey.q["repair"].pk, value="no")

    taken = services.start_draft(
        invitation=invitation, mode="door", language="en", by=cast.people["staff"]
    )
    assert (taken.pk, taken.mode, taken.entered_by) == (draft.pk, "door", cast.people["staff"])
    assert taken.answers == {str(survey.q["repair"].pk): "no"}


def test_an_anonymous_surveys_interview_never_opens_the_households_online_draft(
    cast, survey, invitation
):
    online = services.start_draft(invitation=invitation, mode="web", language="en")
    services.save_answer(draft=online, question_pk=survey.q["repair"].pk, value="no")

    interview = services.start_draft(
        invitation=invitation, mode="door", language="en", by=cast.people["staff"]
    )

    assert interview.pk != online.pk and interview.answers == {}
    # Nor another interviewer's, nor the household's link an interviewer's.
    other = services.start_draft(
        invitation=invitation, mode="phone", language="en", by=cast.people["committee"]
    )
    assert other.pk not in (online.pk, interview.pk)
    again = services.start_draft(invitation=invitation, mode="web", language="en")
    assert again.pk == online.pk and again.entered_by is None
    assert again.answers == {str(survey.q["repair"].pk): "no"}
    # Whichever is sent first is the household's answer; the others go with it.
    services.submit_draft(draft=_answer_all(interview, survey), by=cast.people["staff"])
    assert not Draft.objects.filter(invitation=invitation).exists()


def test_sending_makes_a_response_with_one_row_per_choice(survey, invitation, cast):
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="cy"), survey
    )

    response = services.submit_draft(draft=draft)

    rows = {
        (a.question.code, a.value, a.number, a.text)
        for a in response.answers.select_related("question")
    }
    assert rows == {
        ("REPAIR", "yes", None, ""),
        ("RATING", "fairly_satisfied", None, ""),
        ("HELPS", "texts", None, ""),
        ("HELPS", "visits", None, ""),
    }
    assert (response.mode, response.language, response.estate) == ("web", "cy", cast.estate)
    assert response.stock_type == "lcra"
    assert not Draft.objects.exists()
    invitation.refresh_from_db()
    assert invitation.responses == 1


def test_an_anonymous_response_cannot_be_traced_to_the_household(survey, invitation, household):
    created_at = invitation.created_at
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="en"), survey
    )

    response = services.submit_draft(draft=draft)

    # Every column of the response, read straight from the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_response WHERE id = %s", [response.pk])
        columns = [column[0] for column in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    assert row["household_id"] is None and row["entered_by_id"] is None
    assert not any("invitation" in column or "draft" in column for column in columns)
    assert not any(column.endswith("_at") for column in columns)  # a date, never a time
    assert str(row["submitted_on"]) == str(timezone.localdate())
    # …and the invitation records only that it was used, not when or by which response.
    invitation.refresh_from_db()
    assert (invitation.responses, invitation.created_at) == (1, created_at)
    assert not any(
        f.name.startswith("response") and f.is_relation for f in Invitation._meta.get_fields()
    )
    assert household.survey_responses.count() == 0


@pytest.mark.parametrize("anonymity", ["confidential", "named"])
def test_a_confidential_or_named_response_keeps_its_household(
    survey, invitation, household, anonymity
):
    Survey.objects.filter(pk=survey.pk).update(anonymity=anonymity)
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="en"), survey
    )

    assert services.submit_draft(draft=draft).household == household


def test_a_second_response_from_a_household_is_refused_with_a_clear_message(survey, invitation):
    services.submit_draft(
        draft=_answer_all(
            services.start_draft(invitation=invitation, mode="web", language="en"), survey
        )
    )
    second = _answer_all(
        services.start_draft(invitation=invitation, mode="phone", language="en"), survey
    )

    with pytest.raises(ValidationError) as refused:
        services.submit_draft(draft=second)

    assert "already answered" in refused.value.messages[0]
    assert Response.objects.count() == 1


def test_more_than_one_response_per_household_when_the_survey_allows_it(survey, invitation):
    Survey.objects.filter(pk=survey.pk).update(one_response_per_household=False)
    for _ in range(2):
        draft = _answer_all(
            services.start_draft(invitation=invitation, mode="web", language="en"), survey
        )
        services.submit_draft(draft=draft)

    invitation.refresh_from_db()
    assert (Response.objects.count(), invitation.responses) == (2, 2)


def test_answers_to_questions_no_longer_shown_are_dropped(survey, invitation):
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="en"), survey
    )
    draft = services.save_answer(draft=draft, question_pk=survey.q["repair"].pk, value="no")

    response = services.submit_draft(draft=draft)

    assert not response.answers.filter(question=survey.q["rating"]).exists()


def test_a_required_question_must_be_answered_before_sending(survey, invitation):
    draft = services.start_draft(invitation=invitation, mode="web", language="en")
    draft = services.save_answer(draft=draft, question_pk=survey.q["repair"].pk, value="yes")

    with pytest.raises(ValidationError) as missing:
        services.submit_draft(draft=draft)

    assert missing.value.messages == ["Question 2 needs an answer."]
    invitation.refresh_from_db()
    assert invitation.responses == 0 and Draft.objects.exists()


def test_a_closed_survey_takes_no_answers(survey, invitation):
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="en"), survey
    )
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)

    with pytest.raises(ValidationError):
        services.submit_draft(draft=draft)
    assert Response.objects.count() == 0


def test_an_answer_that_is_not_a_choice_is_refused(survey, invitation):
    draft = _answer_all(
        services.start_draft(invitation=invitation, mode="web", language="en"),
        survey,
        rating="over the moon",
    )
    with pytest.raises(ValidationError):
        services.submit_draft(draft=draft)


def test_paper_is_keyed_in_as_written_with_blanks_left_blank(cast, survey, invitation):
    answers = {str(survey.q["repair"].pk): "no", str(survey.q["people"].pk): 4}

    response = services.enter_paper_response(
        survey=survey, by=cast.people["staff"], answers=answers, invitation=invitation
    )

    # Anonymous: who keyed it in is not kept (their round, with the day, would say whose).
    assert response.mode == "paper" and response.entered_by is None
    assert {(a.question.code, a.value, a.number) for a in response.answers.all()} == {
        ("REPAIR", "no", None),
        ("PEOPLE", "", 4),
    }


def test_paper_from_a_household_that_answered_online_is_refused(cast, survey, invitation):
    services.submit_draft(
        draft=_answer_all(
            services.start_draft(invitation=invitation, mode="web", language="en"), survey
        )
    )
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_response(
            survey=survey,
            by=cast.people["staff"],
            answers={str(survey.q["repair"].pk): "no"},
            invitation=invitation,
        )
    assert refused.value.code == "duplicate"


def test_paper_without_a_code_only_when_households_may_answer_more_than_once(cast, survey):
    answers = {str(survey.q["repair"].pk): "no"}
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_response(survey=survey, by=cast.people["staff"], answers=answers)
    assert refused.value.code == "code_needed"

    Survey.objects.filter(pk=survey.pk).update(one_response_per_household=False)
    survey.refresh_from_db()
    response = services.enter_paper_response(
        survey=survey, by=cast.people["staff"], answers=answers, estate_id=cast.estate.pk
    )
    assert (response.estate, response.household) == (cast.estate, None)


def test_an_empty_paper_form_is_not_a_response(cast, survey, invitation):
    with pytest.raises(ValidationError):
        services.enter_paper_response(
            survey=survey, by=cast.people["staff"], answers={}, invitation=invitation
        )
    invitation.refresh_from_db()
    assert invitation.responses == 0


def test_keying_in_paper_discards_an_unfinished_online_draft(cast, survey, invitation):
    draft = services.start_draft(invitation=invitation, mode="web", language="en")
    services.save_answer(draft=draft, question_pk=survey.q["repair"].pk, value="yes")

    services.enter_paper_response(
        survey=survey,
        by=cast.people["staff"],
        answers={str(survey.q["repair"].pk): "no"},
        invitation=invitation,
    )
    assert not Draft.objects.exists()
    assert Answer.objects.get().value == "no"


def test_a_named_surveys_response_keeps_who_entered_it(cast, survey, invitation):
    Survey.objects.filter(pk=survey.pk).update(anonymity=Survey.Anonymity.NAMED)
    survey.refresh_from_db()
    answers = {str(survey.q["repair"].pk): "no"}

    response = services.enter_paper_response(
        survey=survey, by=cast.people["staff"], answers=answers, invitation=invitation
    )

    assert response.entered_by == cast.people["staff"]
