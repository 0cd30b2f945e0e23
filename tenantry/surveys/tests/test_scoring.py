"""The TSM perception rules, with expectations worked out by hand."""

import pytest

from tenantry.surveys.scoring import (
    AGREEMENT_SCALE,
    SATISFACTION_SCALE,
    TSM_PERCEPTION,
    Score,
    score_answers,
    score_tsm_counts,
    tsm_scores,
)


def test_satisfied_is_very_plus_fairly_and_neither_stays_in_the_denominator():
    counts = {
        "very_satisfied": 12,
        "fairly_satisfied": 20,
        "neither": 8,
        "fairly_dissatisfied": 6,
        "very_dissatisfied": 4,
    }
    # (12 + 20) of (12 + 20 + 8 + 6 + 4) = 32 of 50 = 64%
    score = score_tsm_counts("TP01", counts)
    assert (score.numerator, score.denominator, score.excluded) == (32, 50, 0)
    assert score.percentage == 64.0


def test_dont_know_not_applicable_refused_and_blank_are_excluded():
    counts = {
        "very_satisfied": 3,
        "fairly_satisfied": 1,
        "very_dissatisfied": 4,
        "dont_know": 5,
        "not_applicable": 2,
        "refused": 1,
        None: 7,
    }
    # 4 of 8 = 50%; 5 + 2 + 1 + 7 = 15 excluded
    assert score_tsm_counts("TP04", counts) == Score(4, 8, 15)
    assert score_tsm_counts("TP04", counts).percentage == 50.0


def test_tp08_counts_agreement_on_its_own_scale():
    counts = {
        "strongly_agree": 10,
        "agree": 15,
        "neither": 5,
        "disagree": 7,
        "strongly_disagree": 3,
        "very_satisfied": 9,  # not on TP08's scale: an unknown code is excluded
    }
    # 25 of 40 = 62.5%
    assert score_tsm_counts("TP08", counts) == Score(25, 40, 9)
    assert score_tsm_counts("TP08", counts).percentage == 62.5


def test_satisfaction_answers_do_not_count_as_agreement_nor_the_reverse():
    assert score_tsm_counts("TP01", {"agree": 4, "strongly_agree": 2}) == Score(0, 0, 6)


def test_nobody_counted_gives_no_percentage_rather_than_zero():
    score = score_tsm_counts("TP12", {"dont_know": 3})
    assert score == Score(0, 0, 3)
    assert score.proportion is None
    assert score.percentage is None


def _r(**answers):
    return answers


def test_the_twelve_measures_from_respondents_with_their_filters():
    responses = [
        # 1: had a repair, complained, has communal areas
        _r(TP01="very_satisfied", TSM_REPAIR="yes", TP02="fairly_satisfied",
           TP03="very_dissatisfied", TP08="strongly_agree", TSM_COMPLAINT="yes",
           TP09="fairly_dissatisfied", TSM_COMMUNAL="yes", TP10="very_satisfied"),
        # 2: no repair, but answered TP02 anyway (a contractor's file can do this): not counted
        _r(TP01="neither", TSM_REPAIR="no", TP02="very_satisfied", TP08="agree",
           TSM_COMPLAINT="no", TSM_COMMUNAL="no", TP10="very_dissatisfied"),
        # 3: repair, didn't know about the time taken; complained
        _r(TP01="fairly_dissatisfied", TSM_REPAIR="yes", TP02="very_dissatisfied",
           TP03="dont_know", TP08="neither", TSM_COMPLAINT="yes", TP09="very_satisfied"),
        # 4: refused the filter question: its dependent answers do not count
        _r(TP01="fairly_satisfied", TSM_REPAIR="refused", TP02="very_satisfied",
           TP08="disagree", TSM_COMMUNAL="yes", TP10="neither"),
        # 5: said don't know overall; repair; communal
        _r(TP01="dont_know", TSM_REPAIR="yes", TP02="fairly_satisfied", TP03="fairly_satisfied",
           TSM_COMMUNAL="yes", TP10="fairly_satisfied"),
    ]  # fmt: skip
    scores = tsm_scores(responses)
    # TP01: satisfied are 1 and 4 (very, fairly); 2 neither and 3 dissatisfied count; 5 excluded.
    assert scores["TP01"] == Score(2, 4, 1)
    # TP02: only 1, 3 and 5 had a repair: fairly, very dissatisfied, fairly → 2 of 3.
    assert scores["TP02"] == Score(2, 3, 0)
    # TP03: 1 very dissatisfied, 3 don't know (excluded), 5 fairly satisfied → 1 of 2.
    assert scores["TP03"] == Score(1, 2, 1)
    # TP08: strongly agree, agree, neither, disagree → 2 of 4.
    assert scores["TP08"] == Score(2, 4, 0)
    # TP09: only complainants 1 and 3: fairly dissatisfied, very satisfied → 1 of 2.
    assert scores["TP09"] == Score(1, 2, 0)
    # TP10: communal areas for 1, 4 and 5: very satisfied, neither, fairly satisfied → 2 of 3.
    assert scores["TP10"] == Score(2, 3, 0)
    # Nobody was asked TP04–TP07, TP11 or TP12.
    for code in ("TP04", "TP05", "TP06", "TP07", "TP11", "TP12"):
        assert scores[code] == Score(0, 0, 0)
    assert list(scores) == [f"TP{n:02d}" for n in range(1, 13)]


def test_a_survey_without_the_filter_question_counts_every_answer():
    # Routing done by the survey's own logic: no TSM_REPAIR code in the responses.
    responses = [_r(TP02="very_satisfied"), _r(TP02="very_dissatisfied"), _r(TP02="neither")]
    assert tsm_scores(responses)["TP02"] == Score(1, 3, 0)


def test_a_blank_answer_is_excluded():
    assert tsm_scores([_r(TP05=""), _r(TP05=None), _r(TP05="very_satisfied")])["TP05"] == Score(
        1, 1, 2
    )


def test_every_measure_is_defined_on_the_regulators_scales():
    assert SATISFACTION_SCALE[:2] == ("very_satisfied", "fairly_satisfied")
    assert AGREEMENT_SCALE[:2] == ("strongly_agree", "agree")
    assert [m.code for m in TSM_PERCEPTION.values() if m.scale == "agreement"] == ["TP08"]
    assert {m.code: m.filter_code for m in TSM_PERCEPTION.values() if m.filter_code} == {
        "TP02": "TSM_REPAIR",
        "TP03": "TSM_REPAIR",
        "TP09": "TSM_COMPLAINT",
        "TP10": "TSM_COMMUNAL",
    }


def test_positive_answers_must_be_on_the_counted_scale():
    with pytest.raises(ValueError):
        score_answers(["yes"], positive=["yes"], counted=["no"])


def test_a_generic_yes_no_question_scores_the_same_way():
    assert score_answers(["yes", "no", "yes", None], positive=["yes"], counted=["yes", "no"]) == (
        Score(2, 3, 1)
    )
