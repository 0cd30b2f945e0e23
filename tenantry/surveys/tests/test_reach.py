"""Reach: respondents' profile against residents', and the rule that flags the hard to reach."""

import pytest

from tenantry.surveys.reach import compare_groups, hard_to_reach, reach_table

RESIDENTS = {"16-24": 100, "25-34": 200, "35-64": 500, "65+": 200, "not_said": 50}
RESPONDENTS = {"16-24": 5, "25-34": 30, "35-64": 120, "65+": 45, "not_said": 10}


def _by_group(rows):
    return {row.group: row for row in rows}


def test_shares_are_of_those_whose_group_is_known():
    rows = _by_group(compare_groups("age_band", RESPONDENTS, RESIDENTS))
    # Known residents 1,000 (the 50 who did not say are left out); known respondents 200.
    assert rows["16-24"].resident_share == pytest.approx(0.1)
    assert rows["16-24"].respondent_share == pytest.approx(0.025)
    assert rows["35-64"].resident_share == pytest.approx(0.5)
    assert rows["35-64"].respondent_share == pytest.approx(0.6)


def test_the_representation_ratio_is_respondents_share_over_residents_share():
    rows = _by_group(compare_groups("age_band", RESPONDENTS, RESIDENTS))
    assert rows["16-24"].ratio == pytest.approx(0.25)  # 0.025 / 0.1
    assert rows["25-34"].ratio == pytest.approx(0.75)  # 0.15 / 0.2
    assert rows["35-64"].ratio == pytest.approx(1.2)  # 0.6 / 0.5
    assert rows["65+"].ratio == pytest.approx(1.125)  # 0.225 / 0.2


def test_a_group_below_four_fifths_of_its_share_is_under_represented():
    rows = _by_group(compare_groups("age_band", RESPONDENTS, RESIDENTS))
    assert rows["16-24"].status == "under_represented"
    assert rows["25-34"].status == "under_represented"  # 0.75 < 0.8
    assert rows["35-64"].status == "represented"
    assert rows["65+"].status == "represented"


def test_exactly_four_fifths_is_not_flagged():
    # Residents 20 / 80; respondents 16 / 84 of 100 → share 0.16 / 0.2 = 0.8 exactly.
    rows = _by_group(compare_groups("disability", {"yes": 16, "no": 84}, {"yes": 20, "no": 80}))
    assert rows["yes"].ratio == pytest.approx(0.8)
    assert rows["yes"].status == "represented"


def test_the_shortfall_is_how_many_more_answers_would_match_the_residents_share():
    rows = _by_group(compare_groups("age_band", RESPONDENTS, RESIDENTS))
    # 16–24: (0.1 × 200 − 5) / (1 − 0.1) = 15 / 0.9 = 16.7 → 17, and (5 + 17) / 217 = 0.101.
    assert rows["16-24"].shortfall == 17
    # 25–34: (0.2 × 200 − 30) / 0.8 = 12.5 → 13, and 43 / 213 = 0.202.
    assert rows["25-34"].shortfall == 13
    assert rows["35-64"].shortfall == 0


def test_a_group_too_small_to_judge_is_listed_but_not_flagged():
    rows = _by_group(compare_groups("language", {"en": 50}, {"en": 300, "so": 9}))
    assert rows["so"].respondents == 0
    assert rows["so"].residents == 9
    assert rows["so"].ratio == 0.0
    assert rows["so"].status == "too_few_to_judge"
    assert not rows["so"].under_represented


def test_a_group_of_ten_residents_with_no_answers_is_flagged():
    rows = _by_group(compare_groups("language", {"en": 50}, {"en": 300, "so": 10}))
    assert rows["so"].status == "under_represented"
    # (10/310 × 50 − 0) / (1 − 10/310) = 1.6129 / 0.9677 = 1.67 → 2
    assert rows["so"].shortfall == 2


def test_groups_not_known_are_shown_last_and_never_compared():
    rows = compare_groups("age_band", RESPONDENTS, RESIDENTS)
    assert [row.group for row in rows] == ["16-24", "25-34", "35-64", "65+", "not_said"]
    last = rows[-1]
    assert (last.respondents, last.residents, last.ratio, last.status) == (
        10,
        50,
        None,
        "not_known",
    )


def test_a_group_only_among_respondents_is_included():
    rows = _by_group(compare_groups("tenure", {"secure": 8, "assured": 2}, {"secure": 40}))
    assert rows["assured"].residents == 0
    assert rows["assured"].resident_share == 0.0
    assert rows["assured"].ratio is None
    assert rows["assured"].status == "too_few_to_judge"


def test_with_no_respondents_nothing_is_judged():
    rows = compare_groups("estate", {}, {"Kingsmead": 120, "Larch": 80})
    assert [row.status for row in rows] == ["too_few_to_judge", "too_few_to_judge"]
    assert all(row.respondent_share is None for row in rows)


def test_the_rule_can_be_set_by_the_caller():
    rows = _by_group(compare_groups("age_band", RESPONDENTS, RESIDENTS, below=0.5))
    assert rows["25-34"].status == "represented"
    assert rows["16-24"].status == "under_represented"
    rows = _by_group(compare_groups("language", {"en": 50}, {"en": 300, "so": 9}, smallest_group=5))
    assert rows["so"].status == "under_represented"


def test_the_table_covers_every_characteristic_and_lists_the_hard_to_reach_worst_first():
    rows = reach_table(
        {"age_band": RESPONDENTS, "estate": {"Kingsmead": 40, "Larch": 160}},
        {"age_band": RESIDENTS, "estate": {"Kingsmead": 500, "Larch": 500}},
    )
    assert [row.characteristic for row in rows] == ["age_band"] * 5 + ["estate"] * 2
    flagged = hard_to_reach(rows)
    # Kingsmead: 0.2 / 0.5 = 0.4; 16–24: 0.25; 25–34: 0.75.
    assert [(row.characteristic, row.group) for row in flagged] == [
        ("age_band", "16-24"),
        ("estate", "Kingsmead"),
        ("age_band", "25-34"),
    ]


def test_shares_of_a_characteristic_where_one_person_can_be_in_several_groups():
    # 4 respondents, one ticked two needs; 100 residents, of whom 20 need large print.
    rows = _by_group(
        compare_groups(
            "communication_needs",
            {"needs_large_print": 2, "needs_audio": 1, "none": 2},
            {"needs_large_print": 20, "needs_audio": 5, "none": 76},
            respondents_known=4,
            residents_known=100,
        )
    )
    assert rows["needs_large_print"].respondent_share == pytest.approx(0.5)  # 2 of 4 people
    assert rows["needs_large_print"].resident_share == pytest.approx(0.2)  # 20 of 100
    assert rows["none"].ratio == pytest.approx(0.5 / 0.76)


def test_not_sure_is_not_a_group_to_compare():
    rows = _by_group(compare_groups("tenure", {"secure": 3, "not_sure": 2}, {"secure": 40}))
    assert rows["not_sure"].status == "not_known"
    assert rows["secure"].respondent_share == pytest.approx(1.0)
