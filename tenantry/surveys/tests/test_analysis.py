"""Survey results from the database, against figures worked out by hand.

The scenario: Kingsmead TMO manages 12 households, 8 on Kingsmead Estate and 4 on Larch
Court. 6 households on Kingsmead and 4 on Larch were invited; 4 and 2 answered.

| response | estate    | TP01 | repair? | TP02 | age   | needs              | people |
|----------|-----------|------|---------|------|-------|--------------------|--------|
| r1       | Kingsmead | VS   | yes     | VS   | 16-24 | large print, audio | 1      |
| r2       | Kingsmead | FS   | yes     | VD   | 16-24 | none               | 2      |
| r3       | Kingsmead | N    | no      | FS ¹ | 65-74 |                    | 3      |
| r4       | Kingsmead | VD   | no      |      |       |                    |        |
| r5       | Larch     | FS   | yes     | DK   |       |                    |        |
| r6       | Larch     | VD   |         |      |       |                    |        |

VS very satisfied, FS fairly satisfied, N neither, VD very dissatisfied, DK don't know.
¹ r3 said no repair but has a TP02 answer (a hand-edited record): it must not count.
"""

from dataclasses import dataclass

import pytest

from tenantry.core import privacy
from tenantry.homes.models import EqualityProfile
from tenantry.homes.tests.factories import (
    CoverageFactory,
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.surveys import analysis
from tenantry.surveys.models import Question, Survey
from tenantry.surveys.scoring import Score
from tenantry.surveys.tests.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Scenario:
    survey: Survey
    kingsmead: object
    larch: object
    questions: dict
    responses: list


NEEDS = [
    ("needs_large_print", "Large print"),
    ("needs_audio", "Audio"),
    ("none", "None of these"),
]
AGES = [("16-24", "16–24"), ("65-74", "65–74"), ("not_said", "Prefer not to say")]


def build_scenario(cast, *, anonymity=Survey.Anonymity.ANONYMOUS) -> Scenario:
    """The survey in the module's docstring, on the cast's TMO."""
    kingsmead = cast.estate
    larch = EstateFactory(landlord=cast.landlord, name="Larch Court")
    households = {kingsmead.pk: [], larch.pk: []}
    # The cast's two Kingsmead homes: one has a household already; give the other one.
    for home in (cast.home, *[c.home for c in cast.agreement.coverage.exclude(home=cast.home)]):
        household = home.households.first() or HouseholdFactory(home=home)
        households[kingsmead.pk].append(household)
    for estate, count in ((kingsmead, 6), (larch, 4)):
        for _ in range(count):
            home = HomeFactory(estate=estate)
            CoverageFactory(agreement=cast.agreement, home=home)
            households[estate.pk].append(HouseholdFactory(home=home))
    survey = SurveyFactory(organisation=cast.tmo, anonymity=anonymity, status="open")
    for household in households[kingsmead.pk][:6] + households[larch.pk][:4]:
        InvitationFactory(survey=survey, household=household)

    q = {}
    q["TP01"] = QuestionFactory(survey=survey, code="TP01", kind=Question.Kind.SATISFACTION)
    q["REPAIR"] = QuestionFactory(survey=survey, code="TSM_REPAIR", kind=Question.Kind.YES_NO)
    q["TP02"] = QuestionFactory(
        survey=survey,
        code="TP02",
        kind=Question.Kind.SATISFACTION,
        offers_dont_know=True,
        show_if_question=q["REPAIR"],
        show_if_values=["yes"],
    )
    q["AGE"] = QuestionFactory(
        survey=survey, code="AGE", kind=Question.Kind.SINGLE, profile_field="age_band", choices=AGES
    )
    q["NEEDS"] = QuestionFactory(
        survey=survey,
        code="NEEDS",
        kind=Question.Kind.MULTIPLE,
        profile_field="communication_needs",
        choices=NEEDS,
    )
    q["PEOPLE"] = QuestionFactory(survey=survey, code="PEOPLE", kind=Question.Kind.NUMBER)
    q["COMMENTS"] = QuestionFactory(survey=survey, code="COMMENTS", kind=Question.Kind.TEXT)

    table = [
        (kingsmead, "very_satisfied", "yes", "very_satisfied", "16-24",
         ["needs_large_print", "needs_audio"], 1),
        (kingsmead, "fairly_satisfied", "yes", "very_dissatisfied", "16-24", ["none"], 2),
        (kingsmead, "neither", "no", "fairly_satisfied", "65-74", [], 3),
        (kingsmead, "very_dissatisfied", "no", None, None, [], None),
        (larch, "fairly_satisfied", "yes", "dont_know", None, [], None),
        (larch, "very_dissatisfied", None, None, None, [], None),
    ]  # fmt: skip
    responses = []
    for estate, tp01, repair, tp02, age, needs, people in table:
        response = ResponseFactory(survey=survey, estate=estate, stock_type="lcra")
        AnswerFactory(response=response, question=q["TP01"], value=tp01)
        if repair:
            AnswerFactory(response=response, question=q["REPAIR"], value=repair)
        if tp02:
            AnswerFactory(response=response, question=q["TP02"], value=tp02)
        if age:
            AnswerFactory(response=response, question=q["AGE"], value=age)
        for need in needs:
            AnswerFactory(response=response, question=q["NEEDS"], value=need)
        if people is not None:
            AnswerFactory(response=response, question=q["PEOPLE"], number=people)
        responses.append(response)
    AnswerFactory(response=responses[0], question=q["COMMENTS"], text="The lift is often broken.")
    return Scenario(survey, kingsmead, larch, q, responses)


@pytest.fixture
def scenario(cast):
    return build_scenario(cast)


def test_counts_and_percentages_per_question(scenario):
    results = analysis.survey_results(scenario.survey)
    tp01 = results.question("TP01")
    assert tp01.overall.respondents == 6
    assert tp01.overall.counts == {
        "very_satisfied": 1,
        "fairly_satisfied": 2,
        "neither": 1,
        "very_dissatisfied": 2,
    }
    assert tp01.cell("fairly_satisfied").count == 2
    assert tp01.cell("fairly_satisfied").share == pytest.approx(2 / 6)
    # The scale's every answer is listed, answered or not.
    assert [code for code, _label, _cell in tp01.cells] == [
        "very_satisfied",
        "fairly_satisfied",
        "neither",
        "fairly_dissatisfied",
        "very_dissatisfied",
    ]
    assert tp01.cell("fairly_dissatisfied").count == 0


def test_margins_of_error_use_the_households_as_the_population(scenario):
    tp01 = analysis.survey_results(scenario.survey).question("TP01")
    # 3 of 6 satisfied from 12 households: 1.96 × √(0.25 / 6) × √(6 / 11)
    #   = 1.96 × 0.204124 × 0.738549 = 0.295481
    assert tp01.headline() == Score(3, 6, 0)
    assert tp01.headline_margin() == pytest.approx(0.295481, abs=1e-6)
    # One answer's share: 2 of 6 fairly satisfied: 1.96 × √(1/3 × 2/3 / 6) × √(6/11)
    #   = 1.96 × 0.192450 × 0.738549 = 0.278582
    assert tp01.cell("fairly_satisfied").margin == pytest.approx(0.278582, abs=1e-6)


@pytest.fixture
def every_group_shown(monkeypatch):
    """Groups of any size shown, to check the counting itself (the scenario's estates have 4
    and 2 respondents, which the privacy rule would hide: see the test after these)."""
    monkeypatch.setattr(privacy, "SMALLEST_GROUP_SHOWN", 1)


def test_per_estate_breakdown_and_its_margins(scenario, every_group_shown):
    results = analysis.survey_results(scenario.survey, breakdown="estate")
    tp01 = results.question("TP01")
    kingsmead, larch = str(scenario.kingsmead.pk), str(scenario.larch.pk)
    assert tp01.groups[kingsmead].respondents == 4
    assert tp01.groups[larch].counts == {"fairly_satisfied": 1, "very_dissatisfied": 1}
    # Kingsmead: 2 of 4 satisfied (very + fairly); "neither" stays in.
    assert tp01.headline(kingsmead) == Score(2, 4, 0)
    # Larch: 1 of 2 from its 4 households: 1.96 × √(0.25 / 2) × √(2 / 3) = 0.565803
    assert tp01.headline_margin(larch) == pytest.approx(0.565803, abs=1e-6)


def test_a_small_groups_results_keep_only_how_many_answered(scenario):
    results = analysis.survey_results(scenario.survey, breakdown="estate")
    tp01 = results.question("TP01")
    kingsmead, larch = str(scenario.kingsmead.pk), str(scenario.larch.pk)
    # Kingsmead: 4 answered, Larch Court 2: both fewer than privacy.SMALLEST_GROUP_SHOWN (5).
    for key, answered in ((kingsmead, 4), (larch, 2)):
        assert tp01.groups[key] == analysis.Tally(respondents=answered, suppressed=True)
        assert tp01.headline(key) is None and tp01.headline_margin(key) is None
        assert tp01.cell("fairly_satisfied", key) == analysis.Cell(None, None, None)
    number = results.question("PEOPLE").groups[kingsmead]
    assert (number.mean, number.smallest, number.largest) == (None, None, None)
    # The whole survey is never a small group.
    assert tp01.headline() == Score(3, 6, 0)


def test_response_rates_overall_and_by_estate(scenario):
    results = analysis.survey_results(scenario.survey)
    assert (results.overall.responses, results.overall.invited) == (6, 10)
    assert results.overall.households == 12
    assert results.overall.response_rate == pytest.approx(0.6)
    by_name = {group.label: group for group in results.groups}
    assert by_name["Kingsmead Estate"].response_rate == pytest.approx(4 / 6)
    assert by_name["Larch Court"].response_rate == pytest.approx(2 / 4)
    assert by_name["Kingsmead Estate"].households == 8


def test_multiple_choice_shares_are_of_people_not_of_ticks(scenario):
    needs = analysis.survey_results(scenario.survey).question("NEEDS")
    # Two people answered, ticking three boxes between them.
    assert needs.overall.respondents == 2
    assert needs.cell("needs_large_print").share == pytest.approx(0.5)
    assert needs.cell("none").share == pytest.approx(0.5)


def test_numbers_are_summarised_and_written_answers_counted(scenario):
    results = analysis.survey_results(scenario.survey)
    people = results.question("PEOPLE").overall
    assert (people.respondents, people.smallest, people.largest) == (3, 1, 3)
    assert people.mean == pytest.approx(2.0)
    assert results.question("COMMENTS").overall.respondents == 1


def test_breakdown_by_an_about_you_answer(scenario, every_group_shown):
    results = analysis.survey_results(
        scenario.survey, breakdown=f"profile-{scenario.questions['AGE'].pk}"
    )
    tp01 = results.question("TP01")
    # 16–24: r1 very, r2 fairly satisfied → 2 of 2; 65–74: r3 neither → 0 of 1.
    assert tp01.headline("16-24") == Score(2, 2, 0)
    assert tp01.headline("65-74") == Score(0, 1, 0)
    # The three who did not say how old they are: r4, r5, r6.
    assert tp01.groups[analysis.NOT_RECORDED].respondents == 3
    assert {g.key: g.responses for g in results.groups} == {"16-24": 2, "65-74": 1, "": 3}
    # The whole survey is still the whole survey.
    assert tp01.overall.respondents == 6


def test_breakdown_by_how_people_answered(scenario, every_group_shown):
    scenario.responses[5].mode = "paper"
    scenario.responses[5].save()
    results = analysis.survey_results(scenario.survey, breakdown="mode")
    tp01 = results.question("TP01")
    assert tp01.headline("web") == Score(3, 5, 0)
    assert tp01.headline("paper") == Score(0, 1, 0)
    assert [(g.key, g.responses) for g in results.groups] == [("web", 5), ("paper", 1)]


def test_an_unknown_breakdown_is_refused(scenario):
    with pytest.raises(ValueError):
        analysis.survey_results(scenario.survey, breakdown="shoe_size")


def test_the_results_take_the_same_few_queries_however_many_responses(
    scenario, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        analysis.survey_results(scenario.survey)
    for _ in range(20):
        response = ResponseFactory(survey=scenario.survey, estate=scenario.larch)
        AnswerFactory(response=response, question=scenario.questions["TP01"], value="neither")
    with django_assert_max_num_queries(13):  # a later request, which counts responses afresh
        results = analysis.survey_results(Survey.objects.get(pk=scenario.survey.pk))
    assert results.question("TP01").overall.respondents == 26


def test_figures_counted_from_answers_are_kept_until_the_next_response(
    scenario, django_assert_num_queries
):
    survey = scenario.survey
    before = analysis.survey_results(survey).question("TP01").overall.counts
    assert analysis.tsm_perception_results(survey)["TP01"] == Score(3, 6, 0)

    fresh = Survey.objects.get(pk=survey.pk)  # a later request
    # The questionnaire (3), how many responses so far (1), invitations and households and
    # their estates by estate (4): nothing counted from the answers again.
    with django_assert_num_queries(8):
        assert analysis.survey_results(fresh).question("TP01").overall.counts == before
    with django_assert_num_queries(0):
        analysis.tsm_perception_results(fresh)

    response = ResponseFactory(survey=survey, estate=scenario.larch)
    AnswerFactory(response=response, question=scenario.questions["TP01"], value="very_satisfied")
    later = Survey.objects.get(pk=survey.pk)
    counts = analysis.survey_results(later).question("TP01").overall.counts
    assert counts["very_satisfied"] == before.get("very_satisfied", 0) + 1
    assert analysis.tsm_perception_results(later)["TP01"] == Score(4, 7, 0)


def test_a_draft_surveys_figures_are_never_kept(scenario):
    survey = scenario.survey
    survey.status = Survey.Status.DRAFT
    survey.save()
    assert analysis.tsm_perception_results(survey)["TP01"] == Score(3, 6, 0)
    # A draft's question can still change: the same number of responses, other figures.
    scenario.questions["TP01"].answers.filter(value="very_satisfied").update(value="neither")
    assert analysis.tsm_perception_results(survey)["TP01"].numerator < 3


def test_tsm_measures_follow_the_regulators_rules(scenario):
    measures = analysis.tsm_perception_results(scenario.survey)
    assert list(measures) == ["TP01", "TP02"]
    assert measures["TP01"] == Score(3, 6, 0)
    # TP02: only those who said yes to a repair: r1 very satisfied, r2 very dissatisfied,
    # r5 don't know (excluded). r3's answer does not count: r3 said no repair.
    assert measures["TP02"] == Score(1, 2, 1)
    assert measures["TP02"].percentage == 50.0


def test_tsm_measures_for_one_stock_type(scenario):
    scenario.responses[0].stock_type = "lcho"
    scenario.responses[0].save()
    assert analysis.tsm_perception_results(scenario.survey, stock_type="lcra")["TP01"] == Score(
        2, 5, 0
    )
    assert analysis.tsm_perception_results(scenario.survey, stock_type="lcho")["TP01"] == Score(
        1, 1, 0
    )


def test_a_survey_without_tsm_questions_has_no_measures(cast):
    assert analysis.tsm_perception_results(SurveyFactory(organisation=cast.tmo)) == {}


def test_tsm_measures_from_the_ready_made_template(cast):
    from tenantry.surveys import services

    survey = services.create_survey(
        organisation=cast.tmo, by=cast.people["committee"], template="tsm"
    )
    q = {question.code: question for question in survey.questions.all()}
    answers = [
        {"TP01": "very_satisfied", "TSM_REPAIR": "yes", "TP02": "fairly_satisfied",
         "TP08": "agree"},
        {"TP01": "neither", "TSM_REPAIR": "no", "TP08": "strongly_disagree", "TP05": "dont_know"},
        {"TP01": "fairly_dissatisfied", "TSM_REPAIR": "yes", "TP02": "neither",
         "TP05": "very_satisfied", "TSM_COMPLAINT": "yes", "TP09": "very_dissatisfied"},
    ]  # fmt: skip
    for given in answers:
        response = ResponseFactory(survey=survey, estate=cast.estate)
        for code, value in given.items():
            AnswerFactory(response=response, question=q[code], value=value)
    measures = analysis.tsm_perception_results(survey)
    assert measures["TP01"] == Score(1, 3, 0)
    assert measures["TP02"] == Score(1, 2, 0)  # fairly satisfied, neither
    assert measures["TP05"] == Score(1, 1, 1)  # very satisfied; don't know left out
    assert measures["TP08"] == Score(1, 2, 0)  # agree, strongly disagree
    assert measures["TP09"] == Score(0, 1, 0)
    assert measures["TP12"] == Score(0, 0, 0)
    assert sorted(measures) == [f"TP{n:02d}" for n in range(1, 13)]


def test_democratic_health_answers_as_shares(cast):
    survey = SurveyFactory(organisation=cast.tmo)
    knows = QuestionFactory(survey=survey, code="DH01", kind=Question.Kind.YES_NO)
    confident = QuestionFactory(survey=survey, code="DH05", kind=Question.Kind.AGREEMENT)
    involved = QuestionFactory(
        survey=survey,
        code="DH08",
        kind=Question.Kind.SINGLE,
        choices=[("yes", "Yes"), ("maybe", "Maybe"), ("no", "No")],
    )
    for dh01, dh05, dh08 in [
        ("yes", "agree", "maybe"),
        ("yes", "neither", "no"),
        ("no", "strongly_disagree", "yes"),
        ("yes", "strongly_agree", "no"),
    ]:
        response = ResponseFactory(survey=survey)
        AnswerFactory(response=response, question=knows, value=dh01)
        AnswerFactory(response=response, question=confident, value=dh05)
        AnswerFactory(response=response, question=involved, value=dh08)
    results = analysis.democratic_health_results(survey)
    assert results["DH01"] == Score(3, 4, 0)  # knew the organisation exists
    assert results["DH05"] == Score(2, 4, 0)  # agree + strongly agree; neither stays in
    assert results["DH08"] == Score(2, 4, 0)  # yes + maybe


def test_reach_compares_respondents_with_residents(cast, scenario):
    # Residents with consented profiles: 12 households, one resident each, ages below.
    from datetime import date

    households = [h for h in scenario.survey.invitations.select_related("household")]  # 10 invited
    ages = ["16-24"] * 3 + ["25-34"] * 2 + ["65-74"] * 5
    for invitation, age in zip(households, ages, strict=True):
        resident = ResidentFactory(household=invitation.household, language="en")
        EqualityProfile.objects.create(
            resident=resident,
            consented_on=date(2026, 1, 1),
            age_band=age,
            disability="no",
            ethnicity="white",
            gender="woman",
        )
    characteristics = {c.key: c for c in analysis.reach(scenario.survey)}

    estate = {row.group: row for row in characteristics["estate"].rows}
    kingsmead = estate[str(scenario.kingsmead.pk)]
    # 4 of 6 responses against 8 of 12 households: 0.667 / 0.667 = 1.
    assert (kingsmead.respondents, kingsmead.residents) == (4, 8)
    assert kingsmead.ratio == pytest.approx(1.0)

    age = {row.group: row for row in characteristics["age_band"].rows}
    # Respondents who said: 16–24 ×2, 65–74 ×1 (3 known). Residents with a profile: 10, plus
    # the cast's resident of 1 Mill Road without one ("not recorded").
    assert age["16-24"].respondent_share == pytest.approx(2 / 3)
    assert age["16-24"].resident_share == pytest.approx(3 / 10)
    assert age["65-74"].ratio == pytest.approx((1 / 3) / (5 / 10))
    assert age["25-34"].respondents == 0
    assert age[""].status == "not_known"
    assert age[""].respondents == 3  # r4, r5, r6 did not answer

    needs = {row.group: row for row in characteristics["communication_needs"].rows}
    # Shares of people, not of ticks: 1 of the 2 who answered needs large print.
    assert needs["needs_large_print"].respondent_share == pytest.approx(0.5)
    # An anonymous survey that did not ask about ethnicity has nothing to compare there.
    assert "ethnicity" not in characteristics
