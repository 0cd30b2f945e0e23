"""Every list of the API, asked with nonsense in each query parameter it reads, answers in the
error shape or with the list: never a 500 (the site's pages have the same test,
core/tests/test_hostile_queries.py, whose values these are)."""

import pytest
from django.urls import reverse

from tenantry.core.tests.test_hostile_queries import HOSTILE

from .world import build

pytestmark = pytest.mark.django_db

PARAMETERS = ["period", "indicator", "scope", "status", "limit", "cursor"]
GETS = [
    "api:public-organisations", "api:public-results", "api:public-plans",
    "api:public-recommendations", "api:organisations", "api:results", "api:repairs",
    "api:submissions",
]  # fmt: skip


@pytest.mark.parametrize("name", GETS)
def test_nonsense_in_a_query_is_never_a_server_error(cast, client, settings, name):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    world = build(cast)
    kwargs = {"slug": cast.tmo.slug} if "organisations" not in name else {}
    url = reverse(name, kwargs=kwargs)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world.secrets['site_admin']}"}
    for parameter in PARAMETERS:
        for value in HOSTILE:
            response = client.get(url, {parameter: value}, **headers)
            assert response.status_code in (200, 400, 422), (parameter, value)
            assert response["Content-Type"].startswith("application/json")
        response = client.get(f"{url}?{parameter}=1&{parameter}=2", **headers)
        assert response.status_code in (200, 400, 422), parameter
