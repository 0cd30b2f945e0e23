"""The busiest pages of the indicators app read a fixed number of queries: exactly as many
with five years of figures, many landlords' published figures and six organisations as with
one year and two organisations."""

import pytest
from django.urls import reverse

from tenantry.core.periods import financial_year, quarters_of
from tenantry.indicators.models import PeerLandlord, PeerValue

from .performance_data import YEAR, computed
from .routes_monitoring import result
from .test_portfolio import _build

pytestmark = pytest.mark.django_db

# The session, the user, their roles and the organisation, then the page's own reads.
PERFORMANCE_PAGE = 12
INDICATOR_PAGE = 14  # one for every year's top quarter of landlords together; the stored
# figure is checked against the counts of the records behind it, which the page makes anyway,
# and the list of them is paged with the count already made
PORTFOLIO_PAGE = 11


def _more_years(cast, years: int = 5) -> None:
    """Five more years of RP02-2 figures, each year and its quarters, and of the regulator's
    published figures for 8 landlords a year."""
    for back in range(2, 2 + years):
        year = financial_year(YEAR.start.year - back)
        result(cast.tmo, "RP02-2", year, "90")
        for each in quarters_of(year.label):
            result(cast.tmo, "RP02-2", each, "91")
        for number in range(8):
            landlord = PeerLandlord.objects.create(
                year_label=year.label, code=f"L{back}-{number}", name=f"Landlord {number}"
            )
            PeerValue.objects.create(
                landlord=landlord, code="RP02-2", stock_type="", value=80 + number, denominator=10
            )


def _get(client, url, query) -> None:
    assert client.get(url, query).status_code == 200


def test_the_performance_page_reads_the_same_queries_however_many_years(
    cast, client_as, django_assert_num_queries
):
    computed(cast)
    client = client_as(cast.people["committee"])
    url = reverse("indicators:performance", args=[cast.tmo.slug])
    _get(client, url, {"period": YEAR.label})  # the session is made
    with django_assert_num_queries(PERFORMANCE_PAGE):
        _get(client, url, {"period": YEAR.label})

    _more_years(cast)

    with django_assert_num_queries(PERFORMANCE_PAGE):
        _get(client, url, {"period": YEAR.label})


def test_an_indicator_page_reads_the_same_queries_however_many_years(
    cast, client_as, django_assert_num_queries
):
    computed(cast)
    client = client_as(cast.people["committee"])
    url = reverse("indicators:indicator", args=[cast.tmo.slug, "RP02-2"])
    _get(client, url, {"period": YEAR.label})
    with django_assert_num_queries(INDICATOR_PAGE):
        _get(client, url, {"period": YEAR.label})

    _more_years(cast)

    with django_assert_num_queries(INDICATOR_PAGE):
        page = client.get(url, {"period": YEAR.label})
    assert "Top quarter of landlords" in page.content.decode()


def test_the_portfolio_reads_the_same_queries_however_many_organisations(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("indicators:portfolio", args=[cast.landlord.slug])
    _build(cast, 1)  # with the cast's own Kingsmead TMO, two organisations
    _get(client, url, {})
    with django_assert_num_queries(PORTFOLIO_PAGE):
        _get(client, url, {})

    _build(cast, 4)  # six

    with django_assert_num_queries(PORTFOLIO_PAGE):
        _get(client, url, {})
