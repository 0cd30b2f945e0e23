"""Someone not signed in, on a phone (390 px), goes from the pages on tenant control to the
form, makes a slip that is refused naming the field with what they typed kept, sends it, reads
what happens next, opens the link in the email and sees their address confirmed; the network's
adviser then finds the group waiting in the follow-up list. axe-core finds no serious or
critical problem on any page and nothing is wider than the phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    PASSWORD,
    VIEWPORTS,
    assert_accessible,
    browser,
)

from .factories import NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _checked(page: Page) -> None:
    assert_accessible(page)
    _fits(page)


def _context(browser: Browser, live_server, size: str) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[size])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


@pytest.fixture
def network(settings):
    # A person in a test types faster than anyone could: the form's "too fast" check is off.
    settings.JOURNEY_INTEREST_MIN_SECONDS = 0
    network = NetworkFactory(name="North West Tenant Control Network", slug="north")
    adviser = UserFactory(email="adviser@example.org", name="Comfort Mensah")
    RoleFactory(user=adviser, organisation=network, role=Role.STAFF)
    return network


def test_a_group_registers_confirms_and_the_adviser_finds_it(
    browser: Browser,  # noqa: F811
    live_server,
    network,
    mailoutbox,
):
    page = _context(browser, live_server, "phone")
    page.goto(reverse("journey:index"))
    page.get_by_role("button", name="Tell a network about your group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell a network about your group")
    _checked(page)

    # The only network is chosen already.
    expect(page.get_by_label("Which network would you like to help you?")).to_have_value(
        str(network.pk)
    )
    page.get_by_label("Your group's name").fill("Hollybank Tenants and Residents Group")
    page.get_by_label("Area", exact=True).fill("Hollybank estate, Salford")
    page.get_by_label("Number of homes").fill("about 240")
    page.get_by_label("Your landlord", exact=True).fill("Salford City Council")
    page.get_by_label("What does your group already do?").fill(
        "We meet every month and run the community garden."
    )
    page.get_by_label("Caretaking").check()
    page.get_by_label("Repairs").check()
    page.get_by_label("Your name", exact=True).fill("Grace Obi")
    page.get_by_label("Email address", exact=True).fill("grace@example.net")
    page.get_by_label("From our landlord").check()
    page.get_by_role("button", name="Send").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the number of homes as a whole number, like 120")
    expect(summary).to_contain_text("Agree to the network contacting you to send the form")
    expect(page.get_by_label("Area", exact=True)).to_have_value("Hollybank estate, Salford")
    expect(page.get_by_label("Repairs")).to_be_checked()
    _checked(page)
    summary.get_by_role("link", name=re.compile("number of homes")).click()
    expect(page.get_by_label("Number of homes")).to_be_focused()

    page.get_by_label("Number of homes").fill("240")
    page.get_by_label("I agree that the network may contact me about our group").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    _checked(page)

    [message] = [m for m in mailoutbox if m.to == ["grace@example.net"]]
    link = re.search(r"https?://\S+/tenant-control/register/confirm/\S+/", message.body).group(0)
    page.goto(link[link.index("/tenant-control/") :])
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address is confirmed")
    _checked(page)
    assert [m.to for m in mailoutbox][-1] == ["adviser@example.org"]
    page.context.close()

    desk = _context(browser, live_server, "desktop")
    groups = reverse("network:groups", args=["north"])
    desk.goto(f"{reverse('account_login')}?next={groups}")
    desk.get_by_label("Email address").fill("adviser@example.org")
    desk.get_by_label("Password", exact=True).fill(PASSWORD)
    desk.get_by_role("button", name="Sign in", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Tenant groups")
    row = desk.get_by_role("row", name=re.compile("Hollybank Tenants and Residents Group"))
    expect(row).to_contain_text("Waiting")
    assert_accessible(desk)
    row.get_by_role("link").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(
        "Hollybank Tenants and Residents Group"
    )
    expect(desk.get_by_text("Email confirmed")).to_be_visible()
    assert_accessible(desk)
    desk.context.close()
