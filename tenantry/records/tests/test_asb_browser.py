"""Anti-social behaviour in a browser, on a phone and a desktop: a resident reports it and
follows their report; staff see the case with its reports, and link and split. Every page is
checked with axe-core and must fit a 390 px phone without scrolling sideways."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.records.asb_services import record_asb_report
from tenantry.records.models import AsbReport
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(cast, name: str, *args) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, *args])


def _fits(page: Page) -> None:  # noqa: F811
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= max(390, page.viewport_size["width"]), (page.url, width)


def test_resident_reports_anti_social_behaviour(page: Page, cast):  # noqa: F811
    sign_in_with_password(page, cast.people["resident"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.get_by_role("link", name="Report anti-social behaviour").click()
    _fits(page)

    page.get_by_label("Noise").check()
    page.get_by_label("At or near my home").check()
    page.get_by_label("What happened?").fill("Music through the wall until 3am.")
    page.locator("#id_hate_incident_1").check()  # no
    page.get_by_role("button", name="Send the report").click()

    expect(page.get_by_role("heading", name="Report received")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="See how your report is going").click()
    expect(page.get_by_text("Being dealt with")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Back to your reports").click()
    _fits(page)


def test_staff_see_a_case_with_its_reports_and_split_one(page: Page, cast):  # noqa: F811
    staff = cast.people["staff"]
    for day, name in ((date(2025, 6, 2), "Mrs A Begum"), (date(2025, 6, 9), "Mr K Doyle")):
        last = record_asb_report(
            report=AsbReport(
                organisation=cast.tmo, home=cast.home, category="noise", received_on=day,
                channel="phone", reporter_name=name, description="Loud music after midnight.",
            ),
            by=staff,
        )  # fmt: skip
    sign_in_with_password(page, staff)
    page.goto(_url(cast, "record", "asb", last.case_id))
    expect(page.get_by_role("heading", name="2 reports")).to_be_visible()
    _fits(page)

    page.get_by_role("link", name=last.reference).click()
    _fits(page)
    page.get_by_role("link", name="Link it to another case").click()
    _fits(page)
    page.go_back()
    page.get_by_role("link", name="Split it into a new case").click()
    _fits(page)
    page.get_by_role("button", name="Split it into a new case").click()

    expect(page.get_by_role("heading", name="1 report")).to_be_visible()
    _fits(page)
    page.goto(_url(cast, "create-record", "asb"))
    _fits(page)
