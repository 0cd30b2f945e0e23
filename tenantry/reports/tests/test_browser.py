"""End to end in a real browser: signing in the two ways people do, and axe-core on the way.

A resident asks for a one-time code by email and lands on their home page; a landlord officer
signs in with a password, lands on the landlord's portfolio and cannot see another landlord's
organisation. Every page on the way is checked with axe-core for serious and critical
accessibility problems, at a phone's width and at a desktop's.

Debian's Chromium drives the pages (Playwright's own browser download is not used). Without it
these tests skip, unless TENANTRY_REQUIRE_BROWSER=1 asks for them to fail instead.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
PASSWORD = "correct horse battery"  # what UserFactory sets
BLOCKING_IMPACTS = {"serious", "critical"}
# allauth's default login code: eight letters and digits in two dashed groups, e.g. KXPT-MRWD.
LOGIN_CODE = re.compile(r"^\s*([A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+)\s*$", re.MULTILINE)

AXE = Axe()


@pytest.fixture(scope="module")
def browser() -> Browser:
    """One headless Chromium for the whole module; each test opens its own context."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
        if os.environ.get("TENANTRY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TENANTRY_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an event loop in this thread, so Django would refuse the ORM
    # calls the test (the cast, the database flush) makes here. Only while these tests run.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser: Browser, live_server) -> Page:
    """A fresh browser context (no cookies) at a phone's or a desktop's size."""
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[request.param])
    context.set_default_timeout(15_000)
    page = context.new_page()
    # What went wrong beneath the page itself: scripts that threw, files that did not load.
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))

    def note_failed_request(request) -> None:
        # A request cancelled because the page moved on (ERR_ABORTED) is not a broken file.
        if "ERR_ABORTED" not in (request.failure or ""):
            page.problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", note_failed_request)

    def note_broken_file(response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            page.problems.append(f"{response.status}: {response.url}")

    page.on("response", note_broken_file)
    yield page
    context.close()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violations on the page as it is now, styled as it should be.

    Without its stylesheet a page would be judged on the browser's default colours, so the
    page's own stylesheet must have loaded (and nothing else failed) first.
    """
    page.wait_for_load_state("load")
    assert page.problems == [], page.problems
    styled = page.evaluate(
        "() => document.styleSheets.length > 0"
        " && [...document.styleSheets].every(sheet => sheet.cssRules.length > 0)"
    )
    assert styled, f"the stylesheet did not load on {page.url}"
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    where = f"{page.url} at {page.viewport_size['width']}×{page.viewport_size['height']}"
    print(f"axe on {where}: {[v['id'] for v in violations] or 'no violations'}")
    if blocking:
        lines = [f"axe found {len(blocking)} serious or critical violation(s) on {where}:"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html']}")
                lines.append(f"      {node.get('failureSummary', '')}".replace("\n", " "))
        pytest.fail("\n".join(lines), pytrace=False)


def sign_in_with_password(page: Page, user) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def home_url_of(organisation) -> re.Pattern:
    url = reverse("reports:organisation-home", args=[organisation.slug])
    return re.compile(re.escape(url) + "$")


def test_login_page_is_accessible(page: Page):
    page.goto(reverse("account_login"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)


def test_resident_signs_in_with_an_emailed_code(page: Page, cast, mailoutbox):
    resident = cast.people["resident"]
    page.goto(reverse("account_login"))

    page.get_by_role("button", name="Email me a sign-in code").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("account_request_login_code"))))
    page.get_by_label("Email address").fill(resident.email)
    page.get_by_role("button", name="Email me a code").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("account_confirm_login_code"))))
    assert len(mailoutbox) == 1, [message.subject for message in mailoutbox]
    assert mailoutbox[0].to == [resident.email]
    found = LOGIN_CODE.search(mailoutbox[0].body)
    assert found, f"no sign-in code in the email:\n{mailoutbox[0].body}"
    page.get_by_label("Sign-in code").fill(found.group(1))
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page).to_have_url(home_url_of(cast.tmo))
    main = page.locator("main")
    expect(main).to_contain_text(cast.tmo.name)
    expect(main).to_contain_text(cast.home.address)
    assert_accessible(page)


def test_landlord_officer_signs_in_with_a_password(page: Page, cast):
    sign_in_with_password(page, cast.people["landlord_officer"])

    expect(page).to_have_url(home_url_of(cast.landlord))
    table = page.locator("main").get_by_role("table")
    expect(table.get_by_role("link", name=cast.tmo.name)).to_be_visible()
    expect(table).not_to_contain_text(cast.other_tmo.name)
    assert_accessible(page)


def test_another_landlords_organisation_is_the_404_page(page: Page, cast):
    sign_in_with_password(page, cast.people["landlord_officer"])
    expect(page).to_have_url(home_url_of(cast.landlord))

    response = page.goto(reverse("reports:organisation-home", args=[cast.other_tmo.slug]))

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text(cast.other_tmo.name)
    assert_accessible(page)
