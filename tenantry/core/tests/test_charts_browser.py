"""Charts in a real browser: drawn again by vega-embed where JavaScript runs, left as the static
SVG where it does not, readable on a phone and free of serious accessibility problems.

The page is a test-only view (this module is its URL configuration) that shows one chart of
each kind in Tenantry's own layout, so the site's stylesheet and scripts load as on any page.
"""

import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path
from playwright.sync_api import Browser, Page, expect

from tenantry.core.tests.test_charts import (
    _position,
    _reach,
    _repairs_by_organisation,
    _satisfaction,
    _trend,
)
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    VIEWPORTS,
    assert_accessible,
    browser,
    page,
)
from tenantry.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = Template(
    """{% extends "base.html" %}{% block title %}Charts{% endblock %}{% block content %}
<h1 class="govuk-heading-l">Charts</h1>
{% for chart in charts %}{% include "includes/chart.html" with chart=chart %}{% endfor %}
{% endblock %}"""
)


def charts_page(request):
    charts = [
        _repairs_by_organisation(highlight="Kingsmead TMO"),
        _satisfaction(),
        _trend(target="target", band_low="low", band_high="high"),
        _position(),
        _reach(),
    ]
    return HttpResponse(PAGE.render(RequestContext(request, {"charts": charts})))


urlpatterns = [*site_urlpatterns, path("charts-test/", charts_page)]
CHARTS = 5


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = __name__


def _watch_console(tab: Page) -> list[str]:
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def _smallest_text_on_screen(tab: Page) -> float:
    """The smallest font size of any chart text as drawn, in CSS pixels, after the SVG scales."""
    return tab.evaluate(
        """() => Math.min(...[...document.querySelectorAll('figure svg text')].map(text => {
            const size = parseFloat(getComputedStyle(text).fontSize);
            return size * text.closest('svg').getScreenCTM().a;
        }))"""
    )


def test_with_javascript_each_chart_is_drawn_again_with_tooltips(page: Page):  # noqa: F811
    errors = _watch_console(page)
    page.goto("/charts-test/")
    expect(page.locator("[data-tenantry-chart-interactive]")).to_have_count(CHARTS)
    # vega-embed's own chart, named like the static one, scaled to the column
    svgs = page.locator("figure .vega-embed svg[role=img]")
    expect(svgs).to_have_count(CHARTS)
    expect(svgs.first).to_have_attribute("aria-label", _repairs_by_organisation().description)
    width = page.locator("figure").first.bounding_box()["width"]
    assert svgs.first.bounding_box()["width"] == pytest.approx(min(width, 600), abs=1)
    # The tables fold away on screen once the chart is interactive.
    expect(page.locator("details[data-tenantry-chart-table][open]")).to_have_count(0)

    page.locator("figure .vega-embed svg path[fill='#00594f']").first.hover()
    expect(page.locator("#vg-tooltip-element")).to_contain_text("Kingsmead TMO")
    expect(page.locator("#vg-tooltip-element")).to_contain_text("92.4%")

    assert _smallest_text_on_screen(page) >= 12
    assert errors == []
    assert_accessible(page)


def test_printing_opens_the_tables(page: Page):  # noqa: F811
    page.goto("/charts-test/")
    expect(page.locator("[data-tenantry-chart-interactive]")).to_have_count(CHARTS)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("details[data-tenantry-chart-table][open]")).to_have_count(CHARTS)
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("details[data-tenantry-chart-table][open]")).to_have_count(0)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_without_javascript_the_static_chart_and_its_table_are_shown(
    browser: Browser,  # noqa: F811
    live_server,
    size,
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, **VIEWPORTS[size]
    )
    tab = context.new_page()
    tab.problems = []
    requested = []
    tab.on("request", lambda r: requested.append(r.url))
    tab.goto("/charts-test/")
    svgs = tab.locator("figure .tenantry-chart__picture > svg[role=img]")
    expect(svgs).to_have_count(CHARTS)
    for index in range(CHARTS):
        expect(svgs.nth(index)).to_be_visible()
    expect(tab.locator("details[data-tenantry-chart-table][open]")).to_have_count(CHARTS)
    expect(tab.get_by_role("row", name="Ash Tree Co-op 67.3%")).to_be_visible()
    assert not [url for url in requested if "/vendor/" in url]  # nothing heavy was fetched
    assert _smallest_text_on_screen(tab) >= 12
    context.close()


def test_the_static_charts_and_open_tables_are_accessible(page: Page):  # noqa: F811
    # axe-core needs JavaScript to run, so the page without JavaScript is checked as it is when
    # charts.js does nothing: the same static SVG and open tables.
    page.route("**/charts.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto("/charts-test/")
    expect(page.locator("details[data-tenantry-chart-table][open]")).to_have_count(CHARTS)
    expect(page.locator("[data-tenantry-chart-interactive]")).to_have_count(0)
    assert_accessible(page)
