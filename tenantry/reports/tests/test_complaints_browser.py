"""The complaints self-assessment and report in Chromium, on a phone (390 px) and a desktop:
the committee answers a provision, writes the report, records the approval and publishes;
axe-core finds no serious or critical problem on any of the pages and none is wider than the
phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)

from .complaints_world import definitions, make_complaints  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_committee_completes_and_publishes_the_year(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
    viewport,
):
    make_complaints(cast)
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    sign_in_with_password(page, cast.people["committee"])
    slug = cast.tmo.slug

    page.goto(reverse("reports:complaints-years", args=[slug]))
    assert_accessible(page)
    _fits(page)

    page.goto(reverse("reports:complaints-self-assessment", args=[slug, 2025]))
    assert_accessible(page)
    _fits(page)

    page.goto(reverse("reports:complaints-provision", args=[slug, 2025, "6.2"]))
    with page.expect_navigation():
        page.get_by_role("button", name="Save the answer").click()  # nothing chosen
    assert_accessible(page)  # the error summary and messages
    page.get_by_label("Yes").check()
    page.get_by_label("Evidence").fill("Acknowledgement letters are dated.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the answer").click()
    assert "Acknowledgement letters are dated." in page.content()

    page.goto(reverse("reports:complaints-report-edit", args=[slug, 2025]))
    assert_accessible(page)
    page.get_by_label("The governing body's response").fill("The committee accepts the report.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the report").click()
    assert_accessible(page)
    _fits(page)

    page.goto(reverse("reports:complaints-approve", args=[slug, 2025]))
    assert_accessible(page)
    page.get_by_label("Date approved").fill("2026-06-18")
    page.get_by_label("Minute reference").fill("C 2026/7")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the approval").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the self-assessment and report").click()
    assert "Published on" in page.content()
    assert_accessible(page)
    _fits(page)
    context.close()
