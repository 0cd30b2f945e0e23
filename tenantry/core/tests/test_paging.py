"""Paging a long list: counted to a cap, numbered pages over what was counted."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from tenantry.core import paging
from tenantry.homes.models import Home
from tenantry.homes.tests.factories import EstateFactory, HomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_homes():
    estate = EstateFactory()
    for _ in range(7):
        HomeFactory(estate=estate)
    return Home.objects.filter(estate=estate).order_by("reference")


def test_a_list_longer_than_the_cap_is_counted_to_the_cap_and_says_there_are_more(seven_homes):
    paginator = paging.CappedPaginator(seven_homes, 2, cap=5)
    assert paginator.count == 5
    assert paginator.more
    assert paginator.num_pages == 3  # 5 rows, 2 to a page


def test_a_list_within_the_cap_is_counted_exactly(seven_homes):
    paginator = paging.CappedPaginator(seven_homes, 2, cap=7)
    assert paginator.count == 7
    assert not paginator.more


def test_the_count_reads_no_further_than_one_past_the_cap(seven_homes):
    with CaptureQueriesContext(connection) as queries:
        assert paging.CappedPaginator(seven_homes, 2, cap=5).count == 5
    (count,) = queries.captured_queries
    assert "LIMIT 6" in count["sql"]
    assert "ORDER BY" not in count["sql"]  # no sort of the whole list to count it


def test_the_page_asked_for_is_read_from_the_query_string_and_nonsense_gives_the_first(
    seven_homes, monkeypatch
):
    monkeypatch.setattr(paging, "CAP", 5)
    assert paging.page_of(seven_homes, QueryDict("page=2"), per_page=2).number == 2
    assert paging.page_of(seven_homes, QueryDict("page=x%00"), per_page=2).number == 1
    # Past the last page offered: the last, never a page beyond the cap.
    last = paging.page_of(seven_homes, QueryDict("page=4"), per_page=2)
    assert last.number == 3
    assert [home.reference for home in last] == [h.reference for h in seven_homes[4:5]]


def test_a_later_page_reads_its_keys_then_its_rows_in_the_lists_order(seven_homes):
    paginator = paging.CappedPaginator(seven_homes.select_related("estate"), 2, cap=7)
    paginator.count  # noqa: B018 - counted apart, as a page shows it first
    with CaptureQueriesContext(connection) as queries:
        second = paginator.page(2)
        references = [home.reference for home in second]
        estates = {home.estate.name for home in second}  # read with the rows, no query each
    assert references == [home.reference for home in seven_homes[2:4]]
    assert len(estates) == 1
    keys, rows = queries.captured_queries
    assert "LIMIT 2 OFFSET 2" in keys["sql"] and "JOIN" not in keys["sql"]
    assert "JOIN" in rows["sql"]


def test_a_list_sorted_by_another_tables_field_reads_even_its_first_page_by_its_keys():
    homes = []
    for name in ("Rowan Estate", "Ash Estate", "Elm Estate"):
        homes.append(HomeFactory(estate=EstateFactory(name=name)))
    by_estate_name = (
        Home.objects.filter(pk__in=[home.pk for home in homes])
        .select_related("estate", "landlord")
        .order_by("estate__name", "pk")
    )
    paginator = paging.CappedPaginator(by_estate_name, 2, keys_first=True)
    paginator.count  # noqa: B018 - counted apart, as a page shows it first
    with CaptureQueriesContext(connection) as queries:
        first = paginator.page(1)
        names = [home.estate.name for home in first]
        [home.landlord.name for home in first]  # read with the rows, no query each
    assert names == ["Ash Estate", "Elm Estate"]
    keys, rows = queries.captured_queries
    # The keys in order are read joined only to what sorts them; the rows, with everything shown.
    assert "LIMIT 2" in keys["sql"] and "organisations_organisation" not in keys["sql"]
    assert "organisations_organisation" in rows["sql"] and "LIMIT" not in rows["sql"]
    assert [home.estate.name for home in paginator.page(2)] == ["Rowan Estate"]
