"""No page is wider than a phone: every role walks every page it can reach from its home page
at 390 px, and none may make the phone scroll sideways. A wide table scrolls inside its own
box (`tenantry-table-scroll`), never the page.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import OrganisationFactory, RoleFactory
from tenantry.records.tests.factories import RepairFactory

from .test_browser import CHROMIUM_ARGS, browser, sign_in_with_password  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PAGES_PER_ROLE = 60  # enough for every menu section and what each lists
SKIPPED = ("/accounts/logout", "/language/", "/admin/", ".csv", ".xlsx", ".pdf", "/media/")


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url = urlsplit(href)
        if f"{url.scheme}://{url.netloc}" != origin or any(s in url.path for s in SKIPPED):
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


@pytest.mark.parametrize(
    "role",
    ["resident", "committee", "staff", "inspector", "landlord_officer", "site_admin", "panel"],
)
def test_no_page_a_role_reaches_is_wider_than_a_phone(browser: Browser, live_server, cast, role):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    if role == "panel":  # a scrutiny panel of the cast's landlord, and one of its members
        panel = OrganisationFactory(kind="scrutiny_panel", landlord=cast.landlord)
        cast.people[role] = RoleFactory(
            role=Role.PANEL, organisation=panel, user=UserFactory(name="Panel")
        ).user
    sign_in_with_password(page, cast.people[role])
    page.wait_for_load_state()
    start = urlsplit(page.url).path
    # The search box is a form, not a link: its results (homes and a repair) are walked too.
    RepairFactory(organisation=cast.tmo, home=cast.home, reference="REP-000001")
    results = reverse("services:search", args=[cast.tmo.slug]) + "?q=mill+road"
    to_visit, seen, too_wide = [start, results, reverse("index")], set(), []
    while to_visit and len(seen) < PAGES_PER_ROLE:
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide.append(f"{path}: {width}px")
        to_visit += [link for link in _links(page, live_server.url) if link not in seen]
    context.close()

    assert len(seen) > 3, seen  # the walk reached the role's pages
    assert too_wide == []
