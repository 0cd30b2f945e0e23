"""A resident on a phone and a desktop: report a repair, rate one in one tap, complain.

Every page on the way is checked with axe-core (no serious or critical problems) and the
rating buttons are measured: at least 44 by 44 CSS pixels, so they are easy to tap.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tenantry.records.models import Complaint, Repair
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALLEST_TARGET = 44  # CSS pixels: WCAG 2.5.5 (AAA) and GOV.UK's own touch target size


def _sign_in(page: Page, cast) -> None:  # noqa: F811
    sign_in_with_password(page, cast.people["resident"])
    expect(page).to_have_url(home_url_of(cast.tmo))  # the sign-in has finished


def _url(cast, name: str, *args) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, *args])


@pytest.fixture
def scheme(cast):
    RepairPriorityFactory(
        landlord=cast.landlord, code="E", name="Emergency", target_amount=24,
        target_unit="hours", is_emergency=True,
    )  # fmt: skip
    return RepairPriorityFactory(
        landlord=cast.landlord, code="R", name="Routine", target_amount=20,
        target_unit="working_days",
    )  # fmt: skip


def test_resident_reports_a_repair_with_damp(page: Page, cast, scheme):  # noqa: F811
    _sign_in(page, cast)
    page.goto(_url(cast, "report-my-repair"))
    assert_accessible(page)

    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what needs fixing")
    assert_accessible(page)

    page.get_by_label("Water, taps, toilets and leaks").check()
    page.get_by_label("Describe the problem").fill("The pipe under the sink leaks.")
    page.locator("#id_emergency_1").check()  # no
    page.locator("#id_damp_or_mould_0").check()  # yes
    page.get_by_role("button", name="Send the report").click()

    repair = Repair.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Repair reported")
    expect(page.locator("main")).to_contain_text(repair.reference)
    expect(page.locator("main")).to_contain_text("staff will come to inspect it")
    assert repair.hazard == Repair.Hazard.SIGNIFICANT
    assert_accessible(page)


def test_resident_rates_a_finished_repair_in_one_tap(page: Page, cast, scheme):  # noqa: F811
    finished = timezone.now() - timedelta(days=2)  # recent: the list asks for a rating
    repair = RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=scheme, description="Fix the gate",
        reported_at=finished - timedelta(days=5), status=Repair.Status.COMPLETED,
        completed_at=finished,
    )  # fmt: skip
    _sign_in(page, cast)
    page.goto(_url(cast, "my-repairs"))
    assert_accessible(page)

    buttons = page.locator("button[name=satisfaction]")
    expect(buttons).to_have_count(5)
    for box in (buttons.nth(i).bounding_box() for i in range(5)):
        assert box["width"] >= SMALLEST_TARGET and box["height"] >= SMALLEST_TARGET, box

    page.get_by_role("button", name="4 – Fairly satisfied").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    repair.refresh_from_db()
    assert repair.satisfaction == 4
    assert_accessible(page)


def test_resident_makes_a_complaint(page: Page, cast):  # noqa: F811
    _sign_in(page, cast)
    page.goto(_url(cast, "make-my-complaint"))
    assert_accessible(page)

    page.get_by_label("Cleaning and caretaking").check()
    page.get_by_label("What happened?").fill("The bins have not been emptied for two weeks.")
    page.get_by_role("button", name="Send the complaint").click()

    complaint = Complaint.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint received")
    expect(page.locator("main")).to_contain_text("We will acknowledge your complaint by")
    assert_accessible(page)
    page.get_by_role("link", name="Follow this complaint's progress").click()
    expect(page).to_have_url(re.compile(re.escape(_url(cast, "my-complaint", complaint.pk)) + "$"))
    assert_accessible(page)
