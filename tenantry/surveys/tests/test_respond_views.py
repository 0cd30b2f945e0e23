"""A resident answering through their household's link: a code typed or scanned, one question
a page, saved as they go, checked, sent once; in English, Welsh or a right-to-left language."""

import pytest
from django.urls import reverse

from tenantry.surveys import codes, services
from tenantry.surveys.models import Draft, Invitation, Response, Survey
from tenantry.surveys.tests.factories import (
    InvitationFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
)


@pytest.fixture
def survey(cast):
    survey = SurveyFactory(
        organisation=cast.tmo,
        status=Survey.Status.OPEN,
        title="Bins survey",
        title_translations={"cy": "Arolwg biniau", "ar": "استطلاع"},
        intro="Tell us about the bins.\n\nIt takes a minute.",
        languages=["cy", "ar"],
    )
    section = SectionFactory(survey=survey, title="Bins", title_translations={"cy": "Biniau"})
    survey.often = QuestionFactory(
        survey=survey, section=section, kind="yes_no", text="Are they emptied every week?",
        text_translations={"cy": "Ydyn nhw’n cael eu gwagio bob wythnos?", "ar": "هل تُفرغ؟"},
    )  # fmt: skip
    survey.why = QuestionFactory(
        survey=survey, section=section, kind="text", text="What goes wrong?",
        show_if_question=survey.often, show_if_values=["no"],
    )  # fmt: skip
    survey.rating = QuestionFactory(
        survey=survey, section=section, kind="satisfaction", text="How satisfied are you?"
    )
    return survey


@pytest.fixture
def invitation(survey, cast) -> Invitation:
    return InvitationFactory(survey=survey, household=cast.home.households.get())


@pytest.fixture
def code(invitation) -> str:
    return codes.normalise(services.invitation_code(invitation))


@pytest.fixture
def anonymous(client_as):
    return client_as(None)


def _url(cast, name, *args):
    return reverse(f"survey:{name}", args=[cast.tmo.slug, *args])


def test_a_typed_code_leads_to_the_survey(cast, anonymous, invitation, code):
    typed = services.invitation_code(invitation).lower()

    response = anonymous.post(_url(cast, "enter-code"), {"code": typed})

    assert response.status_code == 302
    assert response.url == _url(cast, "start", code)


def test_a_wrong_code_says_so_and_keeps_what_was_typed(cast, anonymous):
    response = anonymous.post(_url(cast, "enter-code"), {"code": "ABCD-EFGH-JKLM"})

    assert response.status_code == 400
    assert "We cannot find that code" in response.content.decode()
    assert 'value="ABCD-EFGH-JKLM"' in response.content.decode()


def test_many_wrong_codes_from_one_place_are_slowed_down(cast, anonymous, code):
    for _ in range(20):
        anonymous.post(_url(cast, "enter-code"), {"code": "ABCD-EFGH-JKLM"})

    response = anonymous.post(_url(cast, "enter-code"), {"code": code})
    assert response.status_code == 429
    assert anonymous.get(_url(cast, "start", code)).status_code == 429


def test_behind_a_trusted_proxy_one_clients_wrong_codes_do_not_lock_out_another(
    cast, anonymous, code, settings
):
    # All requests come from the load balancer; it appends the address it saw to
    # X-Forwarded-For, after whatever the client itself sent (here, a forged address).
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    guesser = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.20, 203.0.113.7"}
    for _ in range(20):
        anonymous.post(_url(cast, "enter-code"), {"code": "ABCD-EFGH-JKLM"}, **guesser)
    assert anonymous.post(_url(cast, "enter-code"), {"code": code}, **guesser).status_code == 429

    # A resident at the address the guesser forged still gets in.
    resident = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    response = anonymous.post(_url(cast, "enter-code"), {"code": code}, **resident)

    assert response.status_code == 302
    assert response.url == _url(cast, "start", code)


def test_a_link_with_an_unknown_code_is_not_found(cast, anonymous):
    response = anonymous.get(_url(cast, "start", "ABCDEFGHJKLM"))
    assert response.status_code == 404
    assert "We cannot find that survey link" in response.content.decode()


def test_a_code_works_only_under_its_own_organisation(cast, anonymous, code):
    wrong = reverse("survey:start", args=[cast.other_tmo.slug, code])
    assert anonymous.get(wrong).status_code == 404


def test_the_start_page_offers_the_languages_named_in_themselves(cast, anonymous, code):
    page = anonymous.get(_url(cast, "start", code)).content.decode()

    assert "Bins survey" in page and "Tell us about the bins." in page
    assert 'lang="cy"' in page and "Cymraeg" in page
    assert 'lang="ar" dir="rtl"' in page
    assert "Your answers are anonymous" in page


def test_starting_in_welsh_shows_the_questions_in_welsh(cast, anonymous, code, survey):
    response = anonymous.post(_url(cast, "start", code), {"language": "cy"})

    assert response.url == _url(cast, "question", code, survey.often.pk)
    page = anonymous.get(response.url).content.decode()
    assert "Ydyn nhw’n cael eu gwagio bob wythnos?" in page
    assert "Biniau" in page
    assert '<html lang="cy"' in page  # the page's own words in Welsh too


def test_a_right_to_left_language_is_set_right_to_left(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "ar"})

    page = anonymous.get(_url(cast, "question", code, survey.often.pk)).content.decode()

    assert 'lang="ar" dir="rtl"' in page
    assert "هل تُفرغ؟" in page
    assert "استطلاع" in page  # the title too


