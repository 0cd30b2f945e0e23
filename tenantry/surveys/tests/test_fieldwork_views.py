"""Fieldwork: the invited households, an interview entered answer by answer on a phone, paper
forms keyed in, and letters with each household's code and QR code."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tenantry.homes.tests.factories import ResidentFactory
from tenantry.surveys import pdf, services
from tenantry.surveys.models import Draft, Invitation, Response, Survey
from tenantry.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory


@pytest.fixture
def survey(cast):
    survey = SurveyFactory(
        organisation=cast.tmo, status=Survey.Status.OPEN, title="Bins", languages=["cy"]
    )
    survey.often = QuestionFactory(
        survey=survey, kind="yes_no", text="Are they emptied every week?", code="OFTEN"
    )
    survey.note = QuestionFactory(survey=survey, kind="text", text="Anything else?", required=False)
    return survey


@pytest.fixture
def invitation(survey, cast) -> Invitation:
    return InvitationFactory(survey=survey, household=cast.home.households.get())


@pytest.fixture
def staff(cast, client_as):
    return client_as(cast.people["staff"])


def _url(cast, name, *args):
    return reverse(f"surveys:{name}", args=[cast.tmo.slug, *args])


def test_the_households_list_shows_who_has_answered(cast, staff, survey, invitation):
    page = staff.get(_url(cast, "households", survey.pk)).content.decode()
    assert "1 Mill Road" in page and "Not yet" in page

    Invitation.objects.filter(pk=invitation.pk).update(responses=1)
    answered = staff.get(_url(cast, "households", survey.pk), {"status": "answered"})
    assert "1 Mill Road" in answered.content.decode()
    waiting = staff.get(_url(cast, "households", survey.pk), {"status": "waiting"})
    assert "1 Mill Road" not in waiting.content.decode()


def test_needs_and_languages_show_only_to_those_who_may_see_households(
    cast, client_as, survey, invitation
):
    household = invitation.household
    ResidentFactory(household=household, needs_large_print=True, language="pl")

    staff_page = client_as(cast.people["staff"]).get(_url(cast, "households", survey.pk))
    assert "Kingsmead Estate · large print, Polish" in staff_page.content.decode()
    committee_page = client_as(cast.people["committee"]).get(_url(cast, "households", survey.pk))
    assert "Kingsmead Estate</span>" in committee_page.content.decode()
    assert "Polish" not in committee_page.content.decode()


def test_an_interview_saves_each_answer_and_records_how_it_was_done(
    cast, staff, survey, invitation
):
    start = staff.post(
        _url(cast, "interview", survey.pk, invitation.pk), {"mode": "phone", "language": "en"}
    )
    first = _url(cast, "interview-question", survey.pk, invitation.pk, survey.often.pk)
    assert start.url == first
    page = staff.get(first).content.decode()
    assert "Are they emptied every week?" in page and "Each answer is saved as you go" in page

    staff.post(first, {"answer": "no"})
    assert Draft.objects.get().answers == {str(survey.often.pk): "no"}
    # The phone signal drops; starting again carries on from the next question.
    again = staff.post(
        _url(cast, "interview", survey.pk, invitation.pk), {"mode": "phone", "language": "en"}
    )
    assert again.url == _url(cast, "interview-question", survey.pk, invitation.pk, survey.note.pk)

    staff.post(again.url, {"answer": ""})
    sent = staff.post(_url(cast, "interview-check", survey.pk, invitation.pk))

    assert sent.url == _url(cast, "households", survey.pk)
    response = Response.objects.get()
    # The survey is anonymous: the interviewer is not kept on the response.
    assert (response.mode, response.entered_by) == ("phone", None)


def test_an_interview_shows_the_questions_in_the_residents_language(
    cast, staff, survey, invitation
):
    survey.often.text_translations = {"cy": "Ydyn nhw’n cael eu gwagio bob wythnos?"}
    survey.often.save()
    staff.post(
        _url(cast, "interview", survey.pk, invitation.pk), {"mode": "door", "language": "cy"}
    )

    page = staff.get(
        _url(cast, "interview-question", survey.pk, invitation.pk, survey.often.pk)
    ).content.decode()

    assert "Ydyn nhw’n cael eu gwagio bob wythnos?" in page


def test_a_household_that_answered_cannot_be_interviewed_again(cast, staff, survey, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(responses=1)

    response = staff.get(_url(cast, "interview", survey.pk, invitation.pk), follow=True)

    assert "already answered this survey" in response.content.decode()


def test_interviews_wait_until_the_survey_is_open(cast, staff, survey, invitation):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    response = staff.get(_url(cast, "interview", survey.pk, invitation.pk))
    assert response.url == _url(cast, "households", survey.pk)


def test_paper_is_keyed_in_with_the_households_code(cast, staff, survey, invitation):
    code = services.invitation_code(invitation)

    response = staff.post(
        _url(cast, "paper", survey.pk),
        {"code": code.lower(), f"q-{survey.often.pk}": "yes", "language": "cy"},
    )

    assert response.url == _url(cast, "paper", survey.pk)
    saved = Response.objects.get()
    assert (saved.mode, saved.language, saved.estate) == ("paper", "cy", cast.estate)


def test_a_second_paper_form_from_a_household_is_refused_clearly(cast, staff, survey, invitation):
    code = services.invitation_code(invitation)
    fields = {"code": code, f"q-{survey.often.pk}": "yes"}
    staff.post(_url(cast, "paper", survey.pk), fields)

    response = staff.post(_url(cast, "paper", survey.pk), fields)

    assert response.status_code == 400
    page = response.content.decode()
    assert "This household has already answered this survey" in page
    assert f'value="{code}"' in page  # what was typed is kept
    assert Response.objects.count() == 1


def test_paper_needs_a_code_that_belongs_to_the_survey(cast, staff, survey):
    missing = staff.post(_url(cast, "paper", survey.pk), {f"q-{survey.often.pk}": "yes"})
    assert "Enter the household" in missing.content.decode()

    other = InvitationFactory(survey=SurveyFactory(organisation=cast.tmo))
    wrong = staff.post(
        _url(cast, "paper", survey.pk),
        {"code": services.invitation_code(other), f"q-{survey.often.pk}": "yes"},
    )
    assert "No household invited to this survey has that code." in wrong.content.decode()
    assert not Response.objects.exists()


def test_letters_carry_each_households_code_and_link(cast, survey, invitation):
    content = pdf.letters_pdf(survey=survey, invitations=[invitation], site="https://example.org")

    assert content.startswith(b"%PDF")


def test_a_letter_is_in_large_print_and_welsh_when_the_household_needs_it(cast, survey, invitation):
    ResidentFactory(household=invitation.household, language="cy", needs_large_print=True)
    survey.title_translations = {"cy": "Arolwg biniau"}
    survey.save()
    captured = {}

    def capture(template, context):
        captured["html"] = render_to_string(template, context)
        return b"%PDF"

    original, pdf._pdf = pdf._pdf, capture
    try:
        pdf.letters_pdf(survey=survey, invitations=[invitation], site="https://example.org")
    finally:
        pdf._pdf = original

    html = captured["html"]
    code = services.invitation_code(invitation)
    assert 'class="letter large"' in html and 'lang="cy"' in html
    assert "Arolwg biniau" in html and code in html
    assert f"https://example.org/survey/{cast.tmo.slug}/" in html
    assert 'src="data:image/svg+xml' in html  # the QR code


def test_no_letters_when_every_household_has_answered(cast, staff, survey, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(responses=1)
    response = staff.post(_url(cast, "letters", survey.pk))
    assert response.url == _url(cast, "households", survey.pk)


def _begin_online(survey, invitation, note: str) -> Draft:
    draft = services.start_draft(invitation=invitation, mode="web", language="en")
    services.save_answer(draft=draft, question_pk=survey.often.pk, value="no")
    return services.save_answer(draft=draft, question_pk=survey.note.pk, value=note)


def test_an_anonymous_surveys_online_answers_never_show_in_an_interview(
    cast, client_as, survey, invitation
):
    _begin_online(survey, invitation, "The man at number 3 is a nuisance")
    committee = client_as(cast.people["committee"])
    args = [survey.pk, invitation.pk]

    check = committee.get(_url(cast, "interview-check", *args), follow=True)
    page = check.content.decode()

    assert check.redirect_chain[-1][0] == _url(cast, "interview", *args)
    assert "This household has started answering online." in page
    assert "nuisance" not in page and "saved already" not in page
    # Starting the interview gives the interviewer a draft of their own, empty.
    committee.post(_url(cast, "interview", *args), {"mode": "door", "language": "en"})
    page = committee.get(_url(cast, "interview-check", *args)).content.decode()
    assert "Check your answers" in page and "This household has started answering online." in page
    assert "nuisance" not in page
    question = committee.get(_url(cast, "interview-question", *args, survey.note.pk))
    assert "nuisance" not in question.content.decode()
    # Another interviewer does not open the first one's draft either.
    committee.post(_url(cast, "interview-question", *args, survey.often.pk), {"answer": "yes"})
    staff = client_as(cast.people["staff"])
    assert "saved already" not in staff.get(_url(cast, "interview", *args)).content.decode()


@pytest.mark.parametrize("anonymity", [Survey.Anonymity.NAMED, Survey.Anonymity.CONFIDENTIAL])
def test_a_named_or_confidential_interview_carries_on_what_was_begun_online(
    cast, staff, survey, invitation, anonymity
):
    Survey.objects.filter(pk=survey.pk).update(anonymity=anonymity)
    _begin_online(survey, invitation, "Bins left open")

    page = staff.get(_url(cast, "interview", survey.pk, invitation.pk)).content.decode()

    assert "2 answers are saved already" in page
    assert "started answering online" not in page
