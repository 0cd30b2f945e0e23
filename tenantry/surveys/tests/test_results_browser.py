"""The results pages in Chromium, on a phone and a desktop: charts drawn, nothing too wide,
no serious or critical axe-core problems."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)
from tenantry.surveys.tests.test_analysis import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:  # noqa: F811
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_committee_reads_the_results_and_the_reach(page: Page, cast):  # noqa: F811
    scenario = build_scenario(cast)
    sign_in_with_password(page, cast.people["committee"])
    expect(page).to_have_url(home_url_of(cast.tmo))

    page.goto(reverse("surveys:results", args=[cast.tmo.slug, scenario.survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(scenario.survey.title)
    expect(page.locator("main")).to_contain_text("50% satisfied")
    expect(page.locator("figure[data-tenantry-chart]").first).to_be_visible()
    _fits(page)
    assert_accessible(page)

    page.get_by_label("Show each question by").select_option(label="Age band")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text("By age band")
    assert_accessible(page)

    page.get_by_role("link", name="Who answered, against who lives here").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who answered, against who lives here"
    )
    expect(page.locator("main")).to_contain_text("Whom to go and find")
    _fits(page)
    assert_accessible(page)


def test_staff_check_a_contractors_file(page: Page, cast, tmp_path):  # noqa: F811
    scenario = build_scenario(cast)
    sign_in_with_password(page, cast.people["staff"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.goto(reverse("surveys:import-responses", args=[cast.tmo.slug, scenario.survey.pk]))
    assert_accessible(page)

    bad = tmp_path / "results.csv"
    bad.write_text("reference,TP01\nA1,Quite happy\n")
    page.get_by_label("Upload the contractor's file").set_input_files(bad)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The file was not imported")
    expect(page.locator("main")).to_contain_text("Quite happy is not one of")
    _fits(page)
    assert_accessible(page)
