"""Every API route × every role: who gets an answer, who is refused (403), for whom the
organisation does not exist (404), who must send a token (401).

The routes are read from the URL patterns, so a new route fails here until the table says
what each role gets. The rules asked are the pages' own (`organisations.access.organisation_for`
and each app's permissions), so the answers match the pages': a landlord's officer reads its
organisations' records, a resident the figures but not the records, another organisation's
people nothing of it, and a revoked or expired token nothing at all.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tenantry.api.main import api
from tenantry.records.tests.test_import_support import Place, csv_bytes

from .helpers import bearer
from .world import ROLES, build

pytestmark = pytest.mark.django_db

# Outcomes in the order of ROLES:
# anonymous, resident, committee, staff, landlord, panel, outsider, site admin, revoked, expired
PUBLIC = [200] * 10
ANY_TOKEN = [401, 200, 200, 200, 200, 200, 200, 200, 401, 401]
IN_ORGANISATION = [401, 200, 200, 200, 200, 404, 404, 200, 401, 401]
MANAGEMENT = [401, 403, 200, 200, 200, 404, 404, 200, 401, 401]
IMPORTERS = [401, 403, 403, 200, 200, 404, 404, 200, 401, 401]
# Queued (202): inside a test's transaction the import runs after the answer; test_writes.py
# shows it running in the request (201 or 422) as it does outside a test.
IMPORTERS_WRITE = [401, 403, 403, 202, 202, 404, 404, 202, 401, 401]
FIGURE_SENDERS = [401, 403, 201, 201, 403, 404, 404, 201, 401, 401]

TMO = {"slug": lambda w: w.cast.tmo.slug}
YEAR = {**TMO, "year": lambda w: "2025-26"}

# route name -> (method, URL arguments, outcomes)
ROUTES = {
    "api:api-root": ("get", {}, PUBLIC),
    "api:openapi-json": ("get", {}, PUBLIC),
    "api:public-organisations": ("get", {}, PUBLIC),
    "api:public-organisation": ("get", TMO, PUBLIC),
    "api:public-results": ("get", TMO, PUBLIC),
    "api:public-plans": ("get", TMO, PUBLIC),
    "api:public-annual-reports": ("get", TMO, PUBLIC),
    "api:public-recommendations": ("get", {"slug": lambda w: w.cast.panel.slug}, PUBLIC),
    "api:open-data": ("get", TMO, PUBLIC),
    "api:open-data-tsm-return": ("get", YEAR, PUBLIC),
    "api:open-data-indicator": ("get", {**YEAR, "code": lambda w: "RP02-2"}, PUBLIC),
    "api:me": ("get", {}, ANY_TOKEN),
    "api:organisations": ("get", {}, ANY_TOKEN),
    "api:organisation": ("get", TMO, IN_ORGANISATION),
    "api:results": ("get", TMO, IN_ORGANISATION),
    "api:plans": ("get", TMO, IN_ORGANISATION),
    "api:repairs": ("get", TMO, MANAGEMENT),
    "api:submissions": ("get", TMO, MANAGEMENT),
    "api:submit-figures": ("post", TMO, FIGURE_SENDERS),
    "api:import-run": ("get", {**TMO, "run_id": lambda w: w.run.pk}, IMPORTERS),
    "api:import-records": ("post", TMO, IMPORTERS_WRITE),
}


def _api_routes(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _api_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace == "api:":
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_api_route_is_in_the_matrix():
    assert _api_routes() == set(ROUTES)


def test_every_operation_of_the_description_is_in_the_matrix():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = {
        (method, operation["operationId"])
        for methods in schema["paths"].values()
        for method, operation in methods.items()
    }
    assert operations == {
        (method, name.removeprefix("api:").replace("-", "_"))
        for name, (method, _args, _outcomes) in ROUTES.items()
        if name not in ("api:openapi-json", "api:api-root")
    }


def _send(client, world, name: str, role: str):
    method, arguments, _outcomes = ROUTES[name]
    url = reverse(name, kwargs={key: make(world) for key, make in arguments.items()})
    headers = bearer(world.secrets[role])
    if method == "get":
        return client.get(url, **headers)
    if name == "api:import-records":
        place = Place(world.cast)
        data = csv_bytes([
            ["reference", "home", "priority", "reported_at"],
            ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
        ])  # fmt: skip
        return client.post(
            url, {"kind": "repairs", "dry_run": "true",
                  "file": SimpleUploadedFile("repairs.csv", data)}, **headers,
        )  # fmt: skip
    return client.post(
        url, {"period": "2024/25 Q1", "commentary": "On target."},
        content_type="application/json", **headers,
    )  # fmt: skip


CASES = [(name, role) for name in ROUTES for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_route_answers_each_role(
    cast, client, name, role, django_capture_on_commit_callbacks, settings
):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    world = build(cast)
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, world, name, role)
    expected = ROUTES[name][2][ROLES.index(role)]
    assert response.status_code == expected, response.content[:500]
    if expected >= 400:
        body = response.json()
        assert body["status"] == expected and body["message"] and "Traceback" not in str(body)


@pytest.mark.parametrize("name", [n for n, spec in ROUTES.items() if spec[0] == "post"])
def test_a_change_needs_a_token_even_when_signed_in(cast, client_as, name):
    world = build(cast)
    client = client_as(cast.people["staff"])
    world.secrets["staff"] = None
    response = _send(client, world, name, "staff")
    assert response.status_code == 401


@pytest.mark.parametrize("name", [n for n, spec in ROUTES.items() if spec[0] == "get"])
def test_reading_when_signed_in_answers_as_a_token_would(cast, client_as, name):
    world = build(cast)
    for role in ("resident", "committee", "outsider"):
        client = client_as(cast.people[role])
        world.secrets[role] = None
        expected = ROUTES[name][2][ROLES.index(role)]
        assert _send(client, world, name, role).status_code == expected, role


def test_a_bad_token_is_refused_even_with_a_session(cast, client_as):
    client = client_as(cast.people["staff"])
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer tnt_nonsense")
    assert response.status_code == 401


def test_token_pages_and_docs_matrix(cast, client_as):
    for role in ("resident", "committee", "staff", "landlord_officer", "outsider", "site_admin"):
        client = client_as(cast.people[role])
        assert client.get(reverse("api-tokens")).status_code == 200
        assert client.get(reverse("api-docs")).status_code == 200
    client = client_as(None)
    assert client.get(reverse("api-docs")).status_code == 200
    assert client.get(reverse("api-tokens")).status_code == 302
