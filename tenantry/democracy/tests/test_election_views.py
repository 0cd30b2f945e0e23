"""The election pages: calling an election, keying in a nomination and its errors, a member
standing online, closing and declaring, the candidates on the election page and on the voting
page."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tenantry.democracy import ballots
from tenantry.democracy.models import Election, ElectionStatus, Membership, Nomination, Voter
from tenantry.democracy.services import constitution_of

from .ballot_helpers import after_close
from .election_helpers import JOINED, add_numbered_members, make_election, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(cast):
    constitution_of(cast.tmo)
    return add_numbered_members(cast, 12)


def _url(name, cast, *args):
    return reverse(f"democracy:{name}", args=[cast.tmo.slug, *args])


def _png(size=(300, 300)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(out, format="PNG")
    return SimpleUploadedFile("ada.png", out.getvalue(), content_type="image/png")


def test_committee_calls_an_election_with_the_seats_to_fill_suggested(client_as, cast, members):
    client = client_as(cast.people["committee"])
    page = client.get(_url("create-election", cast))
    assert page.status_code == 200 and "Seats to fill at the AGM" in page.content.decode()
    today = timezone.localdate()
    data = {
        "kind": "tenant", "seats": "2", "meeting": "",
        "nominations_open_on": today.isoformat(),
        "nominations_close_on": (today + timedelta(days=14)).isoformat(),
        "voting_opens_at": f"{today + timedelta(days=16)}T09:00",
        "voting_closes_at": f"{today + timedelta(days=30)}T19:00",
    }  # fmt: skip
    made = client.post(_url("create-election", cast), data)
    election = Election.objects.get()
    assert made.status_code == 302 and made.url == _url("election", cast, election.pk)
    bad = client.post(_url("create-election", cast), data | {"voting_opens_at": f"{today}T09:00"})
    assert bad.status_code == 400
    assert "Voting must open after the day nominations close" in bad.content.decode()


def test_a_paper_nomination_is_keyed_in_with_a_photo(client_as, cast, members):
    election = make_election(cast)
    client = client_as(cast.people["staff"])
    data = {
        "candidate_number": "1", "candidate_name": "Ada Okafor",
        "proposer_number": "2", "proposer_name": "Ben Carter",
        "seconder_number": "3", "seconder_name": "Chloe Adams",
        "statement": "Ten years on the estate.", "received_on": timezone.localdate().isoformat(),
    }  # fmt: skip
    made = client.post(_url("key-nomination", cast, election.pk), data | {"photo": _png()})
    assert made.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.photo.name.startswith(f"candidates/{cast.tmo.pk}/")
    page = client.get(_url("election", cast, election.pk)).content.decode()
    assert 'alt="Ada Okafor"' in page and "data:image/jpeg;base64," in page
    assert "Proposed by Ben Carter, seconded by Chloe Adams" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"candidate_name": "Ada Smith"}, "candidate_number", "No current member has that"),
        ({"proposer_number": "1", "proposer_name": "Ada Okafor"}, "proposer_number",
         "someone other than the candidate"),
        ({"seconder_number": "99"}, "seconder_number", "No current member has that"),
        ({"statement": "x" * 1501}, "statement", "1500 characters or fewer"),
    ],
)  # fmt: skip
def test_a_nomination_with_a_mistake_keeps_what_was_typed_and_names_the_field(
    client_as, cast, members, change, field, message
):
    election = make_election(cast)
    client = client_as(cast.people["staff"])
    data = {
        "candidate_number": "1", "candidate_name": "Ada Okafor",
        "proposer_number": "2", "proposer_name": "Ben Carter",
        "seconder_number": "3", "seconder_name": "Chloe Adams",
        "statement": "Ten years on the estate.", "received_on": timezone.localdate().isoformat(),
    } | change  # fmt: skip
    page = client.post(_url("key-nomination", cast, election.pk), data)
    html = page.content.decode()
    assert page.status_code == 400 and message in html.replace(",", "")
    assert f'href="#id_{field}"' in html
    assert 'value="Ada' in html or 'value="Ada Smith"' in html
    assert not Nomination.objects.exists()


def test_a_photo_too_large_is_refused_on_the_form(client_as, cast, members):
    election = make_election(cast)
    client = client_as(cast.people["staff"])
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10))
    data = {
        "candidate_number": "1", "candidate_name": "Ada Okafor",
        "proposer_number": "2", "proposer_name": "Ben Carter",
        "seconder_number": "3", "seconder_name": "Chloe Adams",
        "received_on": timezone.localdate().isoformat(), "photo": big,
    }  # fmt: skip
    page = client.post(_url("key-nomination", cast, election.pk), data)
    assert page.status_code == 400 and "smaller than 5 MB" in page.content.decode()


def test_a_member_stands_online_and_a_resident_who_is_not_one_is_told(client_as, cast, members):
    election = make_election(cast)
    user = cast.people["resident"]
    client = client_as(user)
    page = client.get(_url("stand", cast, election.pk)).content.decode()
    assert "Only members can stand" in page
    resident = user.resident
    Membership.objects.create(
        organisation=cast.tmo, resident=resident, household=resident.household, number=40,
        status="member", joined_by="online", applied_on=JOINED, joined_on=JOINED,
    )  # fmt: skip
    assert "Your statement" in client.get(_url("stand", cast, election.pk)).content.decode()
    data = {
        "proposer_number": "2", "proposer_name": "Ben Carter",
        "seconder_number": "3", "seconder_name": "Chloe Adams",
        "statement": "I will fight for the lifts.",
    }  # fmt: skip
    made = client.post(_url("stand", cast, election.pk), data)
    assert made.status_code == 302
    assert Nomination.objects.get().candidate.resident == resident
    page = client.get(_url("election", cast, election.pk)).content.decode()
    assert "I will fight for the lifts." in page and "Proposed by" not in page


def test_close_and_declare_are_posts_and_the_result_shows_votes_and_turnout(
    client_as, cast, members
):
    election = make_election(cast, seats=1, past=True)
    nominate(cast, election, members[0], members[10], members[11])
    nominate(cast, election, members[1], members[10], members[11])
    staff = client_as(cast.people["staff"])
    staff.post(_url("close-nominations", cast, election.pk))
    election.refresh_from_db()
    assert election.status == ElectionStatus.BALLOT
    ballot = election.ballot
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    okafor = ballot.options.get(label="Ada Okafor").pk
    for voter in voters[:3]:
        ballots.cast_vote(
            ballot=ballot, channel="online", code=ballots.voter_code(ballot.pk, voter.salt),
            choices=[okafor], now=ballot.opens_at + timedelta(minutes=5),
        )  # fmt: skip
    ballots.close_ballot(ballot=ballot, by=None, now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=None)
    assert staff.post(_url("declare-result", cast, election.pk)).status_code == 403
    committee = client_as(cast.people["committee"])
    committee.post(_url("declare-result", cast, election.pk))
    page = committee.get(_url("election", cast, election.pk)).content.decode()
    assert "Turnout: 3 of 12 members voted (25%)" in page
    assert "3 votes" in page and "0 votes" in page and "Elected" in page
    assert _url("ballot-certificate", cast, ballot.pk) in page
    ballot_page = committee.get(_url("ballot", cast, ballot.pk)).content.decode()
    assert _url("election", cast, election.pk) in ballot_page
    resident_page = client_as(cast.people["resident"]).get(_url("election", cast, election.pk))
    assert "Results certificate" not in resident_page.content.decode()


def test_the_voting_page_shows_the_candidates_statements(client, cast, members):
    election = make_election(cast, seats=1, past=True)
    nominate(cast, election, members[0], members[10], members[11], statement="Lifts first.")
    nominate(cast, election, members[1], members[10], members[11], statement="Bins first.")
    from tenantry.democracy import election_services

    election_services.close_nominations(election=election, by=None)
    ballot = election.ballot
    ballot.opens_at = timezone.now() - timedelta(hours=1)
    ballot.save()
    voter = Voter.objects.filter(ballot=ballot).first()
    code = ballots.voter_code(ballot.pk, voter.salt)
    page = client.post(reverse("ballot:enter-code"), {"step": "code", "code": code})
    html = page.content.decode()
    assert "The candidates" in html and "Lifts first." in html and "Bins first." in html
    assert html.index("Ben Carter") < html.index("Ada Okafor")


def test_demanding_a_poll_on_the_page_opens_its_ballot_for_votes_in_person(
    client_as, cast, members
):
    from tenantry.democracy.models import Motion
    from tenantry.democracy.tests.meeting_factories import MeetingFactory

    meeting = MeetingFactory(organisation=cast.tmo, kind="general", day=timezone.localdate())
    motion = Motion.objects.create(meeting=meeting, title="New bins", text="That…")
    client = client_as(cast.people["staff"])
    client.post(
        reverse("democracy:motion", args=[cast.tmo.slug, meeting.pk, motion.pk]),
        {"action": "poll"},
    )
    motion.refresh_from_db()
    assert motion.outcome == "poll" and motion.ballot.status == "open"
    assert Voter.objects.filter(ballot=motion.ballot).count() == 12
    page = client.get(reverse("democracy:meeting", args=[cast.tmo.slug, meeting.pk]))
    assert _url("in-person-vote", cast, motion.ballot_id) in page.content.decode()
    ballot_page = client.get(_url("ballot", cast, motion.ballot_id)).content.decode()
    assert "A poll on the motion “New bins”" in ballot_page


def test_the_scrutineer_reads_an_election_and_changes_nothing(client_as, cast, members):
    from tenantry.organisations.models import RoleAssignment

    scrutineer = cast.people["inspector"]
    RoleAssignment.objects.filter(user=scrutineer).update(role="scrutineer")
    election = make_election(cast, seats=1, past=True)
    nominate(cast, election, members[0], members[10], members[11])
    client = client_as(scrutineer)
    assert "Ada Okafor" in client.get(_url("election", cast, election.pk)).content.decode()
    assert client.get(_url("key-nomination", cast, election.pk)).status_code == 403
    assert client.post(_url("close-nominations", cast, election.pk)).status_code == 403
    assert client.post(_url("declare-result", cast, election.pk)).status_code == 403
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATIONS


def test_the_list_and_an_election_take_the_same_queries_however_many(
    client_as, cast, members, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(cast.people["committee"])
    first = make_election(cast, seats=3)
    nominate(cast, first, members[0], members[10], members[11])

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    client.get(_url("elections", cast))  # the menu learns whether the landlord has a panel
    few_list, few_page = queries(_url("elections", cast)), queries(_url("election", cast, first.pk))
    for i in range(4):
        make_election(cast)
        nominate(cast, first, members[1 + i], members[10], members[11])
    assert queries(_url("elections", cast)) == few_list
    assert queries(_url("election", cast, first.pk)) == few_page
