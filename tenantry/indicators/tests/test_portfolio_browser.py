"""The landlord's monitoring pages in a real browser, at a phone's width and a desktop's:
the portfolio, a submission accepted, targets with their chart and the intervention ladder.
axe-core checks each page for serious and critical problems."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tenantry.core.periods import financial_year, quarter
from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator, Intervention, Submission
from tenantry.indicators.services import submissions as submission_services
from tenantry.indicators.services.targets import set_target
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    home_url_of,
    page,
    sign_in_with_password,
)

from .routes_monitoring import indicator, result, schedule, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q1 = quarter("2024/25", "Q1")


@pytest.fixture
def monitored(cast):
    # A test that flushes the database takes the migration's national indicators with it.
    sync_definitions(Indicator)
    schedule(cast.agreement, "RP02-2", "quarterly")
    schedule(cast.agreement, "BV212", "quarterly")
    for year in ("2023/24", "2024/25"):
        set_target(
            agreement=cast.agreement, indicator=indicator("RP02-2"),
            year_start=financial_year(year).start, value=Decimal(95), tolerance=Decimal(2),
            by=None,
        )  # fmt: skip
        result(cast.tmo, "RP02-2", financial_year(year), "93.5" if year == "2024/25" else "90")
    result(cast.tmo, "RP02-2", Q1, "92.5", numerator=37, denominator=40)
    draft = submission_services.open_submission(agreement=cast.agreement, period=Q1, by=None)
    submission_services.submit(submission=draft, commentary="Checked.", by=None)
    step(cast.agreement, Intervention.Level.DISCUSSION, started_on=date(2025, 1, 10))
    return draft


def test_the_landlord_reads_the_portfolio_and_accepts_the_figures(
    page: Page,  # noqa: F811
    cast,
    monitored,
):
    sign_in_with_password(page, cast.people["landlord_officer"])
    expect(page).to_have_url(home_url_of(cast.landlord))
    expect(page.locator("main")).to_contain_text("waiting for you to accept or query")
    assert_accessible(page)

    page.get_by_role("link", name="See how each organisation is doing").click()
    table = page.locator("main").get_by_role("table")
    expect(table.get_by_role("link", name=cast.tmo.name, exact=True)).to_be_visible()
    expect(table).to_contain_text("Discussion")
    assert_accessible(page)

    page.goto(
        reverse("indicators:submission", args=[cast.tmo.slug, cast.agreement.pk, monitored.pk])
    )
    expect(page.locator("main")).to_contain_text("37 of 40")
    assert_accessible(page)
    page.get_by_role("button", name="Query").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you are asking")
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("main")).to_contain_text("Accepted")
    assert Submission.objects.get().status == Submission.Status.ACCEPTED


def test_the_committee_reads_targets_plans_five_years_and_sees_the_ladder(
    page: Page,  # noqa: F811
    cast,
    monitored,
):
    sign_in_with_password(page, cast.people["committee"])
    expect(page).to_have_url(home_url_of(cast.tmo))

    page.goto(
        reverse("indicators:targets", args=[cast.tmo.slug, cast.agreement.pk]) + "?year=2024/25"
    )
    expect(page.locator("main")).to_contain_text("Just short of target")
    assert_accessible(page)

    page.goto(
        reverse("indicators:plan-trajectory", args=[cast.tmo.slug, cast.agreement.pk, "RP02-2"])
    )
    page.get_by_label("Where you aim to be in five years").fill("98")
    page.get_by_role("button", name="Show the five targets").click()
    expect(page.locator("main")).to_contain_text("98%")
    expect(page.locator("figure svg").first).to_be_visible()
    assert_accessible(page)

    page.goto(reverse("indicators:interventions", args=[cast.tmo.slug, cast.agreement.pk]))
    expect(page.locator("main")).to_contain_text("Current step")
    assert_accessible(page)


# --- a dozen organisations, twenty indicators ---------------------------------------------------

# Where each table's scrolling box is, where its first and last columns are, and whether the
# first column's cells are still beside the box's left edge.
MEASURE = """() => [...document.querySelectorAll('main .tenantry-table-scroll')].map(box => {
  const edge = box.getBoundingClientRect();
  const heads = [...box.querySelectorAll('thead th')].map(th => th.getBoundingClientRect());
  return {left: edge.left, right: edge.right, first: heads[0].left, last: heads.at(-1).right,
          scrolls: box.scrollWidth > box.clientWidth};
})"""


@pytest.fixture
def dozen(cast):
    from .test_portfolio_views import TWENTY, _organisations

    sync_definitions(Indicator)
    Indicator.objects.filter(organisation=None).update(is_key=False)
    _organisations(cast, 12, TWENTY)


def test_at_a_desktops_width_no_column_of_a_view_is_cut_off(
    browser,  # noqa: F811
    live_server,
    cast,
    dozen,
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    sign_in_with_password(tab, cast.people["landlord_officer"])
    url = reverse("indicators:portfolio", args=[cast.landlord.slug])
    for group in ("", "tsm_management", "tsm_perception"):
        tab.goto(f"{url}?group={group}")
        (box,) = tab.evaluate(MEASURE)
        assert tab.evaluate("document.documentElement.scrollWidth") == 1280
        # The summary and the eight measures from records fit the page as they are.
        assert box["scrolls"] is (group == "tsm_perception"), group
        if not box["scrolls"]:
            assert box["left"] <= box["first"] and box["last"] <= box["right"] + 1, group
            continue
        # Twelve satisfaction measures are wider than the page: the box scrolls, and at its far
        # end the last column is in view with the organisations' names still beside it.
        tab.locator("main .tenantry-table-scroll").evaluate("box => box.scrollLeft = 1e6")
        (box,) = tab.evaluate(MEASURE)
        assert box["last"] <= box["right"] + 1 and abs(box["first"] - box["left"]) <= 1, group
    context.close()


def test_on_a_phone_each_organisation_is_a_card_of_named_figures(
    browser,  # noqa: F811
    live_server,
    cast,
    dozen,
):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    sign_in_with_password(tab, cast.people["landlord_officer"])
    tab.goto(reverse("indicators:portfolio", args=[cast.landlord.slug]) + "?group=tsm_management")
    assert tab.evaluate("document.documentElement.scrollWidth") == 390
    card = tab.locator("main tbody tr").filter(has_text="Organisation 00")
    expect(card.locator("th")).to_contain_text("1 home")
    expect(card.locator(".tenantry-stack__label").first).to_be_visible()
    expect(card).to_contain_text("Gas safety")
    expect(card).to_contain_text("Emergency repairs in time")
    context.close()
