"""The benchmark page in a real browser, at a phone's width and a desktop's: axe-core finds no
serious or critical problems, nothing is wider than the screen, and the filter works by a
plain form submission."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator, Scope
from tenantry.indicators.tests.test_benchmark_groups import peer, result, tmo
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(cast):
    sync_definitions(Indicator)  # a flushed database has lost what the migration loaded
    tp01 = Indicator.objects.get(code="TP01", organisation__isnull=True)
    result(tp01, cast.tmo, 80)
    result(tp01, cast.landlord, 70, scope=Scope.LANDLORD_ALL)
    result(tp01, tmo(cast.landlord, "Riverside Tenant Management Organisation", 3), 75)
    for number in range(30):
        peer(f"P{number}", f"Housing Association Limited Number {number}",
             "LA" if number % 3 else "PRP", "<5,000", "North",
             {("TP01", "lcra"): 50 + number * 1.5})  # fmt: skip


def _wider_than_the_screen(current: Page) -> bool:
    return current.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")


def test_the_committee_compares_and_narrows_the_landlords(page: Page, cast, figures):  # noqa: F811
    sign_in_with_password(page, cast.people["committee"])
    page.goto(reverse("indicators:benchmark", args=[cast.tmo.slug, "TP01"]) + "?year=2024/25")

    expect(page.get_by_role("heading", level=1)).to_have_text("Overall satisfaction")
    expect(page.locator(".tenantry-chart svg").first).to_be_visible()
    assert not _wider_than_the_screen(page)
    assert_accessible(page)

    page.get_by_text("Compare with some landlords only").click()
    page.get_by_label("Kind of landlord").select_option("la")
    page.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(re.compile(r"type=la"))
    expect(page.locator("body")).to_contain_text("Councils")
    assert_accessible(page)


def test_the_note_form_is_accessible(page: Page, cast, figures):  # noqa: F811
    sign_in_with_password(page, cast.people["committee"])
    page.goto(reverse("indicators:edit-benchmark-note", args=[cast.tmo.slug, "TP01"])
              + "?year=2024/25")  # fmt: skip
    page.get_by_label("Why are they different?").fill("Most of our tenants are over 70.")
    page.get_by_role("button", name="Save the note").click()

    expect(page.locator("body")).to_contain_text("Most of our tenants are over 70.")
    assert not _wider_than_the_screen(page)
    assert_accessible(page)
