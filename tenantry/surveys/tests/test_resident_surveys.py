"""A resident sees their household's open surveys on their account and answers them through the
same pages as the code on their letter; an anonymous survey stays anonymous."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.organisations.models import AuditEntry
from tenantry.surveys import codes, services
from tenantry.surveys.models import Draft, Invitation, Response, Survey
from tenantry.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory


def make_survey(cast, **fields) -> Survey:
    values = {"organisation": cast.tmo, "status": Survey.Status.OPEN, "title": "Bins survey"}
    survey = SurveyFactory(**(values | fields))
    survey.often = QuestionFactory(survey=survey, kind="yes_no", text="Emptied every week?")
    return survey


def invite(cast, survey) -> Invitation:
    return InvitationFactory(survey=survey, household=cast.home.households.get())


def mine(cast, name="my-surveys", *args) -> str:
    return reverse(f"surveys:{name}", args=[cast.tmo.slug, *args])


@pytest.fixture
def resident(cast, client_as):
    return client_as(cast.people["resident"])


def test_the_account_lists_the_households_open_surveys(cast, resident):
    invite(cast, make_survey(cast, title="Bins survey"))
    invite(cast, make_survey(cast, title="Closed one", status=Survey.Status.CLOSED))
    invite(cast, make_survey(cast, title="Draft one", status=Survey.Status.DRAFT))
    tomorrow = timezone.localdate() + timedelta(days=1)
    invite(cast, make_survey(cast, title="Not open yet", opens_on=tomorrow))
    make_survey(cast, title="Not invited")  # a sample that left this household out
    other_home = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN, title="Others")
    InvitationFactory(survey=other_home)

    page = resident.get(mine(cast)).content.decode()

    assert "Bins survey" in page
    for hidden in ("Closed one", "Draft one", "Not open yet", "Not invited", "Others"):
        assert hidden not in page
    home = resident.get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
    assert "Have your say" in home.content.decode()
    assert "Bins survey" in home.content.decode()


def test_answering_from_the_account_goes_through_the_households_own_link(cast, resident):
    survey = make_survey(cast)
    invitation = invite(cast, survey)

    response = resident.get(mine(cast, "answer-my-survey", survey.pk))

    code = codes.normalise(services.invitation_code(invitation))
    assert response.status_code == 302
    assert response.url == reverse("survey:start", args=[cast.tmo.slug, code])


def test_an_anonymous_survey_answered_from_the_account_keeps_no_link_to_the_person(cast, resident):
    survey = make_survey(cast, anonymity=Survey.Anonymity.ANONYMOUS)
    invitation = invite(cast, survey)
    entries_before = AuditEntry.objects.count()

    start = resident.get(mine(cast, "answer-my-survey", survey.pk)).url
    resident.post(start, {"language": "en"})
    code = codes.normalise(services.invitation_code(invitation))
    resident.post(
        reverse("survey:question", args=[cast.tmo.slug, code, survey.often.pk]), {"answer": "yes"}
    )
    resident.post(reverse("survey:check", args=[cast.tmo.slug, code]))

    response = Response.objects.get()
    assert response.household is None
    assert response.entered_by is None
    assert response.submitted_on == timezone.localdate()
    assert not Draft.objects.exists()
    assert AuditEntry.objects.count() == entries_before  # answering is never recorded
    invitation.refresh_from_db()
    assert invitation.responses == 1
    page = resident.get(mine(cast)).content.decode()
    assert "Your household has answered" in page
    assert "answer-my-survey" not in page


def test_a_survey_begun_says_carry_on(cast, resident):
    survey = make_survey(cast)
    services.start_draft(invitation=invite(cast, survey), mode="web", language="en")

    assert "Carry on answering" in resident.get(mine(cast)).content.decode()


def test_a_survey_the_household_was_not_invited_to_is_not_found(cast, resident):
    survey = make_survey(cast)
    assert resident.get(mine(cast, "answer-my-survey", survey.pk)).status_code == 404


def test_another_organisations_survey_is_not_found(cast, resident):
    theirs = SurveyFactory(organisation=cast.other_tmo, status=Survey.Status.OPEN)
    InvitationFactory(survey=theirs, household=cast.home.households.get())
    assert resident.get(mine(cast, "answer-my-survey", theirs.pk)).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("outsider", 404)])
def test_staff_and_outsiders_do_not_reach_a_residents_surveys(cast, client_as, who, status):
    assert client_as(cast.people[who]).get(mine(cast)).status_code == status


def test_the_list_takes_the_same_queries_however_many_surveys(
    cast, resident, django_assert_num_queries
):
    invite(cast, make_survey(cast))
    resident.get(mine(cast))
    # session, user, organisation, roles; the invitations with their surveys.
    with django_assert_num_queries(5):
        resident.get(mine(cast))
    for n in range(3):
        invite(cast, make_survey(cast, title=f"Survey {n}"))
    with django_assert_num_queries(5):
        resident.get(mine(cast))
