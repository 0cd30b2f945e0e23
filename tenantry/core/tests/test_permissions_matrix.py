"""Every route × every role of the cast: who gets the page, who is refused, who cannot see it.

200 = shown, 403 = the right organisation but the wrong role, 404 = another organisation's page
(exactly like one that does not exist), "login" = redirected to sign in.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

import tenantry
from tenantry.core.tests.file_routes import file_routes, is_file
from tenantry.core.tests.matrix import ROLES


def _route_tables() -> tuple[dict, dict, dict]:
    """Every `tenantry/<app>/tests/routes*.py` module's ROUTES, LANDLORD_ROUTES and SCRUTINEER
    (what the ballots' scrutineer gets from each route), merged."""
    routes, landlord_routes, scrutineer = {}, {}, {}
    for path in sorted(Path(tenantry.__file__).parent.glob("*/tests/routes*.py")):
        module = importlib.import_module(
            ".".join(path.relative_to(Path(tenantry.__file__).parent.parent).with_suffix("").parts)
        )
        routes |= getattr(module, "ROUTES", {})
        landlord_routes |= getattr(module, "LANDLORD_ROUTES", {})
        scrutineer |= getattr(module, "SCRUTINEER", {})
    return routes, landlord_routes, scrutineer


ROUTES, LANDLORD_ROUTES, SCRUTINEER = _route_tables()

# Routes of libraries with their own tests, and the site-wide pages tested elsewhere.
NOT_ORGANISATION_ROUTES = {
    "index", "set-language", "email-settings", "healthz",
    # Voting with a ballot paper's code, signed in or not (democracy/tests/test_ballot_views.py).
    "ballot:enter-code", "ballot:voted",
    # A person's own API tokens and the API's docs page (api/tests/test_api_matrix.py).
    "api-tokens", "api-token-revoke", "api-docs",
}  # fmt: skip
# The open API answers with tokens and JSON, not sign-in pages: its own matrix walks every one
# of its routes for every role (api/tests/test_api_matrix.py).
API_PREFIX = "api:"
# Newsletters have their own matrix too, every route for ten roles, GET and POST, with the
# refused POSTs changing nothing (reports/tests/test_newsletters_matrix.py).
NEWSLETTER_PREFIX = "reports:newsletter"
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "usersessions_")


def _route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_is_in_the_matrix():
    ours = {
        name
        for name in _route_names()
        if not name.startswith(THIRD_PARTY_PREFIXES)
        and not name.startswith((API_PREFIX, NEWSLETTER_PREFIX))
        and name not in NOT_ORGANISATION_ROUTES
    }
    assert ours - set(ROUTES) == set()
    assert set(ROUTES) - ours == set()


CASES = [
    (name, role, spec)
    for table in (ROUTES, LANDLORD_ROUTES)
    for name, spec in table.items()
    for role in ROLES
]


@pytest.mark.parametrize(
    ("name", "role", "spec"), CASES, ids=[f"{n}-{r}-{s[0]}" for n, r, s in CASES]
)
def test_route_answers_each_role(cast, client_as, name, role, spec):
    _check_route(cast, client_as, name, cast.people[role], spec, spec[2][ROLES.index(role)])


def _url(cast, name, spec) -> str:
    where, arguments, _outcomes = spec
    organisation = getattr(cast, where)
    kwargs = {
        key: value(cast) if callable(value) else getattr(cast, value).pk
        for key, value in arguments.items()
    }
    try:
        return reverse(name, kwargs={"slug": organisation.slug, **kwargs})
    except NoReverseMatch:
        # A site-wide public page (the journey's pages on tenant control) has no organisation.
        return reverse(name, kwargs=kwargs)


def _check_route(cast, client_as, name, person, spec, expected):
    response = client_as(person).get(_url(cast, name, spec))

    if is_file(response):
        # Every download is sent through the injection test, which finds them by name or path.
        assert name in file_routes(), f"{name} gives a CSV or XLSX: see core/tests/file_routes.py"
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


# The ballots' scrutineer (Role.SCRUTINEER, docs/ballots.md) is read-only: they read the
# organisation's democracy like anyone with a role, and a ballot's roll, marked register, refused
# votes, count and certificate, and change nothing. Every democracy route says what they get.
DEMOCRACY_ROUTES = sorted(name for name in ROUTES if name.startswith("democracy:"))


def test_every_democracy_route_says_what_the_scrutineer_gets():
    assert set(DEMOCRACY_ROUTES) - set(SCRUTINEER) == set()
    assert set(SCRUTINEER) - set(DEMOCRACY_ROUTES) == set()


@pytest.mark.parametrize("name", DEMOCRACY_ROUTES)
def test_route_answers_the_scrutineer(cast, client_as, name):
    _check_route(cast, client_as, name, cast.people["scrutineer"], ROUTES[name], SCRUTINEER[name])


@pytest.mark.parametrize("name", [n for n in DEMOCRACY_ROUTES if SCRUTINEER[n] in (403, 404)])
def test_the_scrutineer_can_change_nothing(cast, client_as, name):
    # Every route refused to the scrutineer refuses a form sent to it too (or, at another
    # organisation, hides itself).
    response = client_as(cast.people["scrutineer"]).post(_url(cast, name, ROUTES[name]), {})

    assert response.status_code == (404 if SCRUTINEER[name] == 404 else 403)


@pytest.mark.parametrize("role", ROLES)
def test_index_sends_each_role_somewhere_sensible(cast, client_as, role):
    response = client_as(cast.people[role]).get("/")
    if role in ("anonymous", "site_admin"):
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith("/o/")


def test_another_organisations_home_is_a_404_like_a_missing_one(cast, client_as):
    client = client_as(cast.people["outsider"])
    assert client.get(reverse("reports:organisation-home", args=[cast.tmo.slug])).status_code == 404
    assert client.get(reverse("reports:organisation-home", args=["no-such-org"])).status_code == 404


def test_landlord_officer_reaches_nothing_of_another_landlord(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    other = cast.other_tmo
    for url in (
        reverse("reports:organisation-home", args=[other.slug]),
        reverse("reports:organisation-home", args=[other.landlord.slug]),
        reverse("organisations:agreements", args=[other.slug]),
        reverse("homes:estates", args=[other.slug]),
    ):
        assert client.get(url).status_code == 404, url
