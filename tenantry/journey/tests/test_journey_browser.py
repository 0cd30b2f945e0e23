"""Someone not signed in, on a phone (390 px), goes from the welcome page to the pages on
tenant control and to the Right to Manage checker, answers, and reads the result; a typing
slip is refused naming the field and keeps the answers. axe-core finds no serious or critical
problem on any page and nothing is wider than the phone."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def phone(browser: Browser, live_server) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    yield page
    context.close()


def _checked(page: Page) -> None:
    assert_accessible(page)
    _fits(page)


def test_someone_not_signed_in_finds_the_checker_and_sees_a_result(phone: Page):
    page = phone
    page.goto("/")
    page.get_by_role("link", name="About tenant control").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tenant control")
    _checked(page)

    page.get_by_role("link", name="The forms tenant control takes").click()
    expect(page.get_by_role("heading", name="Community land trust")).to_be_visible()
    _checked(page)

    page.get_by_role("link", name="Check the Right to Manage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check if your group can use the Right to Manage"
    )
    _checked(page)

    for question in [
        "Does your group have a written constitution?",
        "Does the constitution name the area whose homes you want to manage?",
        "Does the constitution let any tenant of a home in that area become a member?",
        "Does the constitution say the group must avoid unlawful discrimination?",
        "Is the group run by its members at a general meeting, or by a committee they elect?",
        "Is every home in your notice inside your area?",
        "Did you do your best to deliver a copy of the notice to every home it names?",
    ]:
        page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name="Is any home in your notice already managed under").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("At a ballot of all members").check()
    page.get_by_label("How many homes in your notice are let on secure tenancies?").fill("24")
    page.get_by_label("How many members does your group have?").fill("forty")
    page.get_by_label("How many members voted in favour?").fill("31")
    page.get_by_label("How many tenants live in the homes in your notice?").fill("90")
    page.get_by_label("How many of those tenants are members of your group?").fill("40")
    page.get_by_role("button", name="Check my answers").click()

    # The slip is refused, named, and nothing else typed is lost.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the number of members as a whole number")
    expect(
        page.get_by_label("How many homes in your notice are let on secure tenancies?")
    ).to_have_value("24")
    expect(page.get_by_label("At a ballot of all members")).to_be_checked()
    _checked(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("How many members does your group have?")).to_be_focused()

    page.get_by_label("How many members does your group have?").fill("60")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#result")).to_contain_text("Not yet: 1 rule is not met.")
    expect(page.locator("#result")).to_contain_text("so you need 1 more home")
    expect(page.locator("#result")).to_contain_text("31 of 60 voted in favour")
    _checked(page)

    page.get_by_label("How many homes in your notice are let on secure tenancies?").fill("25")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#result")).to_contain_text("Your group can serve a proposal notice")
    _checked(page)


def test_the_time_limits_on_a_phone(phone: Page):
    page = phone
    page.goto("/tenant-control/right-to-manage/time-limits/")
    _checked(page)
    page.get_by_label("The day you served the proposal notice on the council").fill("2026-01-31")
    page.get_by_label("The day you received the council's acceptance").fill("2026-11-30")
    page.get_by_role("button", name="Work out the dates").click()
    expect(page.locator("#result")).to_contain_text("Saturday 28 February 2026")
    expect(page.locator("#result")).to_contain_text("Sunday 28 February 2027")
    _checked(page)
