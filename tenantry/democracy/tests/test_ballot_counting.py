"""Closing and counting: no tally before the close, always of every paper; the counting rules
worked by hand; ties; turnout per estate."""

import random

import pytest
from django.core.exceptions import ValidationError

from tenantry.democracy import ballots
from tenantry.democracy.models import (
    BallotKind,
    BallotStatus,
    Constitution,
    CountingRule,
    Paper,
    PaperChoice,
    TieBreak,
)
from tenantry.homes.tests.factories import EstateFactory

from .ballot_helpers import add_members, after_close, make_ballot, open_with_codes, option_ids

pytestmark = pytest.mark.django_db


def _vote(cast, ballot, votes: list, spoilt: int = 0):
    """Cast `votes` (each a list of option positions) and `spoilt` spoilt papers with the
    ballot's codes in turn."""
    codes = iter(open_with_codes(cast, ballot).values())
    ids = option_ids(ballot)
    for positions in votes:
        ballots.cast_vote(
            ballot=ballot, channel="online", code=next(codes), choices=[ids[p] for p in positions]
        )
    for _ in range(spoilt):
        ballots.cast_vote(
            ballot=ballot, channel="paper", code=next(codes), spoilt=True, by=cast.people["staff"]
        )


def _close_and_count(cast, ballot):
    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))
    return ballots.count_ballot(ballot=ballot, by=cast.people["committee"])


def test_no_count_while_the_ballot_is_open_nor_a_close_before_its_time(cast):
    add_members(cast, 2)
    ballot = make_ballot(cast)
    _vote(cast, ballot, [[0]])
    with pytest.raises(ValidationError) as early:
        ballots.count_ballot(ballot=ballot, by=cast.people["committee"])
    assert early.value.code == "not_closed"
    with pytest.raises(ValidationError) as too_early:
        ballots.close_ballot(ballot=ballot, by=cast.people["committee"])
    assert too_early.value.code == "too_early"
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.OPEN and ballot.result == {}


def test_the_close_opens_every_envelope_and_writes_every_paper_afresh(cast, settings):
    settings.BALLOT_MIX_BATCH = 2
    add_members(cast, 5)
    ballot = make_ballot(cast)
    _vote(cast, ballot, [[0], [0], [1]])
    ballots.open_envelopes(ballot_id=ballot.pk)
    before = set(Paper.objects.values_list("pk", flat=True))
    assert len(before) == 3
    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))
    after = set(Paper.objects.values_list("pk", flat=True))
    assert len(after) == 3 and not before & after
    assert sorted(PaperChoice.objects.values_list("option__label", flat=True)) == [
        "Against", "For", "For"
    ]  # fmt: skip


def test_a_simple_majority_is_more_than_half_of_the_valid_votes(cast):
    add_members(cast, 8)
    ballot = make_ballot(cast)
    # 3 for, 3 against, 1 spoilt, 1 did not vote: a tie is not a majority.
    _vote(cast, ballot, [[0], [0], [0], [1], [1], [1]], spoilt=1)
    result = _close_and_count(cast, ballot)
    figures = [result[name] for name in ("roll", "voted", "papers", "spoilt", "valid")]
    assert figures == [8, 7, 7, 1, 6]
    assert [(o["label"], o["votes"]) for o in result["options"]] == [("For", 3), ("Against", 3)]
    assert result["outcome"] == "not_carried" and result["marks"] == 7


def test_a_special_resolution_needs_at_least_the_threshold(cast):
    add_members(cast, 4)
    ballot = make_ballot(cast, rule=CountingRule.THRESHOLD, threshold_percent=75)
    _vote(cast, ballot, [[0], [0], [0], [1]])  # exactly 75%
    assert _close_and_count(cast, ballot)["outcome"] == "carried"


def test_a_members_right_to_manage_ballot_needs_a_majority_of_all_members(cast):
    add_members(cast, 10)
    ballot = make_ballot(cast, kind=BallotKind.RTM_MEMBERS, options=["Yes", "No"])
    _vote(cast, ballot, [[0]] * 5 + [[1]])  # 5 of 6 voting, but 5 of 10 members is not more
    result = _close_and_count(cast, ballot)
    assert result["outcome"] == "not_carried"


