"""Elections to the committee: nominations and their refusals, closing nominations (uncontested,
or a ballot on the engine in surname order), the count and declaring the result into committee
terms; a poll demanded on a motion decided by its ballot."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tenantry.democracy import ballots, meeting_services
from tenantry.democracy import election_services as services
from tenantry.democracy.election_forms import candidate_photo
from tenantry.democracy.models import (
    BallotStatus,
    CommitteeTerm,
    Constitution,
    ElectionStatus,
    Mark,
    Motion,
    Outcome,
    RefusedAttempt,
    TieBreak,
    Voter,
)
from tenantry.democracy.services import constitution_of

from .ballot_helpers import after_close
from .election_helpers import JOINED, add_numbered_members, make_election, nominate
from .factories import CommitteeTermFactory
from .meeting_factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(cast):
    constitution_of(cast.tmo)
    return add_numbered_members(cast, 12)


def _errors(excinfo) -> dict:
    return {k: " ".join(v) for k, v in excinfo.value.message_dict.items()}


# --- Nominations ------------------------------------------------------------------------------


def test_a_nomination_names_a_member_proposed_and_seconded_by_two_others(cast, members):
    election = make_election(cast)
    made = nominate(cast, election, members[0], members[1], members[2])
    assert made.candidate == members[0] and made.how == "paper"
    assert made.keyed_by == cast.people["staff"]


@pytest.mark.parametrize(
    ("who", "field", "message"),
    [
        ((0, 0, 2), "proposer", "someone other than the candidate"),
        ((0, 1, 0), "seconder", "someone other than the candidate"),
        ((0, 1, 1), "seconder", "someone other than the proposer"),
    ],
)
def test_a_candidate_cannot_nominate_themselves_nor_one_member_do_both(
    cast, members, who, field, message
):
    election = make_election(cast)
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, election, *(members[i] for i in who))
    assert message in _errors(excinfo)[field]


def test_someone_who_is_not_a_member_cannot_stand_propose_or_second(cast, members):
    applied, left = members[10], members[11]
    applied.status, applied.joined_on, applied.number = "applied", None, None
    applied.save()
    left.status, left.ended_on = "left", timezone.localdate() - timedelta(days=60)
    left.save()
    election = make_election(cast)
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, election, applied, members[1], left)
    errors = _errors(excinfo)
    assert errors["candidate"] == "The candidate must be a current member"
    assert errors["seconder"] == "The seconder must be a current member"
    assert "proposer" not in errors


def test_a_leaseholder_cannot_stand_for_a_tenant_seat_nor_a_tenant_for_a_leaseholder_seat(
    cast, members
):
    (leaseholder,) = add_numbered_members(cast, 1, tenure="leasehold", start=12)
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, make_election(cast), leaseholder, members[1], members[2])
    assert _errors(excinfo)["candidate"] == "A leaseholder cannot hold a tenant seat"
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, make_election(cast, kind="leaseholder"), members[0], members[1], members[2])
    assert _errors(excinfo)["candidate"] == "Only a leaseholder can hold a leaseholder seat"


def test_a_candidate_is_nominated_once(cast, members):
    election = make_election(cast)
    nominate(cast, election, members[0], members[1], members[2])
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, election, members[0], members[3], members[4])
    assert "already nominated" in _errors(excinfo)["candidate"]


def test_a_nomination_received_after_the_close_cannot_stand(cast, members):
    election = make_election(cast, past=True)
    late = election.nominations_close_on + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        nominate(cast, election, members[0], members[1], members[2], received_on=late)
    assert "cannot stand" in _errors(excinfo)["received_on"]
    services.close_nominations(election=election, by=cast.people["staff"])
    with pytest.raises(ValidationError, match="have closed"):
        nominate(cast, election, members[0], members[1], members[2])


def _membership_of(cast, user):
    from tenantry.democracy.models import Membership

    resident = user.resident
    return Membership.objects.create(
        organisation=cast.tmo, resident=resident, household=resident.household, number=50,
        status="member", joined_by="online", applied_on=JOINED, joined_on=JOINED,
    )  # fmt: skip


def test_a_member_stands_online_only_for_themselves(cast, members):
    election = make_election(cast)
    user = cast.people["resident"]
    own = _membership_of(cast, user)
    made = services.nominate(
        election=election, by=user, candidate=own, proposer=members[1], seconder=members[2],
        how="online", received_on=election.nominations_open_on,
    )  # fmt: skip
    assert made.how == "online" and made.received_on == timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.nominate(
            election=election, by=user, candidate=members[3], proposer=members[1],
            seconder=members[2], how="online",
        )  # fmt: skip


def test_a_resident_cannot_key_in_a_paper_nomination(cast, members):
    election = make_election(cast)
    with pytest.raises(PermissionDenied):
        services.nominate(
            election=election, by=cast.people["resident"], candidate=members[0],
            proposer=members[1], seconder=members[2],
        )  # fmt: skip


def test_a_member_is_found_by_number_and_name_together(cast, members):
    def find(organisation, number, name):
        return services.member_by_number(
            organisation=organisation, number=number, name=name, day=timezone.localdate()
        )

    assert find(cast.tmo, 2, "ben  CARTER") == members[1]
    assert find(cast.tmo, 2, "Ada Okafor") is None
    assert find(cast.other_tmo, 2, "Ben Carter") is None


# --- Photos -----------------------------------------------------------------------------------


def _image(size=(800, 600), fmt="PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return SimpleUploadedFile("me.png", out.getvalue(), content_type="image/png")


def test_a_photo_is_written_again_as_a_small_jpeg():
    made = candidate_photo(_image((1600, 1200)))
    with Image.open(made) as image:
        assert image.format == "JPEG" and image.size == (400, 300)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("me.jpg", b"not a picture at all"), "must be a JPG or PNG"),
        (_image((60, 400)), "at least 100 pixels"),
        (_image((400, 400), fmt="GIF"), "must be a JPG or PNG"),
    ],
)
def test_a_photo_that_is_not_one_is_refused(upload, message):
    with pytest.raises(ValidationError, match=message):
        candidate_photo(upload)


def test_a_photo_too_large_is_refused_before_it_is_read():
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="smaller than 5 MB"):
        candidate_photo(big)


# --- Closing nominations and the result -------------------------------------------------------


def test_no_more_candidates_than_seats_is_uncontested_and_all_are_elected(cast, members):
    election = make_election(cast, seats=2, past=True)
    nominate(cast, election, members[0], members[2], members[3])
    nominate(cast, election, members[1], members[2], members[3])
    services.close_nominations(election=election, by=cast.people["staff"])
    assert election.status == ElectionStatus.UNCONTESTED and election.ballot is None
    services.declare_result(election=election, by=cast.people["committee"])
    terms = CommitteeTerm.objects.filter(organisation=cast.tmo, kind="tenant")
    assert {t.membership_id for t in terms} == {members[0].pk, members[1].pk}
    assert {t.starts_on for t in terms} == {timezone.localdate()}
    assert {t.how for t in terms} == {"elected"}
    assert set(election.nominations.values_list("elected", flat=True)) == {True}


def test_nominations_cannot_close_before_their_last_day_has_ended(cast, members):
    election = make_election(cast, nominations_close_on=timezone.localdate())
    with pytest.raises(ValidationError, match="cannot be closed before then"):
        services.close_nominations(election=election, by=cast.people["staff"])


def _contested(cast, members, seats=2):
    election = make_election(cast, seats=seats, past=True)
    # Surnames: Okafor, Carter, Adams, Patel: the paper reads Adams, Carter, Okafor, Patel.
    for candidate in members[:4]:
        nominate(cast, election, candidate, members[10], members[11])
    services.close_nominations(election=election, by=cast.people["staff"])
    election.refresh_from_db()
    return election


def test_more_candidates_than_seats_opens_a_ballot_in_surname_order(cast, members):
    election = _contested(cast, members)
    ballot = election.ballot
    assert election.status == ElectionStatus.BALLOT
    assert ballot.kind == "election" and ballot.rule == "fptp" and ballot.seats == 2
    assert ballot.max_choices == 2
    assert list(ballot.options.values_list("label", flat=True)) == [
        "Chloe Adams", "Ben Carter", "Ada Okafor", "Dev Patel",
    ]  # fmt: skip
    assert ballot.status == BallotStatus.OPEN
    assert ballot.roll_date == election.nominations_close_on
    assert Voter.objects.filter(ballot=ballot, code_hash__isnull=False).count() == 12
    assert (ballot.online, ballot.paper, ballot.in_person) == (True, True, False)
    assert ballot.opens_at == election.voting_opens_at


def test_channels_follow_the_constitution_and_the_meeting(cast, members):
    Constitution.objects.filter(organisation=cast.tmo).update(online_votes_allowed=False)
    meeting = MeetingFactory(organisation=cast.tmo, kind="agm", day=timezone.localdate())
    election = make_election(cast, past=True, meeting=meeting)
    for candidate in members[:3]:
        nominate(cast, election, candidate, members[10], members[11])
    services.close_nominations(election=election, by=cast.people["staff"])
    assert (election.ballot.online, election.ballot.paper, election.ballot.in_person) == (
        False, True, True,
    )  # fmt: skip


def _vote(ballot, voters_choices, channel="online"):
    during = ballot.opens_at + timedelta(hours=1)
    for voter, labels in voters_choices:
        ids = list(ballot.options.filter(label__in=labels).values_list("pk", flat=True))
        ballots.cast_vote(
            ballot=ballot, channel=channel, code=ballots.voter_code(ballot.pk, voter.salt),
            choices=ids, now=during,
        )  # fmt: skip


def test_the_count_decides_who_is_elected_and_the_declaration_seats_them(cast, members):
    election = _contested(cast, members)
    ballot = election.ballot
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    # Adams 4, Carter 3, Okafor 2, Patel 1: Adams and Carter are elected.
    _vote(ballot, [(voters[0], ["Chloe Adams", "Ben Carter"]),
                   (voters[1], ["Chloe Adams", "Ben Carter"]),
                   (voters[2], ["Chloe Adams", "Ada Okafor"])])  # fmt: skip
    _vote(ballot, [(voters[3], ["Chloe Adams", "Ben Carter"]),
                   (voters[4], ["Ada Okafor", "Dev Patel"])], channel="paper")  # fmt: skip
    with pytest.raises(ValidationError):  # too many choices: three for two seats
        _vote(ballot, [(voters[5], ["Chloe Adams", "Ben Carter", "Dev Patel"])])
    with pytest.raises(ValidationError):  # a second vote, on paper after online
        _vote(ballot, [(voters[0], ["Dev Patel"])], channel="paper")
    assert RefusedAttempt.objects.filter(ballot=ballot, reason="already_voted").count() == 1
    with pytest.raises(ValidationError, match="must be closed and counted"):
        services.declare_result(election=election, by=cast.people["committee"])
    ballots.close_ballot(ballot=ballot, by=cast.people["staff"], now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=cast.people["staff"])
    election.refresh_from_db()
    elected, undecided = services.elected_and_undecided(election)
    assert [n.name for n in elected] == ["Chloe Adams", "Ben Carter"] and undecided == 0
    services.declare_result(election=election, by=cast.people["committee"])
    held = CommitteeTerm.objects.current(timezone.localdate()).filter(kind="tenant")
    assert {t.membership_id for t in held} == {members[2].pk, members[1].pk}
    assert Mark.objects.filter(ballot=ballot).count() == 5
    with pytest.raises(ValidationError, match="already been declared"):
        services.declare_result(election=election, by=cast.people["committee"])


def test_staff_may_not_declare_the_result(cast, members):
    election = make_election(cast, seats=2, past=True)
    nominate(cast, election, members[0], members[2], members[3])
    services.close_nominations(election=election, by=cast.people["staff"])
    with pytest.raises(PermissionDenied):
        services.declare_result(election=election, by=cast.people["staff"])


def test_a_tie_under_a_casting_vote_leaves_the_seat_undecided(cast, members):
    Constitution.objects.filter(organisation=cast.tmo).update(tie_break=TieBreak.CASTING_VOTE)
    election = _contested(cast, members, seats=1)
    ballot = election.ballot
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    _vote(ballot, [(voters[0], ["Chloe Adams"]), (voters[1], ["Ben Carter"])])
    ballots.close_ballot(ballot=ballot, by=None, now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=None)
    election.refresh_from_db()
    assert services.elected_and_undecided(election) == ([], 1)
    services.declare_result(election=election, by=None)
    assert not CommitteeTerm.objects.filter(kind="tenant").exists()


def test_members_retiring_by_rotation_leave_office_the_day_before_the_declaration(cast, members):
    today = timezone.localdate()
    # Three tenant members elected long ago: their three-year terms have run, so they retire.
    old = [
        CommitteeTermFactory(
            organisation=cast.tmo, kind="tenant", how="elected", name="",
            membership=m, starts_on=today.replace(year=today.year - 3) - timedelta(days=10),
        )
        for m in members[4:7]
    ]  # fmt: skip
    assert services.seats_to_fill(organisation=cast.tmo, kind="tenant", agm=today, day=today) == 8
    election = make_election(cast, seats=2, past=True)
    nominate(cast, election, members[4], members[2], members[3])  # standing again
    nominate(cast, election, members[0], members[2], members[3])
    services.close_nominations(election=election, by=None)
    services.declare_result(election=election, by=None)
    for term in old:
        term.refresh_from_db()
        assert term.ends_on == today - timedelta(days=1)
    current = CommitteeTerm.objects.current(today).filter(kind="tenant")
    assert {t.membership_id for t in current} == {members[4].pk, members[0].pk}


def test_an_election_with_voting_before_nominations_close_is_refused(cast, members):
    today = timezone.localdate()
    opens = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        make_election(
            cast, nominations_close_on=today + timedelta(days=3), voting_opens_at=opens,
            voting_closes_at=opens + timedelta(days=1),
        )  # fmt: skip
    assert "after the day nominations close" in _errors(excinfo)["voting_opens_at"]


# --- A poll demanded on a motion --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "votes", "outcome"),
    [("special", (3, 1), Outcome.CARRIED), ("special", (2, 1), Outcome.LOST),
     ("ordinary", (2, 2), Outcome.LOST), ("ordinary", (3, 2), Outcome.CARRIED)],
)  # fmt: skip
def test_a_poll_is_a_ballot_whose_count_decides_the_motion(cast, members, kind, votes, outcome):
    meeting = MeetingFactory(organisation=cast.tmo, kind="general", day=timezone.localdate())
    motion = Motion.objects.create(meeting=meeting, title="Lock the bin stores", text="That…",
                                   kind=kind)  # fmt: skip
    by = cast.people["staff"]
    meeting_services.demand_poll(motion=motion, by=by)
    motion.refresh_from_db()
    ballot = motion.ballot
    assert motion.outcome == Outcome.POLL and ballot.status == BallotStatus.OPEN
    assert ballot.question == "Lock the bin stores" and ballot.in_person and not ballot.online
    assert list(ballot.options.values_list("label", flat=True)) == ["For", "Against"]
    assert ballot.rule == ("threshold" if kind == "special" else "majority")
    if kind == "special":
        assert ballot.threshold_percent == 75
    yes, no = ballot.options.values_list("pk", flat=True)
    voters = iter(Voter.objects.filter(ballot=ballot).order_by("pk"))
    for choice, n in ((yes, votes[0]), (no, votes[1])):
        for _ in range(n):
            ballots.cast_vote(ballot=ballot, channel="in_person", voter=next(voters),
                              choices=[choice], by=by)  # fmt: skip
    ballots.close_ballot(ballot=ballot, by=by, now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=by)
    motion.refresh_from_db()
    assert motion.outcome == outcome and motion.method == "poll"
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (*votes, 0)
    assert motion.outcome_text.startswith("Carried" if outcome == Outcome.CARRIED else "Not")


def test_a_ballot_that_is_no_poll_decides_no_motion(cast, members):
    from .ballot_helpers import make_ballot

    ballot = make_ballot(cast)
    ballots.freeze_roll(ballot=ballot, by=None)
    ballots.close_ballot(ballot=ballot, by=None, now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=None)
    assert not Motion.objects.exists()
