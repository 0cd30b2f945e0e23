"""On a phone and a desktop: the committee writes the chair's introduction and publishes the
annual report, and anyone reads it and its easy read without signing in. Every page is checked
with axe-core and none is wider than the screen."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.reports import annual_services as services
from tenantry.reports.models import PublicPage
from tenantry.reports.tests.annual_data import YEAR, hand_worked_year
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:  # noqa: F811
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_committee_writes_and_publishes_and_anyone_reads(page: Page, cast):  # noqa: F811
    sync_definitions(Indicator)  # a test that flushed the database took them with it
    hand_worked_year(cast)
    report = services.start_annual_report(
        organisation=cast.tmo, year=YEAR, by=None, today=date(2026, 5, 20)
    )
    PublicPage.objects.create(organisation=cast.tmo, published=True, published_at=timezone.now())
    report_url = reverse("reports:annual-report", args=[cast.tmo.slug, report.year_slug])

    sign_in_with_password(page, cast.people["committee"])
    page.goto(report_url)
    assert_accessible(page)
    _fits(page)
    page.get_by_role("link", name="Change Introduction from the chair (English)").click()
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Text").fill("This year tenants shaped our repairs service.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: Introduction from the chair")).to_be_visible()
    page.get_by_role("link", name="Publish the report").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("The annual report is published.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(reverse("annual-report:report", args=[cast.tmo.slug, report.year_slug]))
    expect(page.get_by_text("This year tenants shaped our repairs service.")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.get_by_role("link", name="Easy read").click()
    expect(page.get_by_text("We had 1 target.")).to_be_visible()
    assert_accessible(page)
    _fits(page)
