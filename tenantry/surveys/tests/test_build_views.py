"""The builder's pages: creating from a template, settings, questions with their rules,
translations, the preview, whom to invite, opening and closing."""

import pytest
from django.urls import reverse

from tenantry.surveys.models import Question, Survey
from tenantry.surveys.tests.factories import QuestionFactory, SurveyFactory


@pytest.fixture
def staff(cast, client_as):
    return client_as(cast.people["staff"])


@pytest.fixture
def survey(cast):
    return SurveyFactory(organisation=cast.tmo, title="Bins", languages=["cy"])


def _url(cast, name, *args):
    return reverse(f"surveys:{name}", args=[cast.tmo.slug, *args])


def test_creating_from_the_tsm_template(cast, staff):
    response = staff.post(
        _url(cast, "create-survey"), {"template": "tsm", "name": "Northbrook Council"}
    )

    survey = Survey.objects.get()
    assert response.url == survey.get_absolute_url()
    assert survey.questions.filter(code__startswith="TP").count() == 12
    assert "Northbrook Council" in survey.questions.get(code="TP01").text


def test_a_blank_survey_needs_a_title_and_the_form_keeps_what_was_typed(cast, staff):
    response = staff.post(_url(cast, "create-survey"), {"template": "", "name": "Us"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a title for the survey." in page and 'value="Us"' in page


def test_the_list_shows_each_survey_with_its_counts(cast, staff, survey, django_assert_num_queries):
    SurveyFactory(organisation=cast.tmo, title="Parking")
    SurveyFactory(organisation=cast.other_tmo, title="Not ours")

    # session, user, organisation, roles, then the surveys; the menu's count of new repair reports
    with django_assert_num_queries(6):
        page = staff.get(_url(cast, "surveys")).content.decode()

    assert "Bins" in page and "Parking" in page and "Not ours" not in page


def test_another_organisations_survey_is_not_found(cast, staff):
    elsewhere = SurveyFactory(organisation=cast.other_tmo)
    assert staff.get(_url(cast, "survey", elsewhere.pk)).status_code == 404
    assert staff.get(_url(cast, "questions", elsewhere.pk)).status_code == 404


def test_settings_save_and_a_confidential_survey_needs_named_staff(cast, staff, survey):
    fields = {
        "title": "Bins survey",
        "intro": "",
        "anonymity": "confidential",
        "one_response_per_household": "on",
        "languages": ["cy", "ar"],
    }
    refused = staff.post(_url(cast, "edit-survey", survey.pk), fields)
    assert refused.status_code == 400
    assert "Choose who may see who answered" in refused.content.decode()

    saved = staff.post(
        _url(cast, "edit-survey", survey.pk),
        {**fields, "confidential_viewers": [cast.people["staff"].pk]},
    )
    assert saved.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.anonymity, survey.languages) == (
        "Bins survey",
        "confidential",
        ["ar", "cy"],
    )
    assert list(survey.confidential_viewers.all()) == [cast.people["staff"]]


def test_adding_a_question_with_choices_and_a_rule(cast, staff, survey):
    condition = QuestionFactory(survey=survey, kind="yes_no", text="Do you drive?")

    response = staff.post(
        _url(cast, "add-question", survey.pk),
        {
            "text": "Where do you park?",
            "kind": "single",
            "choices": "On the street\nIn a garage\n",
            "required": "on",
            "show_if": [f"{condition.pk}:yes"],
        },
    )

    assert response.status_code == 302
    question = survey.questions.get(text="Where do you park?")
    assert list(question.choices.values_list("value", flat=True)) == [
        "on-the-street",
        "in-a-garage",
    ]
    assert (question.show_if_question, question.show_if_values) == (condition, ["yes"])


def test_a_rule_on_two_questions_at_once_is_refused(cast, staff, survey):
    one = QuestionFactory(survey=survey, kind="yes_no")
    two = QuestionFactory(survey=survey, kind="yes_no")

    response = staff.post(
        _url(cast, "add-question", survey.pk),
        {"text": "x", "kind": "text", "show_if": [f"{one.pk}:yes", f"{two.pk}:no"]},
    )

    assert response.status_code == 400
    assert "Tick answers of one earlier question only." in response.content.decode()


def test_the_questions_page_says_when_a_question_is_shown(cast, staff, survey):
    condition = QuestionFactory(survey=survey, kind="yes_no", text="Do you drive?")
    QuestionFactory(
        survey=survey,
        kind="text",
        text="Where?",
        show_if_question=condition,
        show_if_values=["yes"],
    )

    page = staff.get(_url(cast, "questions", survey.pk)).content.decode()

    assert "Only shown if" in page and "the answer to question 1 is “Yes”" in page


def test_an_open_surveys_questions_cannot_be_edited(cast, staff, survey):
    question = QuestionFactory(survey=survey, kind="yes_no")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)

    response = staff.post(
        _url(cast, "edit-question", survey.pk, question.pk), {"text": "Changed", "kind": "text"}
    )

    assert response.url == _url(cast, "questions", survey.pk)
    question.refresh_from_db()
    assert question.text != "Changed"


