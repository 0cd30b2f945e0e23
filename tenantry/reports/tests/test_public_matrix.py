"""Every route of the public page × every role, asked and sent a form, with the page published:
someone not signed in, a resident, staff, the committee, the landlord's officer, a member of the
landlord's scrutiny panel, another organisation's committee member and the site administrator.
And the same 404 for an unpublished page and for one that does not exist."""

import pytest
from django.urls import reverse

from tenantry.reports import services
from tenantry.reports.models import PublicPage

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous", "resident", "staff", "committee", "landlord_officer", "panel", "outsider",
    "site_admin",
]  # fmt: skip

EVERYONE = [200] * 8
KEEPERS = ["login", 403, 403, 200, 200, 404, 404, 200]
KEEPERS_POST_ONLY = ["login", 403, 403, 405, 405, 404, 404, 405]
NOBODY_SENDS = [405] * 8
KEEPERS_SEND = ["login", 403, 403, 302, 302, 404, 404, 302]

# Route: (what a GET gets, what a POST gets), in the order of PEOPLE.
TABLE = {
    "reports:public-page": (EVERYONE, NOBODY_SENDS),
    "reports:public-performance": (EVERYONE, NOBODY_SENDS),
    "public-pages:index": (EVERYONE, NOBODY_SENDS),
    "reports:public-page-settings": (KEEPERS, KEEPERS_SEND),
    "reports:preview-public-page": (KEEPERS, [*KEEPERS[:3], 405, 405, 404, 404, 405]),
    "reports:publish-public-page": (KEEPERS_POST_ONLY, KEEPERS_SEND),
    "reports:unpublish-public-page": (KEEPERS_POST_ONLY, KEEPERS_SEND),
}

TEXTS = {
    "introduction": "We are the tenants who run the estate.",
    "how_to_join": "Ask at the office. It is free.",
    "how_to_complain": "Tell us first. Then the Housing Ombudsman.",
}


def test_every_route_of_the_public_page_is_in_the_table():
    from tenantry.reports import public_urls, urls

    names = {f"reports:{p.name}" for p in urls.urlpatterns if "public" in str(p.pattern)}
    names |= {f"public-pages:{p.name}" for p in public_urls.urlpatterns}
    assert names == set(TABLE)


def _people(cast) -> dict:
    return {**cast.people, "panel": cast.panel_member}


def _url(name: str, slug: str) -> str:
    if name.startswith("public-pages:"):
        return reverse(name)
    return reverse(name, args=[slug])


def _publish(cast) -> None:
    services.save_public_page(organisation=cast.tmo, by=None, **TEXTS)
    services.publish_public_page(organisation=cast.tmo, by=None)


def _check(response, expected, name, who):
    if expected == "login":
        assert response.status_code == 302, (name, who)
        assert response.url.startswith(reverse("account_login")), (name, who)
    else:
        assert response.status_code == expected, (name, who, response.status_code)


@pytest.mark.parametrize("name", TABLE)
def test_each_person_gets_what_the_table_says(cast, client_as, name):
    people = _people(cast)
    for who, expected in zip(PEOPLE, TABLE[name][0], strict=True):
        _publish(cast)
        _check(client_as(people[who]).get(_url(name, cast.tmo.slug)), expected, name, who)


@pytest.mark.parametrize("name", TABLE)
def test_each_person_sending_a_form_gets_what_the_table_says(cast, client_as, name):
    people = _people(cast)
    for who, expected in zip(PEOPLE, TABLE[name][1], strict=True):
        _publish(cast)
        response = client_as(people[who]).post(_url(name, cast.tmo.slug), TEXTS)
        _check(response, expected, name, who)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("name", ["reports:public-page", "reports:public-performance"])
def test_an_unpublished_page_is_the_same_404_as_a_missing_one(cast, client_as, who, name):
    people = _people(cast)
    PublicPage.objects.create(organisation=cast.tmo, published=False, **TEXTS)
    client = client_as(people[who])

    unpublished = client.get(_url(name, cast.tmo.slug))
    never_opted_in = client.get(_url(name, cast.other_tmo.slug))
    missing = client.get(_url(name, "no-such-organisation"))

    assert unpublished.status_code == never_opted_in.status_code == missing.status_code == 404
    assert cast.tmo.name not in unpublished.text
    assert cast.other_tmo.name not in never_opted_in.text
