"""A group's member, signed in on a phone (390 px), opens their group's journey, runs the
Right to Manage check and keeps its result, enters the day the proposal notice was served and
sees the council's 28-day deadline; once the network's adviser has made the group an
organisation, the member schedules the ballot of tenants and sees it scheduled. axe-core finds
no serious or critical problem on any page, and nothing is wider than the phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_tracker as services
from tenantry.journey.models import GroupMembership
from tenantry.journey.tests.factories import GroupFactory
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import LandlordFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _checked(page: Page) -> None:
    assert_accessible(page)
    _fits(page)


@pytest.fixture
def phone(browser: Browser, live_server) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    yield page
    context.close()


def test_a_member_walks_the_group_s_journey_to_its_ballot(phone: Page):
    page = phone
    landlord = LandlordFactory(name="Northbrook Borough Council", slug="northbrook-council")
    group = GroupFactory(
        name="Hollybank Tenants and Residents Group",
        landlord=landlord,
        landlord_name=landlord.name,
    )
    member = UserFactory(name="Grace Obi")
    GroupMembership.objects.create(group=group, user=member)

    sign_in_with_password(page, member)
    page.goto("/")
    page.get_by_role("link", name="Hollybank Tenants and Residents Group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hollybank Tenants and Residents Group"
    )
    expect(page.locator("#where-you-are")).to_contain_text("step 1 of 8")
    _checked(page)

    # The eligibility check, kept with the group.
    page.get_by_role("link", name="Run the check").click()
    _checked(page)
    page.get_by_role("group", name="Does your group have a written constitution?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_label("How many homes in your notice are let on secure tenancies?").fill("24")
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#eligibility")).to_be_visible()
    expect(page.get_by_text("The check is saved with your group.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("so you need 1 more home")
    _checked(page)

    # The day the proposal notice was served, and the council's 28 days.
    served = timezone.localdate() - timedelta(days=3)
    due = served + timedelta(days=28)
    page.get_by_role("link", name="Enter a date").click()
    page.get_by_label("The proposal notice was served on the council").check()
    page.get_by_label("Date it happened").fill(served.isoformat())
    page.get_by_role("button", name="Save the date").click()
    card = page.locator("#limit-council_answer")
    expect(card).to_contain_text("The council answers the proposal notice")
    expect(card).to_contain_text(f"{due:%A} {due.day} {due:%B %Y}")
    expect(card).to_contain_text("25 days to go")
    expect(page.locator("#where-you-are")).to_contain_text("The landlord's answer")
    _checked(page)

    # The network's adviser makes the group an organisation (here, by the service).
    services.make_organisation(
        group=group,
        name="Hollybank TMO",
        slug="hollybank-tmo",
        kind=Organisation.Kind.TMO,
        landlord=landlord,
        by=None,
    )

    page.reload()
    expect(page.get_by_text("Your group is now Hollybank TMO on Tenantry.")).to_be_visible()
    page.get_by_role("link", name="Schedule the ballot of tenants").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Its members vote instead")
    _checked(page)
    opens = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Voting opens").fill(opens.isoformat())
    page.get_by_label("Voting closes").fill((opens + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Schedule the ballot").click()
    ballots = page.locator("#ballots")
    expect(page.get_by_text("The ballot is scheduled.")).to_be_visible()
    section = page.locator("main")
    expect(section).to_contain_text("Scheduled")
    expect(section).to_contain_text(f"{opens.day} {opens:%B %Y}, 9:00 a.m.")
    expect(ballots).to_be_visible()
    _checked(page)
