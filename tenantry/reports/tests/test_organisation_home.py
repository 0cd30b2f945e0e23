from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tenantry.homes.stock import stock_changed
from tenantry.homes.tests.factories import CoverageFactory, EstateFactory, HomeFactory
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

pytestmark = pytest.mark.django_db

# The overview a TMO's staff open first: its agreement, stock, estates and the work that is late.
# (One of them reads the safety-check intervals in force, for records/safety.py; one counts the
# new repair reports beside their entry in the staff menu. The stock and estates counts are
# read from the stored counts, homes/stock.py; one looks for improvement plan actions that are
# late, reviews/home_parts.py; one finds the tenant group whose journey led to the
# organisation, journey/selectors_tracker.py.)
OVERVIEW_QUERIES = 20
OVERDUE_QUERIES = 7  # records/tests/test_staff_overdue.py: gathered at most once a minute


def _open_overview(client, cast):
    return client.get(reverse("reports:organisation-home", args=[cast.tmo.slug]))


def _grow(cast, *, estates: int, first: int):
    """More estates, homes and late repairs: none of it may cost another query."""
    priority = RepairPriorityFactory(landlord=cast.landlord)  # a landlord has a few priorities
    for n in range(first, first + estates):
        estate = EstateFactory(landlord=cast.landlord, name=f"Estate {n}")
        for _ in range(3):
            home = HomeFactory(estate=estate)
            CoverageFactory(agreement=cast.agreement, home=home)
            RepairFactory(
                organisation=cast.tmo,
                home=home,
                priority=priority,
                reported_at=timezone.now() - timedelta(days=90),
            )


def test_the_staff_overview_takes_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client = client_as(cast.people["staff"])
    _grow(cast, estates=1, first=0)
    _open_overview(client, cast)  # sessions and caches warm
    cache.clear()  # and the overdue work gathered again, as at least once a minute
    with django_assert_num_queries(OVERVIEW_QUERIES):
        _open_overview(client, cast)
    with django_assert_num_queries(OVERVIEW_QUERIES - OVERDUE_QUERIES):
        _open_overview(client, cast)  # within the minute: the overdue work as gathered

    with django_capture_on_commit_callbacks(execute=True):
        _grow(cast, estates=4, first=1)
        stock_changed(organisations=[cast.tmo])  # as the services that change coverage do

    cache.clear()
    with django_assert_num_queries(OVERVIEW_QUERIES):
        page = _open_overview(client, cast).content.decode()
    assert "Estate 4" in page
