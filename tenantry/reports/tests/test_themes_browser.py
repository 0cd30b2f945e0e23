"""On a phone and a desktop: staff open what residents keep raising, filter it by source and
work it out again. Every page is checked with axe-core and none is wider than the screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)

from .themes_corpus import BINS, DAMP, NOISE
from .themes_data import Source, add_comments, stored_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:  # noqa: F811
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_staff_read_the_themes_and_filter_them(page: Page, cast):  # noqa: F811
    ids = add_comments(cast.tmo, surveys=DAMP, complaints=BINS, meetings=NOISE)
    stored_run(
        cast.tmo,
        [
            (label, [(source, i, 2025) for i in ids[source]])
            for label, source in (
                ("damp, mould, bathroom", Source.SURVEYS),
                ("bins, rubbish, cleaned", Source.COMPLAINTS),
                ("neighbours, night, noise", Source.MEETINGS),
            )
        ],
    )
    sign_in_with_password(page, cast.people["staff"])
    page.goto(reverse("reports:themes", args=[cast.tmo.slug]))
    expect(page.get_by_role("heading", level=1)).to_have_text("What residents keep raising")
    expect(page.locator("main")).to_contain_text(DAMP[0])
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Source").select_option("complaints")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text(BINS[0])
    expect(page.locator("main")).not_to_contain_text(DAMP[0])
    assert_accessible(page)
    _fits(page)
