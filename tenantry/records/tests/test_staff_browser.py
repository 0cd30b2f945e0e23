"""Staff on a phone and a desktop: filter the repairs, open one, record one, see what is late.

Every page on the way is checked with axe-core (no serious or critical problems), and the
repairs list must fit a phone's width without scrolling sideways.
"""

from datetime import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.core.deadlines import LONDON
from tenantry.homes.tests.factories import BlockFactory
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(cast, name: str, **kwargs) -> str:
    return reverse(f"services:{name}", kwargs={"slug": cast.tmo.slug, **kwargs})


@pytest.fixture
def repairs(cast):
    urgent = RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
        target_unit="working_days",
    )  # fmt: skip
    late = RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=urgent, reference="LATE-1",
        reported_at=datetime(2025, 12, 19, 10, tzinfo=LONDON),
    )  # fmt: skip
    RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=urgent, reference="DONE-1",
        reported_at=datetime(2025, 12, 19, 10, tzinfo=LONDON), status=Repair.Status.COMPLETED,
        completed_at=datetime(2025, 12, 30, 15, tzinfo=LONDON),
    )  # fmt: skip
    return late


def test_staff_filter_the_repairs_and_open_a_late_one(page: Page, cast, repairs):  # noqa: F811
    sign_in_with_password(page, cast.people["staff"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.goto(_url(cast, "records"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Service records")
    expect(page.locator("main")).to_contain_text("Repairs past their target: 1")
    assert_accessible(page)

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Repairs", exact=True).click()
    # The list fits the screen: nothing to scroll sideways for, even on a phone.
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the repairs list is wider than the screen"
    page.get_by_text("Filter the list").click()
    page.get_by_label("Status").select_option(label="Open and past target")
    page.get_by_role("button", name="Apply filter").click()
    expect(page.locator("main")).to_contain_text("1 record matches")
    expect(page.locator("main")).not_to_contain_text("DONE-1")
    assert_accessible(page)

    page.get_by_role("link", name="LATE-1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LATE-1")
    expect(page.locator("main")).to_contain_text("Overdue by")
    assert_accessible(page)


def test_staff_record_a_repair_after_correcting_a_mistake(page: Page, cast, repairs):  # noqa: F811
    sign_in_with_password(page, cast.people["staff"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.goto(_url(cast, "create-record", kind="repairs"))
    page.get_by_label("Property reference").fill("NO-SUCH-HOME")
    page.get_by_label("Urgent (5 working days)").check()
    page.get_by_label("What needs doing").fill("The front door does not lock.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("NO-SUCH-HOME")
    expect(page.get_by_label("What needs doing")).to_have_value("The front door does not lock.")
    assert_accessible(page)

    page.get_by_label("Property reference").fill(cast.home.reference)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("REP-000001")
    expect(page.locator("main")).to_contain_text(cast.home.address)
    assert_accessible(page)


BLOCK_NAMES = ["Ash", "Beech", "Cedar", "Elm", "Hazel", "Holly", "Oak", "Rowan", "Willow", "Yew"]


@pytest.fixture
def many_blocks(cast, repairs):
    """More blocks than a phone's picker is any use for: the block is found by typing."""
    for n in range(120):
        BlockFactory(estate=cast.estate, name=f"{BLOCK_NAMES[n % 10]} House {n // 10 + 1}")
    return BlockFactory(estate=cast.estate, name="Larch Tower")


def test_staff_find_a_block_among_many_by_typing(page: Page, cast, many_blocks):  # noqa: F811
    sign_in_with_password(page, cast.people["staff"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.goto(_url(cast, "create-record", kind="repairs"))
    block = page.get_by_role("combobox", name="Block")
    block.fill("larch")
    page.get_by_role("option", name="Larch Tower (Kingsmead Estate)").click()
    expect(block).to_have_value("Larch Tower (Kingsmead Estate)")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the repair form is wider than the screen"
    assert_accessible(page)

    # What matches no block leaves none chosen, and the form says what is missing.
    block.fill("Nowhere House")
    page.get_by_label("What needs doing").fill("The lift is out of order.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("choose a block")
    expect(page.get_by_label("What needs doing")).to_have_value("The lift is out of order.")

    block = page.get_by_role("combobox", name="Block")
    block.fill("Tower")
    page.get_by_role("option", name="Larch Tower (Kingsmead Estate)").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("REP-000001")
    assert Repair.objects.get(reference="REP-000001").block == many_blocks

    # Editing: the block chosen is in the box, and passing through the box keeps it.
    repair = Repair.objects.get(reference="REP-000001")
    page.goto(_url(cast, "edit-record", kind="repairs", pk=repair.pk))
    block = page.get_by_role("combobox", name="Block")
    expect(block).to_have_value("Larch Tower (Kingsmead Estate)")
    block.focus()
    block.press("Tab")
    page.get_by_label("What needs doing").fill("The lift is out of order again.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("REP-000001")
    repair.refresh_from_db()
    assert repair.block == many_blocks and repair.description == "The lift is out of order again."
