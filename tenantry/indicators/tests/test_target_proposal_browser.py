"""A change waiting for the landlord fits a phone: the landlord's home page and the change's
own page, at 390 px."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from tenantry.core.periods import financial_year
from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.indicators.services import targets as services
from tenantry.reports.tests.test_browser import (  # noqa: F401
    CHROMIUM_ARGS,
    browser,
    sign_in_with_password,
)

from .routes_monitoring import indicator, schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_the_landlord_agrees_a_change_on_a_phone(browser: Browser, live_server, cast):  # noqa: F811
    sync_definitions(Indicator)
    year = financial_year("2024/25")
    schedule(cast.agreement, "TP01", "yearly", targets_agreed=True)
    services.set_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=year.start,
        value=Decimal(75),
        by=None,
    )
    services.propose_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=year.start,
        value=Decimal(72),
        note="This year's survey is by post rather than door to door, which usually scores "
        "lower; we ask for a lower target for one year while we compare the two methods.",
        by=cast.people["committee"],
    )
    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    sign_in_with_password(page, cast.people["landlord_officer"])
    page.goto(reverse("reports:organisation-home", args=[cast.landlord.slug]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_navigation():
        page.get_by_role("link", name="TP01 target for 2024/25: 75% to 72%").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Agree: the new target takes effect").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send your decision").click()
    assert "Agreed: the TP01 target is now 72%." in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
