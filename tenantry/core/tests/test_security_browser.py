"""The Content-Security-Policy in a real browser: pages work under it and break none of its rules.

Chromium reports each thing the policy refuses (an inline script without the page's nonce, an
eval, a file from elsewhere) as a console error starting "Refused to"; any such error fails.
The chart page is the test-only page of every chart kind (test_charts_browser), which must still
be drawn again by vega-embed under the policy: with Vega's expression interpreter, not eval.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tenantry.core.tests.test_charts_browser import CHARTS
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    browser,
    home_url_of,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = "tenantry.core.tests.test_charts_browser"


@pytest.fixture
def tab(browser: Browser, live_server) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS["desktop"])
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.violations = []
    tab.on(
        "console",
        lambda m: (
            tab.violations.append(m.text)
            if m.type == "error" and ("Content Security Policy" in m.text or "Refused to" in m.text)
            else None
        ),
    )
    yield tab
    context.close()


def test_sign_in_and_the_home_page_break_no_rule_of_the_policy(tab: Page, cast):
    tab.goto(reverse("account_login"))
    expect(tab.locator("body.js-enabled")).to_have_count(1)  # the nonced inline script ran

    sign_in_with_password(tab, cast.people["landlord_officer"])

    expect(tab).to_have_url(home_url_of(cast.landlord))
    assert tab.violations == []


def test_a_survey_code_page_breaks_no_rule_of_the_policy(tab: Page, cast):
    tab.goto(reverse("survey:enter-code", args=[cast.tmo.slug]))
    expect(tab.locator("body.js-enabled")).to_have_count(1)
    assert tab.violations == []


def test_charts_are_drawn_again_under_the_policy(tab: Page):
    tab.goto("/charts-test/")

    expect(tab.locator("[data-tenantry-chart-interactive]")).to_have_count(CHARTS)
    assert tab.violations == []
