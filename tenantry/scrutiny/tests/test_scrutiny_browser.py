"""A scrutiny review walked in Chromium on a phone (390 px): a resident asks the panel to look
at a topic; a panel member takes it up as a review, writes its scope, records a desktop review,
asks the landlord for evidence, designs a mystery shopping scoring sheet, starts shopping and
enters a shopper's results; the landlord answers the request and reads the scores without the
shopper's name; the panel writes and publishes its report; the landlord accepts the
recommendation and reports it done; the panel signs it off. axe-core finds no serious or
critical problem, and nothing is too wide."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)
from tenantry.scrutiny.models import (
    EvidenceRequest,
    ScrutinyReview,
    ScrutinyStage,
    ShoppingVisit,
    TopicRequest,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _checked(page: Page) -> None:
    assert_accessible(page)
    _fits(page)


@pytest.fixture
def phone(browser: Browser, live_server):  # noqa: F811
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_panel_runs_a_review_from_a_residents_topic_to_mystery_shopping(phone, cast):
    panel = cast.panel
    shopper = RoleFactory(
        role=Role.PANEL, organisation=panel, user=UserFactory(name="Shirley Shopper")
    ).user

    # A resident asks the landlord's panel to look at a topic, from their own organisation.
    page = phone()
    sign_in_with_password(page, cast.people["resident"])
    page.goto(reverse("scrutiny:ask", args=[cast.tmo.slug]))
    _checked(page)
    page.get_by_label("What should the panel look at").fill("How complaints are answered")
    page.get_by_label("Why").fill("My complaint took two months to answer.")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Your request is with the panel")
    _checked(page)

    # The panel member takes it up as a review.
    page = phone()
    sign_in_with_password(page, shopper)
    page.goto(reverse("scrutiny:topic-requests", args=[panel.slug]))
    _checked(page)
    expect(page.locator("main")).not_to_contain_text(cast.people["resident"].name)
    page.get_by_role("link", name="Start a review of this topic").click()
    _checked(page)
    page.get_by_label("Scope").fill("Stage 1 and 2 complaints, against the Code.")
    page.locator("main form button").click()
    expect(page.locator("h1")).to_have_text("How complaints are answered")
    _checked(page)

    page.get_by_role("link", name="Record a desktop review of the evidence").click()
    page.get_by_label("What or whom").fill("Complaint figures and the policy")
    page.get_by_label("What the panel found").fill("Answers within 10 working days fell.")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Complaint figures and the policy")

    page.get_by_role("link", name="Ask the landlord for evidence").click()
    _checked(page)
    page.get_by_label("What the panel asks for").fill("The complaints log, without names.")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Waiting")

    page.get_by_role("link", name="Plan mystery shopping").click()
    page.get_by_label("Title").fill("Complaining by phone")
    page.get_by_label("Phone").check()
    page.get_by_label("The scenario").fill("Ring to complain about a missed repair.")
    page.locator("main form button").click()
    _checked(page)
    for text, most in [("Was the call answered within a minute?", "1"), ("How helpful?", "5")]:
        page.get_by_role("link", name="Add a question").click()
        page.get_by_label("Question").fill(text)
        page.get_by_label("Highest score").fill(most)
        page.locator("main form button").click()
    page.get_by_role("button", name="Start shopping").click()
    page.get_by_role("link", name="Enter your results").click()
    _checked(page)
    page.get_by_role("group", name="Was the call answered within a minute?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="How helpful?").get_by_label("4").check()
    page.get_by_label("What happened").fill("Answered at once; polite.")
    page.get_by_role("button", name="Save my results").click()
    expect(page.locator("main")).to_contain_text("5 of 6 points")
    _checked(page)
    assert ShoppingVisit.objects.get().shopper == shopper

    # The landlord answers the request and reads the scores, never the shopper.
    page = phone()
    sign_in_with_password(page, cast.people["landlord_officer"])
    page.goto(reverse("scrutiny:followed-reviews", args=[cast.landlord.slug]))
    _checked(page)
    page.get_by_role("link", name="How complaints are answered").click()
    _checked(page)
    expect(page.locator("main")).to_contain_text("5 of 6 points")
    expect(page.locator("main")).not_to_contain_text("Shirley Shopper")
    expect(page.locator("main")).not_to_contain_text("polite")
    page.locator("main").get_by_role("link", name="Answer").click()
    _checked(page)
    page.get_by_label("Your answer").fill("Sent by email today.")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Sent by email today.")
    assert EvidenceRequest.objects.get().answered_on is not None
    assert TopicRequest.objects.get().status == "accepted"

    # The panel writes its report from what it found, and publishes it to the landlord.
    page = phone()
    sign_in_with_password(page, shopper)
    review = ScrutinyReview.objects.get()
    page.goto(reverse("scrutiny:review", args=[panel.slug, review.pk]))
    page.get_by_role("link", name="Write the report").click()
    _checked(page)
    page.get_by_label("What the panel found").fill(
        "Half of complaints missed the ten working days; callers were not told why."
    )
    page.locator("main form button").click()
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("What the panel recommends").fill("Tell every complainant the date")
    page.get_by_label("Why").fill("Callers waited without news.")
    page.locator("main form button").click()
    page.get_by_role("link", name="Publish to the landlord").click()
    _checked(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.locator("main")).to_contain_text("Tell every complainant the date")

    # The landlord finds the report from its own page, accepts and reports the action done.
    page = phone()
    sign_in_with_password(page, cast.people["landlord_officer"])
    page.goto(reverse("scrutiny:followed-reviews", args=[cast.landlord.slug]))
    page.get_by_role("link", name="How complaints are answered").click()
    page.get_by_role("link", name="The panel's report and your answers to it").click()
    _checked(page)
    page.get_by_role("link", name="Answer Tell every complainant the date").click()
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Who is responsible").fill("Complaints manager")
    page.get_by_label("Due date").fill("2099-01-31")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Following the actions")
    page.get_by_role("link", name="Report progress Tell every complainant the date").click()
    page.get_by_label("Done").check()
    page.get_by_label("What has happened").fill("Every reply now gives a date.")
    page.locator("main form button").click()
    _checked(page)

    # The panel signs it off, and the review is closed.
    page = phone()
    sign_in_with_password(page, shopper)
    page.goto(reverse("scrutiny:report", args=[panel.slug, review.pk]))
    page.get_by_role("link", name="Sign off Tell every complainant the date").click()
    _checked(page)
    page.get_by_label("Delivered", exact=True).check()
    page.get_by_label("Evidence").fill("Twenty replies read: every one gave a date.")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("Closed")
    _checked(page)
    review.refresh_from_db()
    assert review.stage == ScrutinyStage.CLOSED
