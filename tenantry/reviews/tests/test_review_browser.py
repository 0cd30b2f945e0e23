"""A committee member takes a review from the programme to a published improvement plan in
Chromium, entirely on screen: the programme and its entry, the review started, its nine steps
recorded, a decision, the plan's seven answers, an action, consultation, revision, publishing
and the public page. The first half on a desktop, the rest on a phone (390 px); axe-core finds
no serious or critical problem and nothing is too wide on the phone."""

import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)
from tenantry.reviews.models import ImprovementPlan, PlanStage, Review, StepStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    "Repairs reporting, appointments and the contractor's work.",
    "A survey of every household and two open meetings.",
    "Appointments are missed because tenants are not asked.",
    "Repairs done right first time, at a time that suits.",
    "Book appointments with tenants from April.",
    "Repairs on time from 81% to 92% in two years.",
    "Figures every quarter in the newsletter.",
]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _main(page: Page):
    return page.locator("main")


@pytest.fixture
def walk_page(browser: Browser, live_server) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS["desktop"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []  # what assert_accessible reads: scripts that threw
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    yield page
    context.close()


def test_a_committee_member_takes_a_review_from_the_programme_to_a_published_plan(
    walk_page: Page, cast
):
    page = walk_page
    started = time.monotonic()
    today = timezone.localdate()
    slug = cast.tmo.slug
    sign_in_with_password(page, cast.people["committee"])

    # The programme: written, then a service added to it.
    page.goto(reverse("reviews:programme", args=[slug]))
    page.get_by_role("link", name="Write the programme").click()
    first_year = today.year if today.month >= 4 else today.year - 1
    page.get_by_label("First year of the programme").fill(str(first_year))
    page.locator("main form button").click()
    page.get_by_role("link", name="Add a service to review").click()
    page.get_by_label("Service", exact=True).select_option("repairs")
    page.get_by_label("The organisation reviews it itself").check()
    page.get_by_label("Review starts").fill(today.isoformat())
    page.get_by_label("Consultation and comparison done by").fill(
        (today + timedelta(days=120)).isoformat()
    )
    page.get_by_label("Improvement plan agreed by").fill((today + timedelta(days=240)).isoformat())
    assert_accessible(page)
    page.locator("main form button").click()
    expect(_main(page)).to_contain_text("The organisation reviews it itself")

    # The review started.
    page.goto(reverse("reviews:reviews", args=[slug]))
    page.get_by_role("link", name="Start a review").click()
    page.get_by_label("Service to review").select_option("repairs")
    page.get_by_label("Title").fill("Review of the repairs service")
    page.get_by_label("Started on").fill(today.isoformat())
    page.locator("main form button").click()
    expect(page.locator("h1")).to_contain_text("Review of the repairs service")
    review = Review.objects.get(organisation=cast.tmo)
    assert_accessible(page)

    # The nine steps, each with a real answer on its own page.
    for number in range(1, 10):
        page.goto(reverse("reviews:step", args=[slug, review.pk, number]))
        page.get_by_role("link", name=re.compile("^Record this step")).click()
        # Counting what the form holds does not wait: be on the step's form first.
        expect(page).to_have_url(re.compile(rf"/steps/{number}/edit/$"))
        textareas = page.locator("main form textarea")
        if textareas.count():  # step 9's answer is the improvement plan, not a field
            textareas.first.fill(f"What the working group found at step {number}.")
        if number == 6:
            page.get_by_label("Weight of cost, in per cent").fill("40")
        boxes = page.locator("main form input[type=checkbox]")
        if number == 5 and boxes.count():  # the indicators to compare, when any are loaded
            boxes.first.check()
        page.get_by_role("radio", name="Completed").check()
        page.locator("main form button").click()
        expect(_main(page)).to_contain_text(f"Step {number} is saved.")
    assert all(s.status == StepStatus.COMPLETED for s in review.steps.all())

    # A decision at step 1.
    page.goto(reverse("reviews:step", args=[slug, review.pk, 1]))
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("What was decided").fill("Gas servicing is outside the review.")
    page.get_by_label("Who decided").fill("The committee")
    page.get_by_label("When").fill(today.isoformat())
    page.locator("main form button").click()
    expect(_main(page)).to_contain_text("Gas servicing is outside the review.")

    # From here on, a phone.
    page.set_viewport_size(VIEWPORTS["phone"]["viewport"])

    # The plan: the seven questions answered, an action added.
    page.goto(reverse("reviews:plan", args=[slug, review.pk]))
    page.get_by_role("link", name="Start the plan").click()
    textareas = page.locator("main form textarea")
    for n, answer in enumerate(ANSWERS):
        textareas.nth(n).fill(answer)
    _fits(page)
    page.locator("main form button").click()
    page.get_by_role("link", name="Add an action").first.click()
    page.get_by_label("What will be done").fill("Book appointments by phone")
    page.locator("main form textarea").first.fill("Appointments are missed.")
    page.get_by_label("Who is responsible").fill("Repairs officer")
    page.get_by_label("Due date").fill((today + timedelta(days=90)).isoformat())
    page.locator("main form button").click()
    expect(_main(page)).to_contain_text("Book appointments by phone")

    # Consultation, revision, publishing.
    page.goto(reverse("reviews:plan", args=[slug, review.pk]))
    page.get_by_role("link", name="Consult on the draft").click()
    page.get_by_label("Comments close on").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the draft out for consultation").click()
    page.get_by_role("link", name="Close consultation and revise").click()
    page.locator("main form textarea").first.fill("Evening appointments added.")
    page.get_by_role("button", name="Close consultation").click()
    page.get_by_role("link", name="Publish the plan").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the plan and tell members").click()
    expect(_main(page)).to_contain_text("Public page")
    _fits(page)
    assert ImprovementPlan.objects.get(review=review).stage == PlanStage.PUBLISHED

    # The public page, read without signing in.
    public = reverse("improvement-plan:plan", args=[slug, review.pk])
    page.context.clear_cookies()
    page.goto(public)
    expect(page.locator("main")).to_contain_text("Book appointments by phone")
    expect(page.locator("main")).to_contain_text(ANSWERS[3])
    _fits(page)
    assert_accessible(page)
    assert time.monotonic() - started < 90
