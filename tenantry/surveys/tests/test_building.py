"""Building a survey: questions and their answer codes, sections, order, translations, and
what can no longer change once people can answer."""

import pytest
from django.core.exceptions import ValidationError

from tenantry.surveys import services
from tenantry.surveys.models import Question, Section, Survey
from tenantry.surveys.questionnaire import Questionnaire
from tenantry.surveys.tests.factories import QuestionFactory, SectionFactory, SurveyFactory


@pytest.fixture
def survey(cast):
    return SurveyFactory(organisation=cast.tmo)


@pytest.fixture
def staff(cast):
    return cast.people["staff"]


def _new(survey, **fields) -> Question:
    return Question(survey=survey, **{"kind": "single", "text": "Which?", **fields})


def test_a_blank_survey_needs_a_title(cast, staff):
    with pytest.raises(ValidationError):
        services.create_survey(organisation=cast.tmo, by=staff, title="  ")
    survey = services.create_survey(organisation=cast.tmo, by=staff, title="Bins")
    assert (survey.title, survey.status, survey.anonymity) == ("Bins", "draft", "anonymous")


def test_choices_get_codes_from_their_words(survey, staff):
    question = services.save_question(
        question=_new(survey), by=staff, choice_labels=["Weekly", "Every two weeks", "", "Weekly"]
    )

    assert list(question.choices.values_list("value", "label")) == [
        ("weekly", "Weekly"),
        ("every-two-weeks", "Every two weeks"),
        ("weekly-2", "Weekly"),
    ]


def test_an_unchanged_choice_keeps_its_code_when_others_change(survey, staff):
    question = services.save_question(
        question=_new(survey), by=staff, choice_labels=["Weekly", "Monthly"]
    )
    question.choices.filter(value="monthly").update(label_translations={"cy": "Misol"})

    services.save_question(
        question=question, by=staff, choice_labels=["Daily", "Monthly", "Weekly"]
    )

    choices = list(question.choices.values_list("value", "label", "order"))
    assert choices == [("daily", "Daily", 0), ("monthly", "Monthly", 1), ("weekly", "Weekly", 2)]
    assert question.choices.get(value="monthly").label_translations == {"cy": "Misol"}


def test_a_choice_question_needs_two_answers(survey, staff):
    with pytest.raises(ValidationError) as error:
        services.save_question(question=_new(survey), by=staff, choice_labels=["Only one"])
    assert "at least two" in str(error.value)


def test_scales_bring_their_fixed_answers_and_ignore_typed_ones(survey, staff):
    question = services.save_question(
        question=_new(survey, kind="agreement", offers_dont_know=True),
        by=staff,
        choice_labels=["Ignored"],
    )

    assert list(question.choices.values_list("value", flat=True)) == [
        "strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know",
    ]  # fmt: skip
    assert question.choices.get(value="agree").label_translations == {"cy": "Cytuno"}


def test_dont_know_is_only_for_the_scales(survey, staff):
    question = services.save_question(
        question=_new(survey, kind="yes_no", offers_dont_know=True), by=staff
    )
    assert question.offers_dont_know is False
    assert list(question.choices.values_list("value", flat=True)) == ["yes", "no"]


def test_changing_to_a_written_answer_drops_the_choices(survey, staff):
    question = services.save_question(question=_new(survey, kind="yes_no"), by=staff)
    question.kind = "text"
    services.save_question(question=question, by=staff)
    assert question.choices.count() == 0


def test_a_question_shown_after_a_removed_answer_forgets_it(survey, staff):
    condition = services.save_question(
        question=_new(survey), by=staff, choice_labels=["Bus", "Car", "Walk"]
    )
    follow = services.save_question(
        question=_new(survey, kind="text", show_if_question=condition, show_if_values=["car"]),
        by=staff,
    )

    services.save_question(question=condition, by=staff, choice_labels=["Bus", "Walk"])

    follow.refresh_from_db()
    assert (follow.show_if_question, follow.show_if_values) == (None, [])


def test_a_question_cannot_depend_on_a_written_answer(survey, staff):
    words = QuestionFactory(survey=survey, kind="text")
    with pytest.raises(ValidationError):
        services.save_question(
            question=_new(survey, kind="text", show_if_question=words, show_if_values=["x"]),
            by=staff,
        )


def test_deleting_a_question_shows_its_dependants_to_everyone(survey, staff):
    condition = QuestionFactory(survey=survey, kind="yes_no")
    follow = QuestionFactory(
        survey=survey, kind="text", show_if_question=condition, show_if_values=["yes"]
    )

    services.delete_question(question=condition, by=staff)

    follow.refresh_from_db()
    assert (follow.show_if_question, follow.show_if_values) == (None, [])


def test_new_questions_go_to_the_end_of_their_section(survey, staff):
    section = SectionFactory(survey=survey)
    first = services.save_question(question=_new(survey, kind="text", section=section), by=staff)
    second = services.save_question(question=_new(survey, kind="text", section=section), by=staff)
    assert (first.order, second.order) == (0, 1)


