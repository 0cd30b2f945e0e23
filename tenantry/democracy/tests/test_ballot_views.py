"""The ballot pages: voting online step by step with a code, keying in paper and in-person
votes, the scrutineer's pages, results and downloads."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.democracy import ballots
from tenantry.democracy.models import Mark, RefusedAttempt, Voter
from tenantry.organisations.models import RoleAssignment

from .ballot_helpers import add_members, after_close, make_ballot, open_with_codes, option_ids

pytestmark = pytest.mark.django_db

LIST_QUERIES = 6
REGISTER_QUERIES = 11  # the page of voters: their keys in name order, then those voters


@pytest.fixture
def ballot(cast):
    add_members(cast, 6)
    ballot = make_ballot(cast)
    ballot.codes = open_with_codes(cast, ballot)
    return ballot


def test_a_voter_votes_online_with_their_code_in_four_steps(client, ballot):
    voter_id, code = next(iter(ballot.codes.items()))
    yes = option_ids(ballot)[0]
    page = client.get(reverse("ballot:enter-code") + f"?code={code}")
    assert page.status_code == 200 and code in page.content.decode()
    choose = client.post(reverse("ballot:enter-code"), {"step": "code", "code": code})
    assert ballot.question in choose.content.decode()
    empty = client.post(reverse("ballot:enter-code"), {"step": "choose", "code": code})
    assert "Error:" in empty.content.decode()
    check = client.post(
        reverse("ballot:enter-code"), {"step": "choose", "code": code, "choices": yes}
    )
    assert "Check your vote" in check.content.decode() and "For" in check.content.decode()
    assert not Mark.objects.exists()
    cast_ = client.post(
        reverse("ballot:enter-code"), {"step": "cast", "code": code, "choices": yes}
    )
    assert cast_.status_code == 302 and cast_.url == reverse("ballot:voted")
    assert Mark.objects.get().voter_id == voter_id
    again = client.post(reverse("ballot:enter-code"), {"step": "code", "code": code})
    assert "You have already voted" in again.content.decode()


def test_a_wrong_code_is_refused_with_a_message_that_keeps_it(client, ballot):
    page = client.post(reverse("ballot:enter-code"), {"step": "code", "code": "ZZZZ-ZZZZ-ZZZZ"})
    assert "does not match any voter" in page.content.decode()
    assert "ZZZZ-ZZZZ-ZZZZ" in page.content.decode()


def test_staff_key_in_a_paper_and_a_second_paper_is_refused(client_as, cast, ballot):
    client = client_as(cast.people["staff"])
    code = next(iter(ballot.codes.values()))
    url = reverse("democracy:key-paper-vote", args=[cast.tmo.slug, ballot.pk])
    assert client.get(url).status_code == 200
    done = client.post(url, {"code": code, "choices": option_ids(ballot)[1]})
    assert done.status_code == 302
    again = client.post(url, {"code": code, "choices": option_ids(ballot)[0]})
    assert "already been recorded" in again.content.decode()
    assert Mark.objects.count() == 1 and RefusedAttempt.objects.count() == 1


def test_an_in_person_vote_is_recorded_against_the_roll(client_as, cast, ballot):
    client = client_as(cast.people["committee"])
    voter = Voter.objects.filter(ballot=ballot).select_related("resident").first()
    found = client.get(
        reverse("democracy:in-person-vote", args=[cast.tmo.slug, ballot.pk]),
        {"q": voter.resident.name},
    )
    assert voter.resident.name in found.content.decode()
    url = reverse("democracy:in-person-vote-for", args=[cast.tmo.slug, ballot.pk, voter.pk])
    assert client.post(url, {"choices": option_ids(ballot)[0]}).status_code == 302
    assert Mark.objects.get().channel == "in_person"


def test_the_scrutineer_sees_the_register_and_refusals_but_changes_nothing(client_as, cast, ballot):
    scrutineer = cast.people["inspector"]
    RoleAssignment.objects.filter(user=scrutineer).update(role="scrutineer")
    code = next(iter(ballot.codes.values()))
    ballots.cast_vote(ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1])
    with pytest.raises(Exception):  # noqa: B017, PT011
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1]
        )
    client = client_as(scrutineer)
    page = client.get(reverse("democracy:ballot-scrutiny", args=[cast.tmo.slug, ballot.pk]))
    assert page.status_code == 200
    assert "Already voted" in page.content.decode()
    download = client.get(
        reverse("democracy:export-marked-register", args=[cast.tmo.slug, ballot.pk, "csv"])
    )
    text = b"".join(download.streaming_content).decode()
    assert "Online" in text and "For" not in text.split("\n", 1)[1]
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][5:] == ["Voted", "How", "Voted on"]
    voted = [row for row in rows[1:] if row[5] == "TRUE"]
    assert len(voted) == 1 and voted[0][6:] == ["Online", timezone.localdate().isoformat()]
    assert len(rows) - 1 == ballot.roll.count()
    assert all(row[6:] == ["", ""] for row in rows[1:] if row[5] == "FALSE")
    for name in ("freeze-roll", "close-ballot", "count-ballot"):
        url = reverse(f"democracy:{name}", args=[cast.tmo.slug, ballot.pk])
        assert client.post(url).status_code == 403
    assert (
        client.get(reverse("democracy:key-paper-vote", args=[cast.tmo.slug, ballot.pk])).status_code
        == 403
    )


def test_results_and_certificate_after_the_count(client_as, cast, ballot):
    for code in list(ballot.codes.values())[:5]:
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1]
        )
    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=cast.people["committee"])
    client = client_as(cast.people["landlord_officer"])
    page = client.get(reverse("democracy:ballot-results", args=[cast.tmo.slug, ballot.pk]))
    text = page.content.decode()
    assert "Carried" in text and "Kingsmead Estate" in text
    pdf = client.get(reverse("democracy:ballot-certificate", args=[cast.tmo.slug, ballot.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_create_a_resolution_from_the_page(client_as, cast):
    client = client_as(cast.people["committee"])
    url = reverse("democracy:create-ballot", args=[cast.tmo.slug])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"kind": "resolution", "question": "Adopt the policy?", "options": "For",
                            "rule": "majority", "roll_date": "2026-02-30",
                            "opens_at": "2026-03-01T09:00", "closes_at": "2026-02-01T09:00",
                            "channels": ["online"]})  # fmt: skip
    text = bad.content.decode()
    assert "Adopt the policy?" in text and "Voting must close after it opens" in text
    good = client.post(url, {"kind": "resolution", "question": "Adopt the policy?",
                             "options": "For\nAgainst", "rule": "majority",
                             "roll_date": "2026-02-01", "opens_at": "2026-03-01T09:00",
                             "closes_at": "2026-03-15T17:00",
                             "channels": ["online", "paper"]})  # fmt: skip
    assert good.status_code == 302
    detail = client.get(good.url)
    assert "Freeze the roll and issue codes" in detail.content.decode()


def test_paper_ballots_print_with_codes(client_as, cast, ballot):
    client = client_as(cast.people["staff"])
    pdf = client.get(reverse("democracy:ballot-papers", args=[cast.tmo.slug, ballot.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_the_ballot_list_and_the_register_take_a_fixed_number_of_queries(
    client_as, cast, ballot, django_assert_num_queries
):
    client = client_as(cast.people["committee"])
    for n in range(3):
        make_ballot(cast, question=f"Question {n}?")
    for code in list(ballot.codes.values())[:4]:
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1]
        )
    list_url = reverse("democracy:ballots", args=[cast.tmo.slug])
    register_url = reverse("democracy:ballot-scrutiny", args=[cast.tmo.slug, ballot.pk])
    client.get(list_url)
    with django_assert_num_queries(LIST_QUERIES):
        listed = client.get(list_url)
    counts = {b.pk: (b.roll_count, b.mark_count) for b in listed.context["page"]}
    assert counts[ballot.pk] == (Voter.objects.filter(ballot=ballot).count(), 4)
    assert sorted(marks for _, marks in counts.values()) == [0, 0, 0, 4]  # none is not empty
    with django_assert_num_queries(REGISTER_QUERIES):
        assert client.get(register_url).status_code == 200
    add_members(cast, 20, start=100)
    make_ballot(cast, question="One more?")
    with django_assert_num_queries(LIST_QUERIES):
        client.get(list_url)
