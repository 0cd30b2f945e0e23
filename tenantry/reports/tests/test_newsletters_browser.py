"""A committee member writes a newsletter, adds an item, sends it and follows the sending; a
member unsubscribes from the link. In Debian's Chromium at a phone's and a desktop's width,
with axe-core on every page on the way (no serious or critical problems)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.reports.newsletters import Newsletter, NewsletterPreference
from tenantry.reports.services_newsletters import unsubscribe_token

from .newsletter_helpers import member
from .test_browser import assert_accessible, browser, page, sign_in_with_password  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_writing_sending_and_following_a_newsletter(page: Page, cast):  # noqa: F811
    member(cast.tmo, email="ann@example.org")
    member(cast.tmo, address="2 Birch Close")
    sign_in_with_password(page, cast.people["committee"])
    page.goto(reverse("reports:newsletters", args=[cast.tmo.slug]))
    assert_accessible(page)

    page.get_by_role("link", name="Write a newsletter").click()
    page.get_by_role("button", name="Continue").click()  # nothing typed
    expect(page.locator(".govuk-error-summary")).to_contain_text("title")
    assert_accessible(page)
    page.get_by_label("Title").fill("Autumn 2026")
    page.get_by_label("Members of the organisation").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn 2026")
    assert_accessible(page)

    page.get_by_role("link", name="Your own words").click()
    page.get_by_label("Text").fill("The new recycling bins arrive in October.")
    page.get_by_role("button", name="Add the item").click()
    expect(page.locator("main")).to_contain_text("The new recycling bins arrive in October.")
    assert_accessible(page)

    page.get_by_role("link", name="Send", exact=True).click()
    expect(page.locator("main")).to_contain_text("1 person gets an email.")
    assert_accessible(page)
    page.get_by_role("button", name="Send now").click()
    expect(page.locator("main")).to_contain_text("How it was sent")
    assert_accessible(page)
    assert Newsletter.objects.get().status == Newsletter.Status.SENT


def test_unsubscribing_from_the_link(page: Page, cast):  # noqa: F811
    ann = member(cast.tmo, email="ann@example.org").resident
    token = unsubscribe_token(organisation_id=cast.tmo.pk, resident_id=ann.pk)

    page.goto(reverse("reports:newsletter-unsubscribe", args=[cast.tmo.slug, token]))
    assert_accessible(page)
    page.get_by_label("Stop sending me newsletters").check()
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You will get no more newsletters")
    assert_accessible(page)
    assert NewsletterPreference.objects.get().choice == "none"