def test_a_final_right_to_manage_ballot_needs_a_majority_of_secure_tenants_voting_too(cast):
    add_members(cast, 3, tenure="secure")
    add_members(cast, 4, tenure="leasehold", start=100)
    ballot = make_ballot(cast, kind=BallotKind.RTM_FINAL, options=["Yes", "No"])
    codes = open_with_codes(cast, ballot)
    from tenantry.democracy.models import Voter

    yes, no = option_ids(ballot)
    secure_seen = 0
    for voter in Voter.objects.filter(ballot=ballot).order_by("pk"):
        # Leaseholders vote yes; of the four secure tenants (the cast's resident is one) the
        # first two vote yes and the others no: 6 of 8 voting, but only 2 of 4 secure tenants.
        if voter.secure_tenant:
            secure_seen += 1
            choice = yes if secure_seen <= 2 else no
        else:
            choice = yes
        ballots.cast_vote(ballot=ballot, channel="online", code=codes[voter.pk], choices=[choice])
    result = _close_and_count(cast, ballot)
    assert result["valid"] == 8 and result["secure_valid"] == secure_seen == 4
    assert result["options"][0]["secure_votes"] == 2
    assert result["majority_of_voting"] is True  # 6 of 8
    assert result["majority_of_secure"] is False  # 2 of 4 is not more than half
    assert result["outcome"] == "not_carried"


def test_a_multi_seat_election_elects_the_most_votes_and_draws_lots_for_a_tie(cast):
    add_members(cast, 5)
    election = make_ballot(
        cast, kind="election", question="Committee", options=["Ann", "Ben", "Cat", "Dev"],
        rule=CountingRule.FIRST_PAST_THE_POST, seats=2,
    )  # fmt: skip
    # Ann 4, Ben 2, Cat 2, Dev 1: Ann elected, Ben and Cat tie for the second seat.
    _vote(cast, election, [[0, 1], [0, 2], [0, 1], [0, 2], [3]])
    result = _close_and_count(cast, election)
    ann, ben, cat, _dev = option_ids(election)
    tie = result["tie"]
    assert tie["rule"] == TieBreak.LOT and tie["tied"] == [ben, cat] and tie["places"] == 1
    # The drawing can be repeated from its seed.
    assert tie["drawn"] == random.Random(tie["seed"]).sample(sorted([ben, cat]), 1)
    assert result["elected"] == [ann, *tie["drawn"]]


def test_a_tie_for_the_chairs_casting_vote_is_reported_undecided(cast):
    Constitution.objects.create(
        organisation=cast.tmo, legal_form="company", tie_break=TieBreak.CASTING_VOTE
    )
    add_members(cast, 2)
    election = make_ballot(
        cast, kind="election", question="Treasurer", options=["Ann", "Ben"],
        rule=CountingRule.FIRST_PAST_THE_POST, seats=1,
    )  # fmt: skip
    _vote(cast, election, [[0], [1]])
    result = _close_and_count(cast, election)
    assert result["outcome"] == "tied" and result["elected"] == []
    assert result["tie"]["rule"] == TieBreak.CASTING_VOTE


def test_turnout_is_given_per_estate(cast):
    other = EstateFactory(landlord=cast.landlord, name="Alder Estate")
    add_members(cast, 3)
    add_members(cast, 2, estate=other, start=50)
    ballot = make_ballot(cast)
    codes = open_with_codes(cast, ballot)
    from tenantry.democracy.models import Voter

    for voter in Voter.objects.filter(ballot=ballot, estate=other):
        ballots.cast_vote(
            ballot=ballot, channel="online", code=codes[voter.pk], choices=option_ids(ballot)[:1]
        )
    result = _close_and_count(cast, ballot)
    assert [(e["name"], e["roll"], e["voted"]) for e in result["estates"]] == [
        ("Alder Estate", 2, 2), ("Kingsmead Estate", 3, 0)
    ]  # fmt: skip
    assert (result["roll"], result["voted"]) == (5, 2)
