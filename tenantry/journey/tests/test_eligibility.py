"""The Right to Manage eligibility check, rule by rule, with hand-worked cases
(SI 2012/1821 regs. 4, 9 and 10; docs/journey.md)."""

from dataclasses import replace

import pytest
from django.test import override_settings

from tenantry.journey.eligibility import Facts, check

# A group that meets every rule: the baseline each test changes one fact of.
ELIGIBLE = Facts(
    written_constitution=True,
    names_area=True,
    any_tenant_may_join=True,
    avoids_discrimination=True,
    run_by_meeting_or_elected_committee=True,
    secure_tenancies=40,
    all_in_area=True,
    some_under_other_agreement=False,
    copy_delivered_to_every_home=True,
    vote_route="ballot",
    members=60,
    in_favour=31,
    tenants=100,
    tenant_members=20,
)


def outcome(facts: Facts, key: str) -> str:
    return next(t.outcome for t in check(facts).tests if t.key == key)


def test_a_group_meeting_every_rule_passes():
    result = check(ELIGIBLE)

    assert result.outcome == "passed"
    assert [t.key for t in result.tests] == [
        "written_constitution",
        "names_area",
        "any_tenant_may_join",
        "avoids_discrimination",
        "run_by_members",
        "secure_tenancies",
        "all_in_area",
        "other_agreement",
        "copies_delivered",
        "members_vote",
        "membership_share",
    ]


def test_every_test_names_its_regulation():
    sources = {t.key: t.source for t in check(ELIGIBLE).tests}

    assert sources["written_constitution"] == "SI 2012/1821, reg. 4(1)(a)"
    assert sources["names_area"] == "SI 2012/1821, reg. 4(1)(b)"
    assert sources["any_tenant_may_join"] == "SI 2012/1821, reg. 4(1)(c)"
    assert sources["avoids_discrimination"] == "SI 2012/1821, reg. 4(1)(d)"
    assert sources["run_by_members"] == "SI 2012/1821, reg. 4(1)(e)"
    assert sources["secure_tenancies"] == "SI 2012/1821, reg. 9"
    assert sources["other_agreement"] == "SI 2012/1821, reg. 9"
    assert sources["members_vote"] == "SI 2012/1821, reg. 10"


def test_nothing_known_is_unknown_not_failed():
    result = check(Facts())

    assert result.outcome == "unknown"
    assert {t.outcome for t in result.tests} == {"unknown"}
    assert all(t.explanation.startswith("Tell us") for t in result.tests)


# --- reg. 4(1): the constitution ---------------------------------------------------------------


def test_no_written_constitution_fails_and_stands_alone():
    result = check(replace(ELIGIBLE, written_constitution=False))

    assert result.outcome == "failed"
    # The other constitution questions are moot without one: a single failing test for it.
    assert [t.key for t in result.tests][:2] == ["written_constitution", "secure_tenancies"]
    assert "written constitution" in result.tests[0].explanation


@pytest.mark.parametrize(
    ("fact", "key"),
    [
        ("names_area", "names_area"),
        ("any_tenant_may_join", "any_tenant_may_join"),
        ("avoids_discrimination", "avoids_discrimination"),
        ("run_by_meeting_or_elected_committee", "run_by_members"),
    ],
)
def test_each_constitution_condition_fails_on_its_own(fact, key):
    result = check(replace(ELIGIBLE, **{fact: False}))

    assert result.outcome == "failed"
    assert [t.key for t in result.failed()] == [key]


# --- reg. 9: at least 25 homes let on secure tenancies -------------------------------------------


def test_25_secure_tenancies_is_enough():
    assert outcome(replace(ELIGIBLE, secure_tenancies=25), "secure_tenancies") == "passed"


def test_24_secure_tenancies_is_one_short():
    result = check(replace(ELIGIBLE, secure_tenancies=24))
    test = result.failed()[0]

    assert result.outcome == "failed"
    assert test.key == "secure_tenancies"
    assert "24 homes" in test.explanation
    assert "1 more home." in test.explanation


def test_no_secure_tenancies_needs_25_more():
    test = check(replace(ELIGIBLE, secure_tenancies=0)).failed()[0]

    assert "25 more homes" in test.explanation


def test_a_home_outside_the_area_fails():
    assert outcome(replace(ELIGIBLE, all_in_area=False), "all_in_area") == "failed"


# --- reg. 9: homes already under another agreement, and the two exceptions -----------------------

UNDER_ANOTHER = replace(ELIGIBLE, some_under_other_agreement=True)


def test_homes_under_a_small_agreement_of_another_group_fail():
    facts = replace(
        UNDER_ANOTHER,
        other_agreement_homes=300,
        party_to_other_agreement=False,
        includes_all_of_other_agreement=True,
    )
    assert outcome(facts, "other_agreement") == "failed"


def test_an_agreement_of_exactly_2500_homes_is_not_large():
    # "greater than 2500": 2,500 itself does not open the exception.
    facts = replace(UNDER_ANOTHER, other_agreement_homes=2500, party_to_other_agreement=False)
    assert outcome(facts, "other_agreement") == "failed"


def test_an_agreement_of_2501_homes_is_large_enough():
    facts = replace(UNDER_ANOTHER, other_agreement_homes=2501, party_to_other_agreement=False)
    assert outcome(facts, "other_agreement") == "passed"


def test_the_groups_own_agreement_taken_in_whole_is_allowed():
    facts = replace(
        UNDER_ANOTHER,
        other_agreement_homes=300,
        party_to_other_agreement=True,
        includes_all_of_other_agreement=True,
    )
    assert outcome(facts, "other_agreement") == "passed"


