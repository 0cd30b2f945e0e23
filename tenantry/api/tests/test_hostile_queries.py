"""Every list of the API, asked with nonsense in each query parameter it reads, answers in the
error shape or with the list: never a 500 (the site's pages have the same test,
core/tests/test_hostile_queries.py, whose values these are)."""

import base64

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


def _cursor(raw: str) -> str:
    """A cursor as the API writes one (unpadded URL-safe base64 of JSON), around any JSON."""
    data = raw.encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


# Well-formed cursors holding values no page could have given, each of which a database would
# refuse or misread: a lone surrogate (not UTF-8, so PostgreSQL's driver cannot send it), NUL,
# integers past a bigint, and values of the wrong type or shape.
FORGED_CURSORS = [
    '["\\ud800", 1]',
    '["a\\u0000b", 1]',
    f'["a", {2**63}]',
    '["a", "not a number"]',
    '["a", 1.5e400]',
    '["a", NaN]',
    '[["a"], 1]',
    '[{"a": 1}, 1]',
    '["a", null]',
    '["a"]',
    '"a"',
]


@pytest.mark.parametrize("raw", FORGED_CURSORS)
def test_a_forged_cursor_is_refused_in_the_error_shape(client, settings, raw):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    response = client.get(reverse("api:public-organisations"), {"cursor": _cursor(raw)})
    assert response.status_code == 400, raw
    assert response.json()["message"] == "The cursor is not one this list gave."
