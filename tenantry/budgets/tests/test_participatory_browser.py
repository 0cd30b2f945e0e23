"""An estate's participatory budget from proposals to a delivered project, in Chromium: staff
open a round on a desktop; a resident proposes on a phone (390 px); staff key in a proposal
taken at the stall, cost and check them (one rejected with its reason) and open the vote; the
resident votes online on the phone (a basket over the budget refused first); staff key in a
paper ballot; the ballot is closed and counted; the winners appear with the rule; a payment is
recorded and the project delivered with a photo. axe-core finds no serious or critical problem
and nothing is wider than the phone."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tenantry.budgets.models import ParticipatoryRound, Project
from tenantry.democracy import ballots as engine
from tenantry.democracy.models import Ballot, Voter
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)

from .participatory_helpers import add_residents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _context(chromium: Browser, live_server, size: str) -> Page:
    context = chromium.new_context(base_url=live_server.url, **VIEWPORTS[size])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


def _code_of(resident, ballot) -> str:
    """The code printed on the resident's ballot paper."""
    voter = Voter.objects.get(ballot=ballot, resident=resident)
    return engine.voter_code(ballot.pk, voter.salt)


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def test_an_estate_runs_a_participatory_budget_to_a_delivered_project(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
):
    neighbour = add_residents(cast, 1)[0]
    slug = cast.tmo.slug
    today = timezone.localdate()
    staff = _context(browser, live_server, "desktop")
    phone = _context(browser, live_server, "phone")
    sign_in_with_password(staff, cast.people["staff"])
    sign_in_with_password(phone, cast.people["resident"])

    # Staff open a round of £1,000 on the estate, voted within the budget.
    staff.goto(reverse("budgets:pb-rounds", args=[slug]))
    staff.get_by_role("link", name="Open a participatory budget").click()
    staff.get_by_label("Name of the round").fill("Kingsmead Estate community budget")
    staff.get_by_label("Estate").select_option(label="Kingsmead Estate")
    staff.get_by_label("Money to spend (£)").fill("1000")
    staff.get_by_label("Proposals close on").fill((today + timedelta(days=14)).isoformat())
    staff.get_by_label("Within the budget").check()
    assert_accessible(staff)
    staff.locator("main form button").click()
    expect(staff.locator("h1")).to_contain_text("Kingsmead Estate community budget")
    round = ParticipatoryRound.objects.get()
    round_url = reverse("budgets:pb-round", args=[slug, round.pk])

    # The resident proposes on their phone.
    phone.goto(round_url)
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("link", name="Propose an idea").click()
    phone.locator("main form button").click()  # nothing typed: refused, the fields named
    expect(phone.locator(".govuk-error-summary")).to_be_visible()
    phone.get_by_label("Your idea in a few words").fill("Benches by the swings")
    phone.get_by_label("What it is and who it helps").fill(
        "Somewhere for parents and older neighbours to sit while children play."
    )
    assert_accessible(phone)
    _fits(phone)
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("your proposal is in")
    _fits(phone)

    # Staff key in two proposals taken at the stall.
    for title, who in (("Planters on the green", "Mrs Okafor"), ("Skate park", "Liam Byrne")):
        staff.goto(reverse("budgets:pb-propose", args=[slug, round.pk]))
        staff.get_by_label("Your idea in a few words").fill(title)
        staff.get_by_label("What it is and who it helps").fill(f"{title}, from the stall.")
        staff.get_by_label("Who proposed it").fill(who)
        staff.locator("main form button").click()
        expect(staff.locator("main")).to_contain_text(title)

    # Cost and check: two can be done; the skate park cannot, with the reason.
    for title, cost in (("Benches by the swings", "600"), ("Planters on the green", "500")):
        staff.goto(round_url)
        staff.get_by_role("link", name=f"Cost and check – {title}").click()
        staff.get_by_label("Yes: it is costed").check()
        staff.get_by_label("What it will cost (£)").fill(cost)
        staff.locator("main form button").click()
    staff.goto(round_url)
    staff.get_by_role("link", name="Cost and check – Skate park").click()
    staff.get_by_label("No: it cannot be done").check()
    staff.locator("main form button").click()  # no reason: refused
    expect(staff.locator(".govuk-error-summary")).to_contain_text("Say why it cannot be done")
    assert_accessible(staff)
    staff.get_by_label("Why it cannot be done").fill(
        "The only flat land is the council's car park, which it needs."
    )
    staff.locator("main form button").click()
    expect(staff.locator("main")).to_contain_text("the council's car park")

    # The vote opens: online and on paper.
    staff.get_by_role("link", name="Open the vote").click()
    now = timezone.localtime()
    staff.get_by_label("When voting opens").fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    staff.get_by_label("When voting closes").fill(
        (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    assert_accessible(staff)
    staff.locator("main form button").click()
    expect(staff.locator("main")).to_contain_text("The vote is open")
    ballot = Ballot.objects.get()

    # The resident votes on their phone with the code on their paper: both (£1,100) is over
    # the budget and refused; the benches alone are taken.
    phone.goto(round_url)
    expect(phone.locator("#vote")).to_be_visible()
    phone.get_by_role("link", name="Vote online with your code").click()
    phone.get_by_label("Your voting code").fill(_code_of(cast.people["resident"].resident, ballot))
    phone.locator("main form button").click()
    phone.get_by_label("Benches by the swings (£600.00)").check()
    phone.get_by_label("Planters on the green (£500.00)").check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("£1,100.00")
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_label("Planters on the green (£500.00)").uncheck()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("main")).to_contain_text("£600.00 of the £1,000.00 budget")
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("button", name="Cast my vote").click()
    expect(phone.locator("h1")).to_contain_text("Your vote is recorded")

    # A neighbour's paper from the door-to-door round, keyed in by staff: the planters.
    staff.goto(round_url)
    staff.get_by_role("link", name="Key in paper ballots from the stall or door to door").click()
    staff.get_by_label("Code on the paper").fill(_code_of(neighbour, ballot))
    staff.get_by_label("Planters on the green (£500.00)").check()
    staff.locator("main form button").click()
    expect(staff.locator("main")).to_contain_text("recorded")

    # Voting time is over; staff close and count on the ballot's page.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    staff.goto(reverse("democracy:ballot", args=[slug, ballot.pk]))
    staff.get_by_role("button", name="Close the ballot").click()
    staff.get_by_role("button", name="Count the votes").click()

    # One vote each: equal votes take the cheaper first, so the planters (£500) are chosen,
    # leaving £500, and the benches (£600) no longer fit and are skipped.
    staff.goto(round_url)
    expect(staff.locator("#results")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("Skipped: no longer fits")
    expect(staff.locator("main")).to_contain_text("2 of the 2 residents on the roll voted")
    assert_accessible(staff)
    project = Project.objects.get()
    assert project.proposal.title == "Planters on the green"

    # Spend and delivery.
    staff.get_by_role("link", name="Planters on the green").first.click()
    staff.get_by_role("link", name="Record a payment").click()
    staff.get_by_label("Amount paid (£)").fill("480.50")
    staff.get_by_label("What it paid for").fill("Six planters and compost")
    staff.get_by_label("Invoice or receipt number").fill("INV-2231")
    staff.locator("main form button").click()
    expect(staff.locator("main")).to_contain_text("£480.50")
    staff.get_by_role("link", name="Mark it delivered").click()
    staff.get_by_label("What was done").fill("Six planters along the green, planted by the club.")
    staff.get_by_label("A photo of it (optional)").set_input_files(
        {"name": "planters.png", "mimeType": "image/png", "buffer": _photo()}
    )
    staff.locator("main form button").click()
    expect(staff.locator("main")).to_contain_text("Delivered")
    assert_accessible(staff)

    # The resident reads the delivered project on their phone.
    phone.goto(reverse("budgets:pb-project", args=[slug, round.pk, project.pk]))
    expect(phone.locator("main")).to_contain_text("Six planters along the green")
    expect(phone.locator("main img")).to_be_visible()
    assert_accessible(phone)
    _fits(phone)
    project.refresh_from_db()
    assert project.status == "delivered"
