"""Budgets in Chromium: staff open an estate budget and allocate its year on a desktop; a
resident makes a quick bid on a phone (390 px) and, as the estate's representative, approves
it; staff pay it and complete it with a photo; the ledger, the management allowance and an
import with problems are read on the phone. axe-core finds no serious or critical problem and
nothing is wider than the phone."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tenantry.budgets.models import Bid, BidStatus, BudgetKind
from tenantry.budgets.tests.factories import BudgetFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser is a fixture)
    VIEWPORTS,
    assert_accessible,
    browser,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _page(chromium: Browser, live_server, viewport: str) -> Page:
    context = chromium.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


def test_an_estate_budget_from_opening_to_a_completed_bid(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
    tmp_path,
):
    slug = cast.tmo.slug
    today = timezone.localdate()
    this_year = today.year if today.month >= 4 else today.year - 1

    # Staff open the estate's budget with its rules, on a desktop.
    desk = _page(browser, live_server, "desktop")
    sign_in_with_password(desk, cast.people["staff"])
    desk.goto(reverse("budgets:budgets", args=[slug]))
    assert_accessible(desk)
    desk.get_by_role("link", name="Open an estate budget").click()
    desk.get_by_label("Estate").select_option(label="Kingsmead Estate")
    desk.get_by_label("Name").fill("Kingsmead Estate budget")
    desk.get_by_label("Opened on").fill(date(this_year, 4, 1).isoformat())
    desk.get_by_label("Allocation per home per year, £").fill("250")
    desk.get_by_label("Quick bids up to, £").fill("100")
    desk.get_by_label(cast.people["resident"].name).check()
    assert_accessible(desk)
    desk.locator("main form button").click()
    expect(desk.locator("h1")).to_have_text("Kingsmead Estate budget")
    desk.get_by_role("link", name="Allocate a year").click()
    desk.locator("main form button").click()
    expect(desk.locator("main")).to_contain_text("£500.00")
    assert_accessible(desk)

    # A resident makes a quick bid on a phone, and as the estate's representative decides it.
    phone = _page(browser, live_server, "phone")
    sign_in_with_password(phone, cast.people["resident"])
    phone.goto(reverse("budgets:budgets", args=[slug]))
    phone.get_by_role("link", name="Kingsmead Estate budget").click()
    phone.get_by_role("link", name="Make a bid").click()
    phone.get_by_label("Group making the bid").fill("Mill Road gardeners")
    phone.get_by_label("What is it for").fill("Bulbs for the green")
    phone.get_by_label("Where").fill("Mill Road green")
    phone.get_by_label("Cost, £").fill("80.00")
    _fits(phone)
    assert_accessible(phone)
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("Quick bid")
    phone.get_by_role("link", name="Decide the bid").click()
    phone.get_by_label("Approve the bid").check()
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("Approved")
    _fits(phone)
    assert_accessible(phone)

    # Staff pay it with its receipt and complete it with a photo.
    desk.goto(phone.url)
    desk.get_by_role("link", name="Record a payment").click()
    desk.get_by_label("Amount, £").fill("80.00")
    desk.get_by_label("Receipt or invoice number").fill("GN-1")
    desk.locator("main form button").click()
    desk.get_by_role("link", name="Complete the bid").click()
    picture = tmp_path / "bulbs.png"
    Image.new("RGB", (400, 300), "green").save(picture)
    desk.get_by_label("Photo of the finished work").set_input_files(str(picture))
    desk.locator("main form button").click()
    expect(desk.locator("main img")).to_be_visible()
    assert Bid.objects.get().status == BidStatus.COMPLETED

    # The resident reads the finished bid and the ledger on the phone.
    phone.reload()
    expect(phone.locator("main img")).to_be_visible()
    _fits(phone)
    assert_accessible(phone)
    phone.get_by_role("link", name="Kingsmead Estate budget").first.click()
    phone.get_by_role("link", name="Ledger").click()
    expect(phone.locator("main")).to_contain_text("£420.00")
    _fits(phone)
    assert_accessible(phone)


def test_the_allowance_and_an_import_with_problems_on_a_phone(
    browser: Browser,  # noqa: F811
    live_server,
    cast,
    tmp_path,
):
    slug = cast.tmo.slug
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Management allowance",
        opened_on=date(2024, 4, 1),
    )  # fmt: skip
    phone = _page(browser, live_server, "phone")
    sign_in_with_password(phone, cast.people["staff"])
    phone.goto(reverse("budgets:allowance-lines", args=[slug, allowance.pk]) + "?year=2025")
    phone.get_by_label("Repairs").fill("1000.02")
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("£250.01")
    _fits(phone)
    assert_accessible(phone)
    phone.goto(reverse("budgets:import-actuals", args=[slug, allowance.pk]))
    bad = tmp_path / "actuals.csv"
    bad.write_text("reference,date,service,amount\nA,31/02/2025,repairs,1\nB,01/05/2025,x,2\n")
    phone.get_by_label("File of actual spend").set_input_files(str(bad))
    phone.locator("main form button").click()
    expect(phone.locator("main")).to_contain_text("31/02/2025 is not a date")
    _fits(phone)
    assert_accessible(phone)
