"""On a phone and a desktop: a resident reports a cold radiator with a photo and when they are
in, staff give it a priority from the new reports page, and the resident sees the real date.
Every page is checked with axe-core and none is wider than the screen."""

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairPriorityFactory
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
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_report_is_triaged_and_the_resident_sees_the_real_date(page: Page, cast, tmp_path):  # noqa: F811
    RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
        target_unit="working_days",
    )  # fmt: skip
    RepairPriorityFactory(
        landlord=cast.landlord, code="P", name="Planned", target_amount=90,
        target_unit="calendar_days",
    )  # fmt: skip
    photo = tmp_path / "radiator.png"
    Image.new("RGB", (800, 600), (180, 60, 60)).save(photo, "PNG")

    sign_in_with_password(page, cast.people["resident"])
    expect(page).to_have_url(home_url_of(cast.tmo))
    page.goto(_url(cast, "report-my-repair"))
    page.get_by_label("Heating and hot water").check()
    page.get_by_label("Describe the problem").fill("The back bedroom radiator is cold.")
    page.locator("#id_emergency_1").check()  # no
    page.locator("#id_damp_or_mould_1").check()  # no
    page.get_by_label("When can we get into your home?").fill("Weekdays after 3pm")
    page.get_by_label("Add photos").set_input_files(str(photo))
    assert_accessible(page)
    _fits(page)
    page.get_by_role("button", name="Send the report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Repair reported")
    expect(page.locator("main")).to_contain_text("We will look at your report by")
    repair = Repair.objects.get()
    assert repair.priority is None and repair.photos.count() == 1

    page.context.clear_cookies()
    sign_in_with_password(page, cast.people["staff"])
    page.goto(_url(cast, "triage"))
    expect(page.locator("main")).to_contain_text("Weekdays after 3pm")
    image = page.get_by_role("img", name="Photo 1 sent by the resident")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 800  # served, not a broken image
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Priority").select_option(label="Urgent (5 working days)")
    page.get_by_role("button", name=f"Set the priority of {repair.reference}").click()
    expect(page.locator("main")).to_contain_text(f"{repair.reference} is now Urgent, due by")
    expect(page.locator("main")).to_contain_text("There are no new repair reports to look at.")

    page.context.clear_cookies()
    sign_in_with_password(page, cast.people["resident"])
    page.goto(_url(cast, "my-repair", repair.pk))
    expect(page.locator("main")).to_contain_text("We aim to fix it by")
    expect(page.get_by_role("img", name="Your photo 1")).to_be_visible()
    assert_accessible(page)
    _fits(page)
