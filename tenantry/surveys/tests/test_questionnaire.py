"""Moving through a survey: which questions show, where to go next, what is still missing."""

import pytest

from tenantry.surveys.questionnaire import Questionnaire, clean_value
from tenantry.surveys.tests.factories import QuestionFactory, SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    """1 repair? (yes/no) → 2 repairs rating, only if yes → 3 why (any of), only if 2 is
    dissatisfied → 4 a number, optional; section "Later" holds 5, which sits first in order
    within its section but comes after the unsectioned questions."""
    survey = SurveyFactory()
    later = SectionFactory(survey=survey, title="Later", order=1)
    first = SectionFactory(survey=survey, title="First", order=0)
    repair = QuestionFactory(survey=survey, section=first, kind="yes_no", order=0)
    rating = QuestionFactory(
        survey=survey, section=first, kind="satisfaction", order=1,
        show_if_question=repair, show_if_values=["yes"],
    )  # fmt: skip
    why = QuestionFactory(
        survey=survey, section=first, kind="multiple", order=2,
        choices=[("slow", "Slow"), ("rude", "Rude"), ("other", "Other")],
        show_if_question=rating, show_if_values=["fairly_dissatisfied", "very_dissatisfied"],
    )  # fmt: skip
    count = QuestionFactory(survey=survey, section=first, kind="number", order=3, required=False)
    last = QuestionFactory(survey=survey, section=later, kind="text", order=0)
    survey.q = [repair, rating, why, count, last]
    return survey


def _keys(items):
    return [item.question.pk for item in items]


def test_questions_are_numbered_in_section_order_then_question_order(survey):
    questionnaire = Questionnaire(survey)

    assert _keys(questionnaire) == [q.pk for q in survey.q]
    assert [item.number for item in questionnaire] == [1, 2, 3, 4, 5]
    assert questionnaire.items[0].section.title == "First"


def test_a_question_shows_only_after_the_answer_it_depends_on(survey):
    repair, rating, why, count, last = survey.q
    questionnaire = Questionnaire(survey)

    assert _keys(questionnaire.visible({})) == [repair.pk, count.pk, last.pk]
    no = {str(repair.pk): "no"}
    assert _keys(questionnaire.visible(no)) == [repair.pk, count.pk, last.pk]
    yes = {str(repair.pk): "yes"}
    assert _keys(questionnaire.visible(yes)) == [repair.pk, rating.pk, count.pk, last.pk]
    unhappy = {**yes, str(rating.pk): "very_dissatisfied"}
    assert why.pk in _keys(questionnaire.visible(unhappy))


def test_a_question_hidden_by_a_changed_answer_hides_those_depending_on_it(survey):
    repair, rating, why, count, last = survey.q
    questionnaire = Questionnaire(survey)
    answers = {str(repair.pk): "no", str(rating.pk): "very_dissatisfied", str(why.pk): ["slow"]}

    assert _keys(questionnaire.visible(answers)) == [repair.pk, count.pk, last.pk]
    assert questionnaire.final(answers) == {str(repair.pk): "no"}


def test_next_and_previous_skip_hidden_questions(survey):
    repair, rating, why, count, last = survey.q
    questionnaire = Questionnaire(survey)
    items = {item.question.pk: item for item in questionnaire}
    no = {str(repair.pk): "no"}

    assert questionnaire.next_item(None, no).question == repair
    assert questionnaire.next_item(items[repair.pk], no).question == count
    assert questionnaire.previous_item(items[count.pk], no).question == repair
    assert questionnaire.next_item(items[last.pk], no) is None


def test_coming_back_resumes_at_the_first_shown_question_without_an_answer(survey):
    repair, rating, why, count, last = survey.q
    questionnaire = Questionnaire(survey)

    assert questionnaire.resume_at({}).question == repair
    answers = {str(repair.pk): "yes", str(rating.pk): "fairly_satisfied"}
    assert questionnaire.resume_at(answers).question == count


def test_only_shown_required_questions_can_be_missing(survey):
    repair, rating, why, count, last = survey.q
    questionnaire = Questionnaire(survey)

    assert _keys(questionnaire.missing({str(repair.pk): "no"})) == [last.pk]  # count is optional
    assert _keys(questionnaire.missing({str(repair.pk): "yes"})) == [rating.pk, last.pk]


def test_answers_are_kept_in_a_plain_form(survey):
    repair, rating, why, count, last = survey.q
    items = {item.question.pk: item for item in Questionnaire(survey)}

    assert clean_value(items[why.pk], ["other", "slow", "slow", ""]) == ["slow", "other"]
    assert clean_value(items[why.pk], []) is None
    assert clean_value(items[count.pk], 3) == 3
    assert clean_value(items[count.pk], None) is None
    assert clean_value(items[last.pk], "  Fine thanks ") == "Fine thanks"
    assert clean_value(items[last.pk], "   ") is None


def test_answers_read_as_words_in_the_language_asked(survey):
    repair, rating, why, count, last = survey.q
    why.choices.filter(value="slow").update(label_translations={"cy": "Araf"})
    questionnaire = Questionnaire(survey)
    item = questionnaire.item(why.pk)

    assert questionnaire.answer_text(item, ["slow", "rude"], "en") == "Slow, Rude"
    assert questionnaire.answer_text(item, ["slow", "rude"], "cy") == "Araf, Rude"


def test_the_questionnaire_loads_in_three_queries(survey, django_assert_num_queries):
    with django_assert_num_queries(3):
        questionnaire = Questionnaire(survey)
    assert len(questionnaire) == 5
