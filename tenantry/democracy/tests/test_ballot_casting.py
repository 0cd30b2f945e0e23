"""Casting: one vote per voter on any channel, the first received stands; votes sealed and
opened only in batches; the refused attempts kept for the scrutineer without the vote."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tenantry.democracy import ballots
from tenantry.democracy.models import (
    Channel,
    CountingRule,
    Envelope,
    Mark,
    Paper,
    PaperChoice,
    RefusalReason,
    RefusedAttempt,
    Voter,
)

from .ballot_helpers import add_members, make_ballot, open_with_codes, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(cast, settings):
    settings.BALLOT_MIX_BATCH = 3
    add_members(cast, 5)
    ballot = make_ballot(cast)
    ballot.codes = open_with_codes(cast, ballot)
    return ballot


def test_an_online_vote_marks_the_register_and_seals_an_envelope(cast, ballot):
    voter_id, code = next(iter(ballot.codes.items()))
    ballots.cast_vote(
        ballot=ballot, channel=Channel.ONLINE, code=code.lower(), choices=[option_ids(ballot)[0]]
    )

    mark = Mark.objects.get()
    assert (mark.voter_id, mark.channel, mark.keyed_by) == (voter_id, "online", None)
    envelope = Envelope.objects.get()
    assert ballots.casting.open_seal(envelope.sealed)["c"] == [option_ids(ballot)[0]]
    assert not Paper.objects.exists()  # sealed until a batch is opened


def test_a_second_vote_on_any_channel_is_refused_and_the_first_stands(cast, ballot):
    voter_id, code = next(iter(ballot.codes.items()))
    yes, no = option_ids(ballot)
    ballots.cast_vote(ballot=ballot, channel=Channel.ONLINE, code=code, choices=[yes])

    with pytest.raises(ValidationError) as online_again:
        ballots.cast_vote(ballot=ballot, channel=Channel.ONLINE, code=code, choices=[no])
    with pytest.raises(ValidationError) as paper_later:
        ballots.cast_vote(
            ballot=ballot, channel=Channel.PAPER, code=code, choices=[no], by=cast.people["staff"]
        )
    with pytest.raises(ValidationError):
        ballots.cast_vote(
            ballot=ballot,
            channel=Channel.IN_PERSON,
            voter=Voter.objects.get(pk=voter_id),
            choices=[no],
            by=cast.people["committee"],
        )

    assert online_again.value.code == paper_later.value.code == RefusalReason.ALREADY_VOTED
    assert "already been recorded" in paper_later.value.messages[0]
    assert Mark.objects.count() == Envelope.objects.count() == 1
    assert ballots.casting.open_seal(Envelope.objects.get().sealed)["c"] == [yes]
    refused = RefusedAttempt.objects.order_by("pk")
    assert [(r.voter_id, r.channel, r.reason) for r in refused] == [
        (voter_id, "online", "already_voted"),
        (voter_id, "paper", "already_voted"),
        (voter_id, "in_person", "already_voted"),
    ]
    assert refused[1].keyed_by == cast.people["staff"]
    # The refused vote is not kept anywhere: no column of the log holds a choice.
    assert {f.name for f in RefusedAttempt._meta.get_fields()} == {
        "id",
        "ballot",
        "voter",
        "channel",
        "reason",
        "tried_on",
        "keyed_by",
    }


def test_a_wrong_code_is_refused_and_logged_without_a_voter(cast, ballot):
    with pytest.raises(ValidationError) as refused:
        ballots.cast_vote(
            ballot=ballot,
            channel=Channel.ONLINE,
            code="AAAA-BBBB-CCCC",
            choices=option_ids(ballot)[:1],
        )
    assert refused.value.code == RefusalReason.UNKNOWN_CODE
    assert RefusedAttempt.objects.get().voter is None
    assert not Mark.objects.exists()


def test_choices_must_be_the_ballots_own_and_no_more_than_the_seats(cast, ballot):
    code = next(iter(ballot.codes.values()))
    for choices in ([], option_ids(ballot), [999999]):
        with pytest.raises(ValidationError):
            ballots.cast_vote(ballot=ballot, channel=Channel.ONLINE, code=code, choices=choices)
    assert not Mark.objects.exists() and not RefusedAttempt.objects.exists()


def test_an_election_takes_up_to_as_many_choices_as_seats(cast):
    add_members(cast, 1)
    election = make_ballot(
        cast,
        kind="election",
        question="Committee election",
        options=["Ann", "Ben", "Cat", "Dev"],
        rule=CountingRule.FIRST_PAST_THE_POST,
        seats=2,
    )
    code = next(iter(open_with_codes(cast, election).values()))
    ann, ben, cat, _dev = option_ids(election)
    with pytest.raises(ValidationError):
        ballots.cast_vote(ballot=election, channel="online", code=code, choices=[ann, ben, cat])
    ballots.cast_vote(ballot=election, channel="online", code=code, choices=[ann, ben])
    assert ballots.casting.open_seal(Envelope.objects.get().sealed)["c"] == [ann, ben]


def test_votes_are_refused_before_the_opening_and_after_the_closing(cast, ballot):
    code = next(iter(ballot.codes.values()))
    for now in (ballot.opens_at - timedelta(seconds=1), ballot.closes_at):
        with pytest.raises(ValidationError) as refused:
            ballots.cast_vote(
                ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1], now=now
            )
        assert refused.value.code == RefusalReason.NOT_OPEN
    assert not Mark.objects.exists()


def test_a_channel_the_ballot_does_not_take_is_refused(cast):
    add_members(cast, 1)
    ballot = make_ballot(cast, online=False)
    code = next(iter(open_with_codes(cast, ballot).values()))
    with pytest.raises(ValidationError):
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1]
        )


def test_only_staff_and_committee_key_votes_in(cast, ballot):
    code = next(iter(ballot.codes.values()))
    for role in ("resident", "inspector", "landlord_officer"):
        with pytest.raises(PermissionDenied):
            ballots.cast_vote(
                ballot=ballot, channel="paper", code=code, choices=option_ids(ballot)[:1],
                by=cast.people[role],
            )  # fmt: skip


def test_envelopes_are_opened_only_in_batches_of_the_mix_size(
    cast, ballot, django_capture_on_commit_callbacks
):
    codes = list(ballot.codes.values())
    yes, no = option_ids(ballot)
    for n, code in enumerate(codes[:2]):
        with django_capture_on_commit_callbacks(execute=True):
            ballots.cast_vote(
                ballot=ballot, channel="online", code=code, choices=[yes if n else no]
            )
    assert Envelope.objects.count() == 2 and not Paper.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        ballots.cast_vote(
            ballot=ballot, channel="paper", code=codes[2], spoilt=True, by=cast.people["staff"]
        )

    assert not Envelope.objects.exists()
    assert Paper.objects.count() == 3
    assert Paper.objects.filter(spoilt=True).count() == 1
    assert sorted(PaperChoice.objects.values_list("option_id", flat=True)) == sorted([yes, no])


def test_an_in_person_vote_is_keyed_against_the_roll(cast, ballot):
    voter = Voter.objects.filter(ballot=ballot).first()
    ballots.cast_vote(
        ballot=ballot, channel="in_person", voter=voter, choices=option_ids(ballot)[:1],
        by=cast.people["staff"],
    )  # fmt: skip
    mark = Mark.objects.get()
    assert (mark.voter, mark.channel, mark.keyed_by) == (voter, "in_person", cast.people["staff"])
