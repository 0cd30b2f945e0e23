"""The portfolio for a landlord with a dozen organisations and twenty key indicators: one view
per group of indicators, each column headed by the indicator's short name, and the same
queries however many organisations and indicators there are."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tenantry.core.periods import quarter
from tenantry.homes.tests.factories import CoverageFactory, EstateFactory, HomeFactory
from tenantry.indicators.definitions import SHORT_NAMES
from tenantry.indicators.models import Indicator
from tenantry.indicators.portfolio import column_groups
from tenantry.indicators.portfolio import portfolio as portfolio_of
from tenantry.organisations.tests.factories import AgreementFactory

from .routes_monitoring import result, schedule
from .test_query_counts import PORTFOLIO_PAGE

pytestmark = pytest.mark.django_db

Q4 = quarter("2024/25", "Q4")
TWENTY = [
    *[f"TP{n:02}" for n in range(1, 13)],  # twelve in the satisfaction view
    *[f"BS0{n}" for n in range(1, 6)],  # and eight from records
    "RP01",
    "RP02-1",
    "RP02-2",
]


def _organisations(cast, count: int, codes: list[str]) -> None:
    Indicator.objects.filter(organisation=None, code__in=codes).update(is_key=True)
    estate = EstateFactory(landlord=cast.landlord)
    for n in range(count):
        agreement = AgreementFactory(
            organisation__name=f"Organisation {n:02}",
            organisation__landlord=cast.landlord,
            starts_on=date(2020, 4, 1),
        )
        CoverageFactory(agreement=agreement, home=HomeFactory(estate=estate))
        for code in codes:
            schedule(agreement, code, "quarterly")
            result(agreement.organisation, code, Q4, "91.5")


def _headings(page: str) -> list[str]:
    """The column headings of the page's table, as text."""
    head = page.split('<thead class="govuk-table__head">', 1)[1].split("</thead>", 1)[0]
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]


@pytest.fixture
def big(cast):
    Indicator.objects.filter(organisation=None).update(is_key=False)
    _organisations(cast, 12, TWENTY)


def test_each_view_heads_every_indicator_of_its_group_by_name_with_its_code(cast, client_as, big):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("indicators:portfolio", args=[cast.landlord.slug])

    views = {
        "tsm_perception": [f"TP{n:02}" for n in range(1, 13)],
        "tsm_management": TWENTY[12:],
    }
    for group, codes in views.items():
        page = client.get(url, {"group": group}).content.decode()
        assert _headings(page) == ["Organisation"] + [
            f"{SHORT_NAMES[code]} {code}".replace("'", "&#x27;") for code in codes
        ]
        # Every one of the dozen organisations is a row of the view, named.
        assert all(f"Organisation {n:02}" in page for n in range(12))
    # Groups with no key indicator are not offered.
    summary = client.get(url).content.decode()
    assert "?group=tsm_perception" in summary and "?group=tsm_management" in summary
    assert "?group=best_value" not in summary


def test_a_view_reads_no_more_queries_for_a_dozen_organisations_and_twenty_indicators(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("indicators:portfolio", args=[cast.landlord.slug])
    Indicator.objects.filter(organisation=None).update(is_key=False)
    _organisations(cast, 1, ["TP01", "RP02-2"])
    client.get(url)  # the session is made
    for group in ("", "tsm_perception", "tsm_management"):
        with django_assert_num_queries(PORTFOLIO_PAGE):
            assert client.get(url, {"group": group}).status_code == 200

    _organisations(cast, 11, TWENTY)  # twelve organisations, twenty indicators

    for group in ("", "tsm_perception", "tsm_management"):
        with django_assert_num_queries(PORTFOLIO_PAGE):
            assert client.get(url, {"group": group}).status_code == 200


def test_columns_fall_into_the_performance_pages_groups_in_their_order(cast, big):
    groups = column_groups(portfolio_of(landlord=cast.landlord, today=date(2025, 5, 20)).columns)
    assert [(g.key, [c.code for c in g.columns]) for g in groups] == [
        ("tsm_perception", [f"TP{n:02}" for n in range(1, 13)]),
        ("tsm_management", TWENTY[12:]),
    ]


def test_an_unknown_group_shows_the_summary(cast, client_as, big):
    page = (
        client_as(cast.people["landlord_officer"])
        .get(reverse("indicators:portfolio", args=[cast.landlord.slug]), {"group": "nonsense"})
        .content.decode()
    )
    assert _headings(page) == [
        "Organisation", "Homes", "Key indicators", "Figures owed", "Intervention"
    ]  # fmt: skip


def test_the_filter_keeps_the_view(cast, client_as, big):
    page = (
        client_as(cast.people["landlord_officer"])
        .get(
            reverse("indicators:portfolio", args=[cast.landlord.slug]),
            {"group": "tsm_management", "show": "red"},
        )
        .content.decode()
    )
    assert '<input type="hidden" name="group" value="tsm_management">' in page
    # The links to the other views keep what was chosen to show.
    assert "?group=tsm_perception&amp;show=red" in page or "?show=red&amp;group=tsm_perception" in (
        page
    )


def test_every_national_indicator_has_a_short_name():
    assert set(SHORT_NAMES) == set(
        Indicator.objects.filter(organisation=None).values_list("code", flat=True)
    )
