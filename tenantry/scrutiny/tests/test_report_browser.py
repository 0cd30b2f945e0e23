"""From a published report to the panel's sign-off in Chromium: the landlord answers each
recommendation (one accepted with an owner and a due date, one rejected with reasons) and
reports the action done; the panel member signs it off on a phone (390 px); tenants read "you
said, we did". axe-core finds no serious or critical problem and nothing is too wide on the
phone."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)
from tenantry.scrutiny.models import ScrutinyStage
from tenantry.scrutiny.tests.factories_report import (
    PublishedReportFactory,
    RecommendationFactory,
    TermsFactory,
    member_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _open(browser: Browser, live_server, viewport: str) -> Page:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


def test_from_a_published_report_through_the_answers_to_the_sign_off(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
):
    today = timezone.localdate()
    panel = cast.panel
    TermsFactory(panel=panel, senior_officer_name="Helen Price")
    report = PublishedReportFactory(
        review__panel=panel,
        review__title="Repairs appointments",
        published_on=today - timedelta(days=20),
        answers_due_on=today + timedelta(days=40),
        recommendation__title="Let tenants choose the day of a repair",
    )
    RecommendationFactory(report=report, title="Bring the repairs contract in-house")
    # Another report whose answers are late, to show on the panel's page.
    PublishedReportFactory(
        review__panel=panel,
        review__title="Complaints replies",
        published_on=date(2026, 1, 5),
        answers_due_on=today - timedelta(days=3),
    )
    member = member_of(panel)
    review = report.review
    report_url = reverse("scrutiny:report", args=[panel.slug, review.pk])

    # The landlord, on a desktop.
    landlord = _open(browser, live_server, "desktop")
    sign_in_with_password(landlord, cast.people["landlord_officer"])
    landlord.goto(reverse("scrutiny:reports", args=[panel.slug]))
    expect(landlord.locator("main")).to_contain_text("Answer overdue")
    assert_accessible(landlord)
    landlord.goto(report_url)
    assert_accessible(landlord)
    landlord.get_by_role("link", name="Answer Let tenants choose the day of a repair").click()
    landlord.get_by_label("Accepted", exact=True).check()
    landlord.locator("main form button").click()
    # Refused: the form says what is missing and keeps the answer.
    expect(landlord.locator(".govuk-error-summary")).to_contain_text("Enter who is responsible")
    expect(landlord.get_by_label("Accepted", exact=True)).to_be_checked()
    assert_accessible(landlord)
    landlord.get_by_label("Who is responsible").fill("Head of repairs")
    landlord.get_by_label("Due date").fill((today + timedelta(days=120)).isoformat())
    landlord.locator("main form button").click()
    expect(landlord).to_have_url(
        f"{live_server.url}{report_url}#recommendation-"
        f"{report.recommendations.order_by('position')[0].pk}"
    )
    landlord.get_by_role("link", name="Answer Bring the repairs contract in-house").click()
    landlord.get_by_label("Rejected").check()
    landlord.get_by_label("Your reasons").fill("The contract runs to 2028.")
    landlord.locator("main form button").click()
    expect(landlord.locator("main")).to_contain_text("Following the actions")
    expect(landlord.locator("main")).to_contain_text("The contract runs to 2028.")
    landlord.get_by_role("link", name="Report progress Let tenants choose the day").click()
    landlord.get_by_label("Done").check()
    landlord.get_by_label("What has happened").fill("Slots offered on every call since May.")
    landlord.get_by_label("Evidence").fill("Call scripts and 300 bookings with a chosen slot.")
    assert_accessible(landlord)
    landlord.locator("main form button").click()
    expect(landlord.locator("main")).to_contain_text("Done")
    landlord.context.close()

    # The panel member signs it off on a phone.
    phone = _open(browser, live_server, "phone")
    sign_in_with_password(phone, member)
    phone.goto(report_url)
    _fits(phone)
    assert_accessible(phone)
    phone.get_by_role("link", name="Sign off Let tenants choose the day of a repair").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sign off the action")
    expect(phone.locator("main")).to_contain_text("Slots offered on every call since May.")
    _fits(phone)
    assert_accessible(phone)
    phone.get_by_label("Delivered", exact=True).check()
    phone.locator("main form button").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Enter the evidence")
    _fits(phone)
    assert_accessible(phone)
    phone.get_by_label("Evidence").fill("Appointments kept rose from 76% to 94%.")
    phone.get_by_label("What tenants should know").fill("You now choose your repair slot.")
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("Appointments kept rose from 76% to 94%.")
    expect(phone.locator("main")).to_contain_text("Closed")
    _fits(phone)
    review.refresh_from_db()
    assert review.stage == ScrutinyStage.CLOSED

    # Tenants read what came of it without signing in.
    phone.goto(reverse("you-said-we-did:panel", args=[panel.slug]))
    expect(phone.locator("main")).to_contain_text("Done, checked by the panel")
    expect(phone.locator("main")).to_contain_text("You now choose your repair slot.")
    expect(phone.locator("main")).to_contain_text("No, it will not do this.")
    _fits(phone)
    assert_accessible(phone)
    phone.context.close()