def test_the_groups_own_agreement_taken_in_part_fails():
    facts = replace(
        UNDER_ANOTHER,
        other_agreement_homes=300,
        party_to_other_agreement=True,
        includes_all_of_other_agreement=False,
    )
    assert outcome(facts, "other_agreement") == "failed"


def test_the_groups_own_agreement_passes_even_when_its_size_is_not_known():
    facts = replace(
        UNDER_ANOTHER, party_to_other_agreement=True, includes_all_of_other_agreement=True
    )
    assert outcome(facts, "other_agreement") == "passed"


def test_another_groups_agreement_of_unknown_size_is_unknown():
    # It may still cover more than 2,500 homes.
    facts = replace(UNDER_ANOTHER, party_to_other_agreement=False)
    assert outcome(facts, "other_agreement") == "unknown"


def test_a_small_agreement_with_the_party_question_unanswered_is_unknown():
    facts = replace(UNDER_ANOTHER, other_agreement_homes=300)
    assert outcome(facts, "other_agreement") == "unknown"


# --- reg. 10: before serving -------------------------------------------------------------------


def test_copies_not_delivered_fails():
    assert outcome(replace(ELIGIBLE, copy_delivered_to_every_home=False), "copies_delivered") == (
        "failed"
    )


def test_a_ballot_needs_more_than_half_of_all_members():
    # 60 members: 31 in favour is a majority, 30 is exactly half and is not.
    assert outcome(replace(ELIGIBLE, members=60, in_favour=31), "members_vote") == "passed"
    assert outcome(replace(ELIGIBLE, members=60, in_favour=30), "members_vote") == "failed"


def test_a_ballot_counts_against_all_members_not_those_voting():
    # 20 of 25 voting said yes, but the group has 60 members: not a majority of the members.
    test = next(
        t
        for t in check(replace(ELIGIBLE, members=60, in_favour=20)).tests
        if t.key == "members_vote"
    )
    assert test.outcome == "failed"
    assert test.explanation.startswith("20 of 60 voted in favour.")


def test_a_meeting_counts_against_the_members_there():
    # 60 members, 21 at the meeting, 11 in favour: a majority of those present.
    facts = replace(ELIGIBLE, vote_route="meeting", members=60, attending=21, in_favour=11)
    assert outcome(facts, "members_vote") == "passed"
    assert outcome(replace(facts, in_favour=10), "members_vote") == "failed"


def test_a_meeting_without_its_attendance_is_unknown():
    facts = replace(ELIGIBLE, vote_route="meeting", attending=None, in_favour=11)
    assert outcome(facts, "members_vote") == "unknown"


@override_settings(RTM_MEMBERS_BALLOT_PERCENT=60)
def test_the_members_majority_is_democracys_setting():
    # More than 60% of 60 is 37 or more.
    assert outcome(replace(ELIGIBLE, members=60, in_favour=36), "members_vote") == "failed"
    assert outcome(replace(ELIGIBLE, members=60, in_favour=37), "members_vote") == "passed"


# --- ❓ the membership-share test: a setting ---------------------------------------------------


def test_the_membership_share_is_at_least_the_setting():
    # The default 20%: 20 of 100 tenants is exactly 20% and passes; 19 does not.
    assert outcome(replace(ELIGIBLE, tenants=100, tenant_members=20), "membership_share") == (
        "passed"
    )
    assert outcome(replace(ELIGIBLE, tenants=100, tenant_members=19), "membership_share") == (
        "failed"
    )


def test_the_membership_share_has_no_rounding_at_the_edge():
    # 20% of 131 is 26.2: 26 members fall short, 27 are enough.
    assert outcome(replace(ELIGIBLE, tenants=131, tenant_members=26), "membership_share") == (
        "failed"
    )
    assert outcome(replace(ELIGIBLE, tenants=131, tenant_members=27), "membership_share") == (
        "passed"
    )


def test_the_membership_share_is_marked_unconfirmed():
    test = next(t for t in check(ELIGIBLE).tests if t.key == "membership_share")
    assert test.confirmed is False
    assert "not confirmed" in test.source


@override_settings(JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT=50)
def test_a_different_membership_share_is_a_setting():
    assert outcome(replace(ELIGIBLE, tenants=100, tenant_members=49), "membership_share") == (
        "failed"
    )
    assert outcome(replace(ELIGIBLE, tenants=100, tenant_members=50), "membership_share") == (
        "passed"
    )


@override_settings(JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT=None)
def test_no_membership_share_setting_leaves_the_test_out():
    result = check(replace(ELIGIBLE, tenant_members=0))

    assert "membership_share" not in [t.key for t in result.tests]
    assert result.outcome == "passed"


def test_one_failure_outweighs_unknowns():
    result = check(replace(Facts(), secure_tenancies=10))
    assert result.outcome == "failed"


def test_an_unknown_exception_asks_only_for_what_is_missing():
    small = check(replace(UNDER_ANOTHER, other_agreement_homes=300))
    not_ours = check(replace(UNDER_ANOTHER, party_to_other_agreement=False))

    small_text = next(t.explanation for t in small.tests if t.key == "other_agreement")
    not_ours_text = next(t.explanation for t in not_ours.tests if t.key == "other_agreement")
    assert "whether your group is a party" in small_text
    assert "how many homes" not in small_text
    assert "how many homes that agreement covers." in not_ours_text
    assert "party" not in not_ours_text