def test_each_answer_is_saved_before_the_next_question(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "en"})

    response = anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "no"})

    assert response.url == _url(cast, "question", code, survey.why.pk)
    assert Draft.objects.get().answers == {str(survey.often.pk): "no"}


def test_a_question_without_an_answer_is_shown_again_with_an_error(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "en"})

    response = anonymous.post(_url(cast, "question", code, survey.often.pk), {})

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Select an answer." in page
    assert 'href="#id_answer_0"' in page


def test_a_filtered_question_is_skipped(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "en"})

    response = anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "yes"})
    assert response.url == _url(cast, "question", code, survey.rating.pk)
    # Opening the skipped question's address moves on to the next one shown.
    skipped = anonymous.get(_url(cast, "question", code, survey.why.pk))
    assert skipped.url == _url(cast, "question", code, survey.rating.pk)


def test_coming_back_continues_where_it_stopped(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "cy"})
    anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "yes"})

    page = anonymous.get(_url(cast, "start", code)).content.decode()
    assert "Mae eich atebion hyd yma wedi’u cadw" in page  # in Welsh, as chosen
    assert 'value="cy" checked' in page  # the language chosen before

    response = anonymous.post(_url(cast, "start", code), {"language": "cy"})
    assert response.url == _url(cast, "question", code, survey.rating.pk)


def test_check_send_and_thank_you(cast, anonymous, code, survey, invitation):
    anonymous.post(_url(cast, "start", code), {"language": "en"})
    anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "no"})
    anonymous.post(_url(cast, "question", code, survey.why.pk), {"answer": "Foxes"})
    last = anonymous.post(
        _url(cast, "question", code, survey.rating.pk), {"answer": "very_dissatisfied"}
    )
    assert last.url == _url(cast, "check", code)

    check = anonymous.get(last.url).content.decode()
    assert "Check your answers" in check and "Foxes" in check and "Very dissatisfied" in check

    sent = anonymous.post(_url(cast, "check", code))
    assert sent.url == _url(cast, "done", code) + "?language=en"
    assert "Your answers have been sent" in anonymous.get(sent.url).content.decode()
    response = Response.objects.get()
    assert (response.mode, response.household) == ("web", None)
    assert response.answers.count() == 3


def test_changing_an_answer_from_the_check_page_returns_to_it(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "en"})
    anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "yes"})

    response = anonymous.post(
        _url(cast, "question", code, survey.often.pk), {"answer": "yes", "then": "check"}
    )
    assert response.url == _url(cast, "check", code)


def test_sending_with_a_question_unanswered_points_to_it(cast, anonymous, code, survey):
    anonymous.post(_url(cast, "start", code), {"language": "en"})
    anonymous.post(_url(cast, "question", code, survey.often.pk), {"answer": "yes"})

    response = anonymous.post(_url(cast, "check", code))

    assert response.status_code == 400
    assert "Answer question 3" in response.content.decode()
    assert not Response.objects.exists()


def test_a_household_that_has_answered_is_told_so(cast, anonymous, code, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(responses=1)

    page = anonymous.get(_url(cast, "start", code)).content.decode()

    assert "Your home has already answered" in page
    assert "Each household can answer this survey once" in page


def test_a_closed_survey_says_so(cast, anonymous, code, survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert "It has closed" in anonymous.get(_url(cast, "start", code)).content.decode()


def test_a_survey_not_yet_open_says_when_it_opens(cast, anonymous, code, survey):
    Survey.objects.filter(pk=survey.pk).update(opens_on="2099-01-01")
    page = anonymous.get(_url(cast, "start", code)).content.decode()
    assert "It opens on 1 January 2099" in page


def test_questions_before_starting_send_you_to_the_start(cast, anonymous, code, survey):
    response = anonymous.get(_url(cast, "question", code, survey.often.pk))
    assert response.url == _url(cast, "start", code)


def test_survey_pages_are_never_cached(cast, anonymous, code):
    response = anonymous.get(_url(cast, "start", code))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def _answer_and_send(client, cast, code, survey, language="en"):
    client.post(_url(cast, "start", code), {"language": language})
    client.post(_url(cast, "question", code, survey.often.pk), {"answer": "yes"})
    client.post(_url(cast, "question", code, survey.rating.pk), {"answer": "neither"})
    return client.post(_url(cast, "check", code))


def test_sending_leaves_the_session_as_it_was(cast, client_as, code, survey):
    """A session saved on sending would hold the person's account beside an expiry of the
    moment of sending plus the session's age."""
    from django.contrib.sessions.models import Session

    resident = client_as(cast.people["resident"])
    resident.get(_url(cast, "start", code))
    before = {(s.session_key, s.expire_date, s.session_data) for s in Session.objects.all()}

    sent = _answer_and_send(resident, cast, code, survey, language="cy")

    assert Response.objects.count() == 1
    assert {(s.session_key, s.expire_date, s.session_data) for s in Session.objects.all()} == before
    # The thank-you page still speaks the language the answers were given in.
    assert "Diolch" in resident.get(sent.url).content.decode()


def test_sending_signed_out_makes_no_session(cast, anonymous, code, survey):
    from django.contrib.sessions.models import Session

    _answer_and_send(anonymous, cast, code, survey)

    assert Response.objects.count() == 1
    assert not Session.objects.exists()
