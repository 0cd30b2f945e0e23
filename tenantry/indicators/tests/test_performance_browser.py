"""The performance pages on a phone and a desktop: accessible (axe-core), nothing wider than
the screen, the period picked by a plain form, and a figure typed in with its error shown."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.indicators.tests.performance_data import computed
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _definitions(db):
    # A transactional test empties every table afterwards, the national indicators that the
    # migration loaded included: load them again for each test.
    sync_definitions(Indicator)


def _sign_in(page: Page, cast, role: str) -> None:  # noqa: F811
    sign_in_with_password(page, cast.people[role])
    expect(page).to_have_url(home_url_of(cast.tmo))


def _fits_the_screen(page: Page) -> None:  # noqa: F811
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_the_committee_reads_the_figures_and_picks_a_period(page: Page, cast):  # noqa: F811
    computed(cast)
    _sign_in(page, cast, "committee")
    page.goto(reverse("indicators:performance", args=[cast.tmo.slug]) + "?period=2024/25")

    page.get_by_label("Period").select_option("2025/26")
    page.get_by_role("button", name="Show figures").click()

    expect(page.locator("main")).to_contain_text(
        "80% of emergency repairs were done within target (4 of 5)."
    )
    _fits_the_screen(page)
    assert_accessible(page)

    page.get_by_role("link", name="Emergency repairs completed within target", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Emergency repairs completed within target"
    )
    expect(page.locator("#behind ~ table")).to_contain_text("REP-LATE")
    _fits_the_screen(page)
    assert_accessible(page)


def test_a_survey_figure_typed_in_is_checked_against_its_numbers(page: Page, cast):  # noqa: F811
    _sign_in(page, cast, "committee")
    page.goto(reverse("indicators:enter-result", args=[cast.tmo.slug, "TP01"]))

    page.get_by_label("Period").select_option("2025/26")
    page.get_by_label("Figure (%)").fill("80")
    page.get_by_label("How many counted").fill("321")
    page.get_by_label("Out of how many").fill("412")
    page.get_by_role("button", name="Save the figure").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("321 out of 412 is 77.9%")
    expect(page.get_by_label("Figure (%)")).to_have_value("80")
    _fits_the_screen(page)
    assert_accessible(page)

    page.get_by_label("Figure (%)").fill("")
    page.get_by_role("button", name="Save the figure").click()
    expect(page.locator(".tenantry-card__figure")).to_have_text("77.9%")
