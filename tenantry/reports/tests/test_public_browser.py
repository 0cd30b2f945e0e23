"""The public page and its settings page in a real browser: axe-core finds no serious or
critical problem at a phone's width or a desktop's, and the page prints to a PDF without its
navigation."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.reports import services

from .test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)
from .test_public_page import TEXTS, _figures, _meetings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published(cast) -> None:
    sync_definitions(Indicator)  # a flushed database has lost what the migration loaded
    _figures(cast)
    _meetings(cast)
    services.save_public_page(organisation=cast.tmo, by=None, **TEXTS)
    services.publish_public_page(organisation=cast.tmo, by=None)


def test_the_public_pages_are_accessible(page: Page, cast):  # noqa: F811
    _published(cast)

    for name in ("reports:public-page", "reports:public-performance"):
        page.goto(reverse(name, args=[cast.tmo.slug]))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(reverse("public-pages:index"))
    assert_accessible(page)


def test_the_settings_page_and_its_preview_are_accessible(page: Page, cast):  # noqa: F811
    sign_in_with_password(page, cast.people["committee"])
    page.goto(reverse("reports:public-page-settings", args=[cast.tmo.slug]))
    assert_accessible(page)

    page.get_by_label("Contact email").fill("not an email")
    page.get_by_role("button", name="Save the page").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    assert_accessible(page)

    page.get_by_label("Contact email").fill("")
    for field, label in (
        ("introduction", "Who we are and what we do"),
        ("how_to_join", "How to join"),
        ("how_to_complain", "How to complain"),
    ):
        page.get_by_label(re.compile(f"^{label}")).fill(TEXTS[field])
    page.get_by_role("button", name="Save the page").click()
    page.get_by_role("link", name="Preview the page").click()
    expect(page.locator("main")).to_contain_text(TEXTS["introduction"])
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Back to your public page")).click()
    page.get_by_role("button", name="Publish the page").click()
    expect(page.locator("main")).to_contain_text("Your page is published")


def test_the_page_prints(page: Page, cast, tmp_path):  # noqa: F811
    _published(cast)
    page.goto(reverse("reports:public-page", args=[cast.tmo.slug]))
    page.emulate_media(media="print")

    assert not page.locator(".tenantry-public-nav").is_visible()
    pdf = page.pdf(format="A4", print_background=True)

    assert pdf.startswith(b"%PDF")
    (tmp_path / "public-page.pdf").write_bytes(pdf)
