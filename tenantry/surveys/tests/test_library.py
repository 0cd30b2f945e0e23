"""The ready-made surveys: the TSM perception survey as the regulator sets it, the Guide's
democratic-health questions, and every template making a valid survey."""

import csv
import re

import pytest

from tenantry.core.tests.regulator_data import TSM_DATA
from tenantry.surveys import library, scoring, services
from tenantry.surveys.models import Question
from tenantry.surveys.questionnaire import Questionnaire

DICTIONARY = TSM_DATA / "tsm2025_data_dictionary.csv"
TP_CODES = [f"TP{n:02d}" for n in range(1, 13)]


@pytest.fixture
def tsm(cast):
    return services.create_survey(
        organisation=cast.tmo, by=cast.people["staff"], template="tsm", name="Northbrook Council"
    )


def _by_code(survey) -> dict[str, Question]:
    return {question.code: question for question in survey.questions.all()}


def test_the_tsm_survey_has_the_twelve_perception_questions_in_order(tsm):
    codes = [item.question.code for item in Questionnaire(tsm)]
    tp = [code for code in codes if code.startswith("TP")]

    assert tp == TP_CODES
    assert codes.index("TP01") == 0  # overall satisfaction is asked first


def test_the_satisfaction_scale_runs_from_very_satisfied_to_very_dissatisfied(tsm):
    question = _by_code(tsm)["TP01"]

    assert question.kind == Question.Kind.SATISFACTION
    assert [c.value for c in question.choices.all()] == list(scoring.SATISFACTION_SCALE)
    assert [c.label for c in question.choices.all()] == [
        "Very satisfied",
        "Fairly satisfied",
        "Neither satisfied nor dissatisfied",
        "Fairly dissatisfied",
        "Very dissatisfied",
    ]


def test_tp08_asks_for_agreement_on_the_agree_disagree_scale(tsm):
    question = _by_code(tsm)["TP08"]

    assert question.kind == Question.Kind.AGREEMENT
    assert [c.value for c in question.choices.all()][:5] == list(scoring.AGREEMENT_SCALE)
    assert "treats me fairly and with respect" in question.text


def test_dont_know_is_offered_only_where_the_regulator_counts_it(tsm):
    by_code = _by_code(tsm)
    offered = {
        code for code in TP_CODES if by_code[code].choices.filter(value="dont_know").exists()
    }

    assert offered == {"TP05", "TP06", "TP07", "TP08", "TP11", "TP12"}


def test_filter_questions_route_repairs_complaints_and_communal_areas(tsm):
    by_code = _by_code(tsm)

    for code, condition in [
        ("TP02", scoring.HAD_REPAIR),
        ("TP03", scoring.HAD_REPAIR),
        ("TP09", scoring.COMPLAINED),
        ("TP10", scoring.HAS_COMMUNAL_AREAS),
    ]:
        assert by_code[code].show_if_question == by_code[condition]
        assert by_code[code].show_if_values == ["yes"]
        assert by_code[condition].kind == Question.Kind.YES_NO
    shown_to_all = set(TP_CODES) - {"TP02", "TP03", "TP09", "TP10"}
    assert all(by_code[code].show_if_question is None for code in shown_to_all)


def test_questions_name_the_organisation_chosen(tsm):
    assert _by_code(tsm)["TP01"].text == (
        "Taking everything into account, how satisfied or dissatisfied are you with the service "
        "provided by Northbrook Council?"
    )


@pytest.mark.skipif(not DICTIONARY.exists(), reason="the regulator's data dictionary is absent")
def test_tsm_wording_matches_the_regulators_data_dictionary(tsm):
    """Each TP question as the regulator's 2024/25 data dictionary quotes it, "[your landlord]"
    and "[my landlord]" standing for the name, quotes and spaces aside."""
    quoted = {}
    with DICTIONARY.open(encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            match = re.match(r"(TP\d\d) -\s+(.*?\?)", row["Survey Question"], re.S)
            if match and row["Table"] == "TSM25_LCRA_Perception":
                quoted.setdefault(match[1], match[2])

    def plain(text: str) -> str:
        text = re.sub(r"\[(your|my) landlord\]", "NAME", text).replace("Northbrook Council", "NAME")
        text = re.sub(r"[“”\"’']", "", text)
        return re.sub(r"\s+", " ", text.replace(" the following “", " the following: “")).strip()

    by_code = _by_code(tsm)
    for code in TP_CODES:
        ours = plain(by_code[code].text).replace("following: ", "following ")
        assert ours == plain(quoted[code]).replace("following: ", "following "), code


def test_every_tsm_question_and_answer_has_welsh(tsm):
    questionnaire = Questionnaire(tsm)

    assert "cy" in tsm.languages
    assert tsm.title_translations["cy"]
    for item in questionnaire:
        if item.question.code.startswith(("TP", "TSM_")):
            assert item.question.text_translations.get("cy"), item.question.code
            assert all(c.label_translations.get("cy") for c in item.choices), item.question.code
    assert _by_code(tsm)["TP01"].text_in("cy").startswith("Gan ystyried popeth")
    assert "Northbrook Council" in _by_code(tsm)["TP01"].text_in("cy")


def test_the_democratic_health_questionnaire_asks_the_guides_five_things(cast):
    survey = services.create_survey(
        organisation=cast.tmo, by=cast.people["committee"], template="democratic_health"
    )
    texts = {q.code: q.text for q in survey.questions.all()}

    assert "did you know that Kingsmead TMO exists" in texts["DH01"]
    assert "general meeting" in texts["DH03"]  # why they do not attend
    assert "ask for your views" in texts["DH04"]  # how they would like to be consulted
    assert "make my views heard" in texts["DH05"]  # confident they can be heard
    assert "the way Kingsmead TMO operates" in texts["DH07"]  # happy with how it operates
    reasons = survey.questions.get(code="DH03")
    assert reasons.kind == Question.Kind.MULTIPLE
    assert reasons.show_if_question.code == "DH02" and reasons.show_if_values == ["no"]


@pytest.mark.parametrize("template", list(library.TEMPLATES))
def test_every_template_makes_a_valid_survey_with_about_you_questions(cast, template):
    survey = services.create_survey(
        organisation=cast.tmo, by=cast.people["staff"], template=template, service="caretaking"
    )
    questions = list(survey.questions.prefetch_related("choices"))

    assert survey.template == template and survey.status == "draft"
    for question in questions:
        question.full_clean()
        assert "{" not in question.text, question.text
        if question.has_choices:
            assert question.choices.count() >= 2, question.code
    profile = {q.profile_field for q in questions if q.profile_field}
    assert profile == {
        "age_band", "disability", "ethnicity", "gender", "language", "communication_needs",
        "tenure",
    }  # fmt: skip
    assert all(not q.required for q in questions if q.profile_field)


def test_about_you_answers_use_the_codes_of_the_residents_records(cast):
    survey = services.create_survey(organisation=cast.tmo, by=cast.people["staff"], template="tsm")
    by_field = {q.profile_field: q for q in survey.questions.exclude(profile_field="")}

    ages = list(by_field["age_band"].choices.values_list("value", flat=True))
    assert ages == ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not_said"]
    needs = set(by_field["communication_needs"].choices.values_list("value", flat=True))
    assert {"needs_large_print", "needs_braille", "needs_interpreter", "none"} <= needs
    tenures = set(by_field["tenure"].choices.values_list("value", flat=True))
    assert {"secure", "assured", "shared_ownership", "leasehold"} <= tenures
