"""The API tokens page in Chromium, on a phone (390 px) and a desktop: make a token, see its
secret once, revoke it. axe-core finds no serious or critical problem and nothing is wider
than the screen. TENANTRY_SCREENSHOTS=DIR keeps a picture of each step."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tenantry.api.models import ApiToken
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shoot(page, name: str, viewport: str) -> None:
    folder = os.environ.get("TENANTRY_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{VIEWPORTS[viewport]['viewport']['width']}.png",
                        full_page=True)  # fmt: skip


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_person_makes_a_token_sees_it_once_and_revokes_it(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
    viewport,
):
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    sign_in_with_password(page, cast.people["staff"])
    page.goto(reverse("api-tokens"))
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    assert_accessible(page)

    page.get_by_role("button", name="Make the token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    assert_accessible(page)
    _shoot(page, "api-tokens-error", viewport)

    page.get_by_label("Name of the token").fill("Housing management system")
    page.get_by_label("1 year").check()
    page.get_by_role("button", name="Make the token").click()
    secret = page.locator("#token-secret")
    expect(secret).to_contain_text("tnt_")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
        "document.documentElement.clientWidth"
    )
    _shoot(page, "api-tokens-made", viewport)

    page.get_by_role("button", name="Revoke Housing management system").click()
    expect(page.get_by_text("was revoked")).to_be_visible()
    assert ApiToken.objects.get().revoked_by == cast.people["staff"]
    assert_accessible(page)
    _shoot(page, "api-tokens-revoked", viewport)
    context.close()