def test_moving_a_question(cast, staff, survey):
    first = QuestionFactory(survey=survey, order=0)
    second = QuestionFactory(survey=survey, order=1)

    staff.post(_url(cast, "move", survey.pk), {"question": second.pk, "direction": "up"})

    assert list(survey.questions.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_translating_into_welsh(cast, staff, survey):
    question = QuestionFactory(survey=survey, kind="yes_no", text="Do you drive?")
    yes = question.choices.get(value="yes")

    page = staff.get(_url(cast, "translate", survey.pk, "cy")).content.decode()
    assert 'lang="cy"' in page and "Do you drive?" in page

    staff.post(
        _url(cast, "translate", survey.pk, "cy"),
        {
            "title": "Biniau",
            f"question-{question.pk}": "Ydych chi’n gyrru?",
            f"choice-{yes.pk}": "Ydw",
        },
    )

    question.refresh_from_db()
    assert question.text_translations == {"cy": "Ydych chi’n gyrru?"}
    listing = staff.get(_url(cast, "translations", survey.pk)).content.decode()
    assert "3 of 4 texts" in listing  # title, question, yes; not "no"


def test_a_language_the_survey_does_not_offer_cannot_be_translated(cast, staff, survey):
    assert staff.get(_url(cast, "translate", survey.pk, "ar")).status_code == 404


def test_an_arabic_translation_is_typed_right_to_left(cast, staff, survey):
    Survey.objects.filter(pk=survey.pk).update(languages=["ar"])
    page = staff.get(_url(cast, "translate", survey.pk, "ar")).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page


def test_the_preview_shows_what_residents_see_and_saves_nothing(cast, staff, survey):
    question = QuestionFactory(survey=survey, kind="yes_no", text="Do you drive?")

    start = staff.post(_url(cast, "preview", survey.pk), {"language": "en"})
    assert start.url == _url(cast, "preview-question", survey.pk, question.pk)
    page = staff.get(start.url).content.decode()
    assert "Do you drive?" in page and "Nothing you answer here is saved" in page

    answered = staff.post(start.url, {"answer": "yes"})
    assert answered.url == _url(cast, "preview-check", survey.pk)
    assert "Finish the preview" in staff.get(answered.url).content.decode()
    finished = staff.post(answered.url)
    assert finished.url == _url(cast, "questions", survey.pk)
    assert not survey.responses.exists() and not survey.invitations.exists()


def test_the_invite_page_works_out_the_sample_needed(cast, staff, survey):
    page = staff.get(_url(cast, "invite", survey.pk), {"margin": "0.05"}).content.decode()

    # 1 household: n₀ = 384.16; 384.16 / (1 + 384.16 / 1) = 0.997…, so 1 answer.
    assert "1 household lives in the homes you manage." in page
    assert "1 answers for ±5%" in page
    assert "at least 1 answers" in page


def test_inviting_a_sample_from_the_page(cast, staff, survey):
    response = staff.post(
        _url(cast, "invite", survey.pk), {"how": "sample", "sample_size": "1", "seed": "9"}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.sample_size, survey.sample_seed, survey.invitations.count()) == (1, 9, 1)


def test_a_sample_needs_a_size(cast, staff, survey):
    response = staff.post(_url(cast, "invite", survey.pk), {"how": "sample"})
    assert response.status_code == 400
    assert "Enter how many households to sample." in response.content.decode()


def test_opening_needs_questions_and_then_closing_works(cast, staff, survey):
    staff.post(_url(cast, "change-status", survey.pk), {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == "draft"

    QuestionFactory(survey=survey, kind="yes_no")
    staff.post(_url(cast, "change-status", survey.pk), {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == "open"
    staff.post(_url(cast, "change-status", survey.pk), {"action": "close"})
    survey.refresh_from_db()
    assert survey.status == "closed"


def test_deleting_a_draft_survey(cast, staff, survey):
    response = staff.post(_url(cast, "delete-survey", survey.pk))
    assert response.url == _url(cast, "surveys")
    assert not Survey.objects.exists()


def test_the_landlord_sees_surveys_but_cannot_change_them(cast, client_as, survey):
    landlord = client_as(cast.people["landlord_officer"])
    page = landlord.get(_url(cast, "survey", survey.pk)).content.decode()

    assert "Bins" in page
    assert "Open the survey" not in page and "Settings" not in page
    assert (
        landlord.post(_url(cast, "change-status", survey.pk), {"action": "open"}).status_code == 403
    )


def test_the_questionnaire_prints_as_a_pdf_in_large_print(cast, staff, survey):
    QuestionFactory(survey=survey, kind="satisfaction", text="How satisfied are you?")

    response = staff.get(_url(cast, "questionnaire-pdf", survey.pk), {"size": "large"})

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="bins-en-large-print.pdf"' in response["Content-Disposition"]


def test_a_question_kind_is_chosen_from_the_real_kinds(cast, staff, survey):
    page = staff.get(_url(cast, "add-question", survey.pk)).content.decode()
    assert "Select an option" not in page
    assert all(str(label) in page for _value, label in Question.Kind.choices)


def test_only_earlier_questions_can_decide_whether_a_question_is_shown(cast, staff, survey):
    first = QuestionFactory(survey=survey, kind="yes_no", text="First?", order=0)
    second = QuestionFactory(survey=survey, kind="yes_no", text="Second?", order=1)

    page = staff.get(_url(cast, "edit-question", survey.pk, first.pk)).content.decode()
    assert f'value="{second.pk}:yes"' not in page
    page = staff.get(_url(cast, "edit-question", survey.pk, second.pk)).content.decode()
    assert f'value="{first.pk}:yes"' in page
