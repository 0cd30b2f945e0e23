"""Each list reads a fixed number of queries, whatever its page size and however many rows it
holds: no COUNT of the whole list, no query per row."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantry.core.deadlines import LONDON
from tenantry.records.tests.factories import RepairFactory

from .helpers import bearer
from .world import build

pytestmark = pytest.mark.django_db


def _queries(client, url, **headers) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return len(context), [q["sql"] for q in context.captured_queries]


LISTS = [
    ("api:public-organisations", False, 4),
    ("api:public-results", True, 5),
    ("api:public-plans", True, 5),
    ("api:public-annual-reports", True, 5),
    ("api:public-recommendations", "panel", 6),
    ("api:organisations", None, 5),
    ("api:results", True, 7),
    ("api:plans", True, 6),
    ("api:repairs", True, 6),
    ("api:submissions", True, 6),
]


@pytest.mark.parametrize(("name", "slug", "most"), LISTS)
def test_a_list_reads_the_same_queries_for_1_or_200_rows(cast, client, settings, name, slug,
                                                          most):  # fmt: skip
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    world = build(cast)
    start = datetime(2025, 6, 1, 9, tzinfo=LONDON)
    for i in range(12):
        RepairFactory(organisation=cast.tmo, home=cast.home, reported_at=start + timedelta(days=i))
    kwargs = {}
    if slug == "panel":
        kwargs = {"slug": cast.panel.slug}
    elif slug:
        kwargs = {"slug": cast.tmo.slug}
    url = reverse(name, kwargs=kwargs)
    headers = bearer(world.secrets["site_admin"])
    client.get(url, **headers)  # the token's "last used" is written once, not per request
    one, _sql = _queries(client, url + "?limit=1", **headers)
    many, sql = _queries(client, url + "?limit=200", **headers)
    assert one == many
    assert many <= most, sql
    assert not any('"__count"' in q for q in sql)  # no .count() of a list
