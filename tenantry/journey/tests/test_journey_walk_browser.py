"""A tenant group's whole road on screen, from the public pages to a scheduled ballot.

On a phone (390 px), someone not signed in reads the pages on tenant control, tells the network
about their group (naming their landlord, who is on Tenantry) and confirms their email address.
At a desk, the network's adviser signs in, finds the group in the follow-up list, takes it on
and invites the contact to Tenantry. Back on the phone, the contact signs in with a code sent
by email (the account has no password), finds the group under "Your groups", runs the Right to
Manage check, enters the day the proposal notice was served and sees the council's 28-day
deadline. The adviser opens the group's journey from the follow-up page and makes the group an
organisation; the member then schedules the ballot of tenants and sees it scheduled. axe-core
finds no serious or critical problem on any page, and no phone page is wider than the phone."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import LandlordFactory, RoleFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    LOGIN_CODE,
    PASSWORD,
    VIEWPORTS,
    assert_accessible,
    browser,
)

from .factories import NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = "Hollybank Tenants and Residents Group"
CONTACT = "grace@example.net"
ADVISER = "adviser@example.org"


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


def _path(url: str) -> str:
    """The link's path and query, to open on the test's own server."""
    return re.sub(r"^https?://[^/]+", "", url)


def _last_to(mailoutbox, address: str):
    sent = [message for message in mailoutbox if message.to == [address]]
    assert sent, [message.to for message in mailoutbox]
    return sent[-1]


@pytest.fixture
def cast(settings):
    # A person in a test types faster than anyone could: the form's "too fast" check is off.
    settings.JOURNEY_INTEREST_MIN_SECONDS = 0
    network = NetworkFactory(name="North West Tenant Control Network", slug="north")
    adviser = UserFactory(email=ADVISER, name="Comfort Mensah")
    RoleFactory(user=adviser, organisation=network, role=Role.STAFF)
    landlord = LandlordFactory(name="Salford City Council", slug="salford-council")
    return network, landlord


def test_a_group_goes_from_the_public_pages_to_a_scheduled_ballot(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
    mailoutbox,
):
    network, landlord = cast

    # 1. On a phone: the public pages, the form, the thank-you and the confirmed address.
    page = _context(browser, live_server, "phone")
    page.goto(reverse("journey:index"))
    _checked(page)
    page.get_by_role("button", name="Tell a network about your group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell a network about your group")
    _checked(page)
    expect(page.get_by_label("Which network would you like to help you?")).to_have_value(
        str(network.pk)
    )
    page.get_by_label("Your group's name").fill(GROUP)
    page.get_by_label("Area", exact=True).fill("Hollybank estate, Salford")
    page.get_by_label("Number of homes").fill("240")
    page.get_by_label("Your landlord", exact=True).fill("Salford City Council")
    page.get_by_label("Is your landlord one of these?").select_option(label=landlord.name)
    page.get_by_label("What does your group already do?").fill(
        "We meet every month and run the community garden."
    )
    page.get_by_label("Repairs").check()
    page.get_by_label("Your name", exact=True).fill("Grace Obi")
    page.get_by_label("Email address", exact=True).fill(CONTACT)
    page.get_by_label("From our landlord").check()
    page.get_by_label("I agree that the network may contact me about our group").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    _checked(page)

    body = _last_to(mailoutbox, CONTACT).body
    link = re.search(r"https?://\S+/tenant-control/register/confirm/\S+/", body).group(0)
    page.goto(_path(link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email address is confirmed")
    _checked(page)
    page.context.close()

    # 2. At a desk: the adviser finds the group, takes it on and invites the contact.
    desk = _context(browser, live_server, "desktop")
    groups = reverse("network:groups", args=[network.slug])
    desk.goto(f"{reverse('account_login')}?next={groups}")
    desk.get_by_label("Email address").fill(ADVISER)
    desk.get_by_label("Password", exact=True).fill(PASSWORD)
    desk.get_by_role("button", name="Sign in", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Tenant groups")
    row = desk.get_by_role("row", name=re.compile(GROUP))
    expect(row).to_contain_text("Waiting")
    assert_accessible(desk)
    row.get_by_role("link").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(GROUP)
    expect(desk.get_by_text("Email confirmed")).to_be_visible()
    expect(desk.locator("main")).to_contain_text(f"on Tenantry as {landlord.name}")
    assert_accessible(desk)
    desk.get_by_role("combobox", name=re.compile("^Adviser")).select_option(label="Comfort Mensah")
    desk.get_by_role("button", name="Save the adviser").click()
    expect(desk.get_by_text("The adviser is saved.")).to_be_visible()
    desk.get_by_role("button", name="Invite the contact to Tenantry").click()
    expect(
        desk.get_by_text("The contact is invited to Tenantry and has been sent an email.")
    ).to_be_visible()
    expect(
        desk.get_by_text("The contact has an account and is a member of the group.")
    ).to_be_visible()
    assert_accessible(desk)

    # 3. On a phone: the contact signs in with an emailed code and walks the journey.
    invitation = _last_to(mailoutbox, CONTACT).body
    sign_in = re.search(r"https?://\S+/accounts/login/\S*", invitation).group(0)
    phone = _context(browser, live_server, "phone")
    phone.goto(_path(sign_in))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sign in")
    _checked(phone)
    phone.get_by_role("button", name="Email me a sign-in code").click()
    phone.get_by_label("Email address").fill(CONTACT)
    phone.get_by_role("button", name="Email me a code").click()
    expect(phone.get_by_label("Sign-in code")).to_be_visible()
    _checked(phone)
    found = LOGIN_CODE.search(_last_to(mailoutbox, CONTACT).body)
    assert found, f"no sign-in code in the email:\n{_last_to(mailoutbox, CONTACT).body}"
    phone.get_by_label("Sign-in code").fill(found.group(1))
    phone.get_by_role("button", name="Sign in", exact=True).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Your groups")
    _checked(phone)
    phone.get_by_role("link", name=GROUP).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(GROUP)
    expect(phone.locator("#where-you-are")).to_contain_text("step 1 of 8")
    expect(phone.get_by_text("Your adviser: Comfort Mensah")).to_be_visible()
    _checked(phone)

    phone.get_by_role("link", name="Run the check").click()
    _checked(phone)
    phone.get_by_role("group", name="Does your group have a written constitution?").get_by_label(
        "Yes", exact=True
    ).check()
    phone.get_by_label("How many homes in your notice are let on secure tenancies?").fill("24")
    phone.get_by_role("button", name="Check and save").click()
    expect(phone.get_by_text("The check is saved with your group.")).to_be_visible()
    expect(phone.locator("main")).to_contain_text("so you need 1 more home")
    _checked(phone)

    served = timezone.localdate() - timedelta(days=3)
    due = served + timedelta(days=28)
    phone.get_by_role("link", name="Enter a date").click()
    _checked(phone)
    phone.get_by_label("The proposal notice was served on the council").check()
    phone.get_by_label("Date it happened").fill(served.isoformat())
    phone.get_by_role("button", name="Save the date").click()
    card = phone.locator("#limit-council_answer")
    expect(card).to_contain_text("The council answers the proposal notice")
    expect(card).to_contain_text(f"{due:%A} {due.day} {due:%B %Y}")
    expect(card).to_contain_text("25 days to go")
    expect(phone.locator("#where-you-are")).to_contain_text("The landlord's answer")
    expect(phone.get_by_role("link", name="Schedule the ballot of tenants")).to_have_count(0)
    _checked(phone)

    # 4. At a desk: the adviser opens the group's journey and makes it an organisation.
    desk.get_by_role("link", name=re.compile("See the group's journey")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(GROUP)
    expect(desk.locator("#limit-council_answer")).to_contain_text("25 days to go")
    desk.get_by_role("link", name="Make the group an organisation").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(
        "Make the group an organisation on Tenantry"
    )
    expect(desk.get_by_label("Landlord", exact=True)).to_have_value(str(landlord.pk))
    assert_accessible(desk)
    desk.get_by_label("Name of the organisation").fill("Hollybank TMO")
    desk.get_by_label("Short name for web addresses").fill("hollybank-tmo")
    desk.get_by_label("Tenant management organisation").check()
    desk.get_by_role("button", name="Make the organisation").click()
    expect(desk.get_by_text("Hollybank TMO is now an organisation on Tenantry.")).to_be_visible()
    expect(desk.get_by_text("Your group is now Hollybank TMO on Tenantry.")).to_be_visible()
    assert_accessible(desk)
    desk.context.close()

    # 5. On the phone: the member, now on the organisation's committee, schedules the ballot.
    phone.reload()
    expect(phone.get_by_text("Your group is now Hollybank TMO on Tenantry.")).to_be_visible()
    _checked(phone)
    phone.get_by_role("link", name="Schedule the ballot of tenants").click()
    expect(phone.locator(".govuk-inset-text")).to_contain_text("Its members vote instead")
    _checked(phone)
    opens = timezone.localdate() + timedelta(days=14)
    phone.get_by_label("Voting opens").fill(opens.isoformat())
    phone.get_by_label("Voting closes").fill((opens + timedelta(days=14)).isoformat())
    phone.get_by_role("button", name="Schedule the ballot").click()
    expect(phone.get_by_text("The ballot is scheduled.")).to_be_visible()
    ballots = phone.locator("#ballots")
    expect(ballots).to_be_visible()
    main = phone.locator("main")
    expect(main).to_contain_text("Scheduled")
    expect(main).to_contain_text(f"{opens.day} {opens:%B %Y}, 9:00 a.m.")
    _checked(phone)
    phone.context.close()
