"""Paging, ETags, rate limits and the one error shape."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from tenantry.core.deadlines import LONDON
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory

from .helpers import bearer, secret_for
from .world import build

pytestmark = pytest.mark.django_db


def _repairs(cast, n: int) -> list[Repair]:
    start = datetime(2025, 6, 1, 9, tzinfo=LONDON)
    return [
        RepairFactory(organisation=cast.tmo, home=cast.home, reference=f"KEY-{i:02d}",
                      reported_at=start + timedelta(hours=i // 2))  # two share each hour
        for i in range(n)
    ]  # fmt: skip


def test_pages_follow_each_other_without_a_row_lost_or_repeated(cast, client):
    _repairs(cast, 7)
    headers = bearer(secret_for(cast.people["staff"]))
    url = reverse("api:repairs", kwargs={"slug": cast.tmo.slug})
    seen, sizes, asked = [], [], url + "?limit=3"
    while asked:
        body = client.get(asked, **headers).json()
        seen += [r["reference"] for r in body["items"]]
        sizes.append(len(body["items"]))
        asked = body["next"]
    assert sizes == [3, 3, 1]
    expected = list(
        Repair.objects.filter(organisation=cast.tmo)
        .order_by("-reported_at", "-pk")
        .values_list("reference", flat=True)
    )
    assert seen == expected and len(set(seen)) == 7


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [({"cursor": "nonsense"}, 400, "cursor"), ({"cursor": "WyJ4IiwgMV0"}, 400, None),
     ({"limit": 0}, 422, "limit"), ({"limit": 201}, 422, "limit"),
     ({"status": "lost"}, 422, "status"), ({"period": "whenever"}, 422, "period")],
)  # fmt: skip
def test_a_list_refuses_what_makes_no_sense_naming_it(cast, client, query, status, field):
    headers = bearer(secret_for(cast.people["staff"]))
    response = client.get(reverse("api:repairs", kwargs={"slug": cast.tmo.slug}), query,
                          **headers)  # fmt: skip
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"status", "code", "message", "problems"}
    if field:
        assert field in [p["field"] for p in body["problems"]]


def test_an_unchanged_answer_is_a_304_and_a_changed_one_is_not(cast, client):
    build(cast)
    url = reverse("api:public-organisation", kwargs={"slug": cast.tmo.slug})
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    assert "public" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    cast.tmo.name = "Kingsmead Tenant Management Organisation"
    cast.tmo.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_person_s_answers_are_private(cast, client):
    response = client.get(reverse("api:me"), **bearer(secret_for(cast.people["staff"])))
    assert response["Cache-Control"] == "private, no-cache"
    assert "Authorization" in response["Vary"]


def test_too_many_requests_from_one_address_is_a_429_with_retry_after(cast, client, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 3
    url = reverse("api:public-organisations")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "too_many_requests"
    # Another address is counted on its own.
    assert client.get(url, REMOTE_ADDR="192.0.2.9").status_code == 200


def test_too_many_requests_with_one_token_is_a_429_for_that_token_only(cast, client, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    settings.API_REQUESTS_PER_MINUTE_PER_TOKEN = 2
    busy = bearer(secret_for(cast.people["staff"]))
    other = bearer(secret_for(cast.people["committee"]))
    url = reverse("api:me")
    assert [client.get(url, **busy).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url, **other).status_code == 200


def test_guessing_tokens_is_counted_against_the_address(cast, client, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 2
    url = reverse("api:me")
    answers = [client.get(url, **bearer(f"tnt_guess{n}")).status_code for n in range(3)]
    assert answers == [401, 401, 429]


def test_a_server_error_says_so_in_the_shape_without_a_trace(cast, client, monkeypatch):
    from tenantry.api.routes import public

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(public, "published_organisations", broken)
    response = client.get(reverse("api:public-organisations"))
    body = response.json()
    assert response.status_code == 500
    assert body["code"] == "server_error" and "reference" in body["message"]
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_an_unknown_address_or_method_answers_in_the_shape(cast, client):
    response = client.get("/api/v1/no/such/thing")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = client.delete(reverse("api:public-organisations"))
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_the_description_is_served_and_the_docs_page_loads_nothing_from_elsewhere(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/public/organisations" in schema["paths"]
    page = client.get("/api/v1/docs").content.decode()
    assert "/api/v1/openapi.json" in page and "/api/v1/organisations/{slug}/repairs" in page
    # Every address the page loads or links to is this site's (a form token may hold any
    # letters, "cdn" among them: the addresses are what is checked).
    addresses = re.findall(r'\b(?:src|href|action)="([^"]*)"', page)
    assert addresses and all(a.startswith(("/", "#")) and not a.startswith("//") for a in addresses)
    assert "://" not in page and "swagger" not in page.lower()


def test_the_description_is_worked_out_once_a_process_for_each_language(client, monkeypatch):
    from ninja import main as ninja_main

    from tenantry.api.main import api

    worked_out = []
    get_schema = ninja_main.get_schema
    monkeypatch.setattr(api, "_schemas", {})
    monkeypatch.setattr(
        ninja_main, "get_schema", lambda **kw: worked_out.append(1) or get_schema(**kw)
    )
    first = client.get("/api/v1/openapi.json").content
    assert client.get("/api/v1/openapi.json").content == first
    assert len(worked_out) == 1
    client.get("/api/v1/openapi.json", headers={"accept-language": "cy"})
    assert len(worked_out) == 2
