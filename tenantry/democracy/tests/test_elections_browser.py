"""The AGM's committee election in Chromium: a paper nomination keyed in, nominations closed
into a ballot, one vote online with a code (the candidates' statements beside it), one paper
vote keyed in by staff and a second paper from the online voter refused, the ballot closed and
counted, the result declared and its certificate downloaded; axe finds no serious or critical
problem and nothing is too wide on a phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tenantry.democracy import ballots
from tenantry.democracy.models import Ballot, CommitteeTerm, Mark, RefusedAttempt, Voter
from tenantry.democracy.services import constitution_of
from tenantry.democracy.tests.election_helpers import (
    add_numbered_members,
    make_election,
    nominate,
)
from tenantry.democracy.tests.meeting_factories import MeetingFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:  # noqa: F811
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_committee_election_by_ballot_at_the_agm(page: Page, cast):  # noqa: F811
    constitution_of(cast.tmo)
    members = add_numbered_members(cast, 8)
    today = timezone.localdate()
    agm = MeetingFactory(organisation=cast.tmo, kind="agm", day=today)
    now = timezone.now()
    election = make_election(
        cast, seats=1, past=True, meeting=agm,
        voting_opens_at=now - timedelta(minutes=5), voting_closes_at=now + timedelta(hours=2),
    )  # fmt: skip
    nominate(cast, election, members[0], members[5], members[6], statement="Lifts that work.")
    sign_in_with_password(page, cast.people["committee"])

    page.goto(reverse("democracy:election", args=[cast.tmo.slug, election.pk]))
    page.get_by_role("link", name="Key in a paper nomination").click()
    page.get_by_label("Candidate's membership number").fill("2")
    page.get_by_label("Candidate's full name").fill("Ben Carter")
    page.get_by_label("Proposer's membership number").fill("6")
    page.get_by_label("Proposer's full name").fill("Finn Walsh")
    page.get_by_label("Seconder's membership number").fill("6")
    page.get_by_label("Seconder's full name").fill("Finn Walsh")
    page.get_by_label("Candidate's statement").fill("A safer estate at night.")
    page.get_by_label("Day the nomination form was received").fill(
        election.nominations_close_on.isoformat()
    )
    page.get_by_role("button", name="Add the nomination").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The seconder must be someone other than the proposer"
    )
    expect(page.get_by_label("Candidate's full name")).to_have_value("Ben Carter")
    _fits(page)
    assert_accessible(page)
    page.get_by_label("Seconder's membership number").fill("7")
    page.get_by_label("Seconder's full name").fill("Gita Shah")
    page.get_by_role("button", name="Add the nomination").click()
    expect(page.locator("main")).to_contain_text("Ben Carter is nominated.")

    page.get_by_role("button", name="Close nominations").click()
    expect(page.locator("main")).to_contain_text("the ballot is ready")
    _fits(page)
    assert_accessible(page)
    ballot = Ballot.objects.get(election=election)
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    online_code = ballots.voter_code(ballot.pk, voters[0].salt)
    paper_code = ballots.voter_code(ballot.pk, voters[1].salt)

    page.goto(reverse("ballot:enter-code"))
    page.get_by_label("Your voting code").fill(online_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Lifts that work.")
    expect(page.locator("main")).to_contain_text("A safer estate at night.")
    _fits(page)
    assert_accessible(page)
    page.get_by_label("Ada Okafor").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.locator("h1")).to_contain_text("Your vote is recorded")

    paper_url = reverse("democracy:key-paper-vote", args=[cast.tmo.slug, ballot.pk])
    page.goto(paper_url)
    page.get_by_label("Code on the paper").fill(paper_code)
    page.get_by_label("Ada Okafor").check()
    page.get_by_role("button", name="Record the paper").click()
    expect(page.locator("main")).to_contain_text("The paper ballot is recorded")
    page.get_by_label("Code on the paper").fill(online_code)
    page.get_by_label("Ben Carter").check()
    page.get_by_role("button", name="Record the paper").click()
    expect(page.locator("main")).to_contain_text("A vote has already been recorded")
    assert Mark.objects.filter(ballot=ballot).count() == 2
    assert RefusedAttempt.objects.filter(ballot=ballot, channel="paper").count() == 1

    # The poll closes at the AGM: the clock moves on to it.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    page.goto(reverse("democracy:ballot", args=[cast.tmo.slug, ballot.pk]))
    page.get_by_role("button", name="Close the ballot").click()
    page.get_by_role("button", name="Count the votes").click()

    page.goto(reverse("democracy:election", args=[cast.tmo.slug, election.pk]))
    page.get_by_role("button", name="Declare the result").click()
    expect(page.locator("main")).to_contain_text("The result is declared")
    expect(page.locator("main")).to_contain_text("Turnout: 2 of 8 members voted (25%)")
    expect(page.locator("main")).to_contain_text("2 votes")
    _fits(page)
    assert_accessible(page)
    term = CommitteeTerm.objects.get(organisation=cast.tmo, kind="tenant")
    assert term.membership == members[0] and term.starts_on == today
    certificate = page.get_by_role("link", name="Results certificate (PDF)").get_attribute("href")
    assert page.request.get(certificate).body().startswith(b"%PDF")