def test_questions_and_sections_move_up_and_down(survey, staff):
    a, b, c = (QuestionFactory(survey=survey, order=n, text=t) for n, t in enumerate("abc"))

    services.move_question(question=c, up=True, by=staff)
    assert [item.question.text for item in Questionnaire(survey)] == ["a", "c", "b"]
    services.move_question(question=a, up=True, by=staff)  # already first: nothing moves
    assert [item.question.text for item in Questionnaire(survey)] == ["a", "c", "b"]

    one = services.save_section(section=Section(survey=survey, title="One"), by=staff)
    two = services.save_section(section=Section(survey=survey, title="Two"), by=staff)
    services.move_section(section=two, up=True, by=staff)
    assert list(survey.sections.values_list("title", flat=True)) == ["Two", "One"]
    assert one.order == 0  # as saved; the database now holds 1


def test_a_section_with_questions_cannot_be_deleted(survey, staff):
    section = SectionFactory(survey=survey)
    QuestionFactory(survey=survey, section=section)

    with pytest.raises(ValidationError):
        services.delete_section(section=section, by=staff)


def test_translations_are_kept_per_language_and_a_blank_one_removed(survey, staff):
    section = SectionFactory(survey=survey, title="Bins")
    question = QuestionFactory(survey=survey, kind="yes_no", text="Are the bins emptied?")
    yes = question.choices.get(value="yes")
    survey.title_translations = {"ar": "استبيان"}
    survey.save()

    services.save_translations(
        survey=survey,
        language="cy",
        texts={
            "title": "Arolwg",
            f"section-{section.pk}": "Biniau",
            f"question-{question.pk}": "Ydy’r biniau’n cael eu gwagio?",
            f"choice-{yes.pk}": "Ydyn",
        },
        by=staff,
    )
    services.save_translations(survey=survey, language="ar", texts={"title": ""}, by=staff)

    survey.refresh_from_db()
    question.refresh_from_db()
    assert survey.title_translations == {"cy": "Arolwg"}
    assert survey.title_in("cy") == "Arolwg" and survey.title_in("ar") == survey.title
    assert question.text_in("cy") == "Ydy’r biniau’n cael eu gwagio?"
    assert question.choices.get(value="yes").label_in("cy") == "Ydyn"
    assert question.choices.get(value="no").label_in("cy") == "No"  # untranslated: English
    assert Section.objects.get(pk=section.pk).title_in("cy") == "Biniau"


def test_a_survey_opens_only_with_questions(survey, staff):
    with pytest.raises(ValidationError):
        services.open_survey(survey=survey, by=staff)
    QuestionFactory(survey=survey, kind="yes_no")

    opened = services.open_survey(survey=survey, by=staff)
    assert opened.status == Survey.Status.OPEN
    assert services.close_survey(survey=opened, by=staff).status == Survey.Status.CLOSED


def test_questions_cannot_change_once_people_can_answer(survey, staff):
    question = QuestionFactory(survey=survey, kind="yes_no")
    services.open_survey(survey=survey, by=staff)
    survey.refresh_from_db()
    question.refresh_from_db()

    for change in (
        lambda: services.save_question(question=question, by=staff),
        lambda: services.delete_question(question=question, by=staff),
        lambda: services.move_question(question=question, up=False, by=staff),
        lambda: services.save_section(section=Section(survey=survey, title="x"), by=staff),
    ):
        with pytest.raises(ValidationError):
            change()
    services.save_translations(survey=survey, language="cy", texts={"title": "Arolwg"}, by=staff)


def test_anonymity_cannot_change_once_people_can_answer(survey, staff):
    QuestionFactory(survey=survey, kind="yes_no")
    survey = services.open_survey(survey=survey, by=staff)
    survey.anonymity = Survey.Anonymity.NAMED

    with pytest.raises(ValidationError):
        services.save_survey(survey=survey, by=staff)


def test_confidential_viewers_are_kept_only_for_a_confidential_survey(survey, staff, cast):
    survey.anonymity = Survey.Anonymity.CONFIDENTIAL
    services.save_survey(survey=survey, by=staff, viewers=[staff])
    assert list(survey.confidential_viewers.all()) == [staff]

    survey.anonymity = Survey.Anonymity.NAMED
    services.save_survey(survey=survey, by=staff, viewers=[staff])
    assert list(survey.confidential_viewers.all()) == []


def test_languages_are_kept_without_english_or_repeats(survey, staff):
    survey.languages = ["cy", "en", "ar", "cy"]
    services.save_survey(survey=survey, by=staff)
    assert survey.languages == ["ar", "cy"]
    assert survey.language_codes() == ["en", "ar", "cy"]


def test_a_survey_anyone_has_answered_cannot_be_deleted(survey, staff):
    from tenantry.surveys.tests.factories import ResponseFactory

    ResponseFactory(survey=survey)
    with pytest.raises(ValidationError):
        services.delete_survey(survey=survey, by=staff)
