"""Every route × every role of the cast: who gets the page, who is refused, who cannot see it.

200 = shown, 403 = the right organisation but the wrong role, 404 = another organisation's page
(exactly like one that does not exist), "login" = redirected to sign in.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = [
    "anonymous", "resident", "committee", "staff", "inspector", "landlord_officer",
    "outsider", "other_landlord_officer", "site_admin",
]  # fmt: skip

# Expected outcome per role, in the order of ROLES.
SHOWN_TO_ALL = ["login", 200, 200, 200, 200, 200, 404, 404, 200]
MANAGEMENT = ["login", 403, 200, 200, 200, 200, 404, 404, 200]
EDIT_ORG = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
LANDLORD_ONLY = ["login", 403, 403, 403, 403, 200, 404, 404, 200]
HISTORY = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
PEOPLE = ["login", 403, 200, 200, 403, 200, 404, 404, 200]
LANDLORD_PAGE = ["login", 404, 404, 404, 404, 200, 404, 404, 200]

# route name -> (organisation the URL is in, extra URL arguments, expected outcomes)
ROUTES = {
    "reports:organisation-home": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:detail": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:edit": ("tmo", {}, EDIT_ORG),
    "organisations:create": ("landlord", {}, LANDLORD_PAGE),
    "organisations:agreements": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:create-agreement": ("tmo", {}, LANDLORD_ONLY),
    "organisations:agreement": ("tmo", {"pk": "agreement"}, SHOWN_TO_ALL),
    "organisations:edit-agreement": ("tmo", {"pk": "agreement"}, LANDLORD_ONLY),
    "organisations:history": ("tmo", {}, HISTORY),
    "organisations:people": ("tmo", {}, PEOPLE),
    "homes:estates": ("tmo", {}, MANAGEMENT),
    "homes:estate": ("tmo", {"pk": "estate"}, MANAGEMENT),
    "homes:home": ("tmo", {"pk": "home"}, MANAGEMENT),
    "homes:coverage": ("tmo", {"pk": "agreement"}, SHOWN_TO_ALL),
}
# The landlord's own home page is its portfolio: only its officers and site admins see it.
LANDLORD_ROUTES = {"reports:organisation-home": ("landlord", {}, LANDLORD_PAGE)}

# Routes of libraries with their own tests, and the site-wide pages tested elsewhere.
NOT_ORGANISATION_ROUTES = {"index", "set-language"}
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
        if not name.startswith(THIRD_PARTY_PREFIXES) and name not in NOT_ORGANISATION_ROUTES
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
    where, arguments, outcomes = spec
    organisation = getattr(cast, where)
    kwargs = {key: getattr(cast, value).pk for key, value in arguments.items()}
    url = reverse(name, kwargs={"slug": organisation.slug, **kwargs})

    response = client_as(cast.people[role]).get(url)

    expected = outcomes[ROLES.index(role)]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


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
