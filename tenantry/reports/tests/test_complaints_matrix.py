"""Every complaints route × every role, GET and POST: someone signed out, a resident, staff, a
committee member, the landlord's officer, a scrutiny panel's member, another organisation's
committee member and the site administrator, at Kingsmead TMO (a draft year) and at the
landlord's own address, where its officers keep the council's self-assessment."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.reports.complaints_models import ComplaintsYear

from .complaints_world import definitions  # noqa: F401

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "resident", "staff", "committee", "landlord", "panel", "outsider", "admin"]

READ = ["login", 200, 200, 200, 200, 404, 404, 200]
# A draft's PDF does not exist for those who may read only what is published.
DRAFT_PDF = ["login", 404, 200, 200, 200, 404, 404, 200]
EDIT = ["login", 403, 200, 200, 403, 404, 404, 200]
APPROVE = ["login", 403, 403, 200, 403, 404, 404, 200]
PUBLISH_GET = ["login", 403, 403, 405, 403, 404, 404, 405]

GET = {
    "reports:complaints-years": READ,
    "reports:complaints-self-assessment": READ,
    "reports:complaints-provision": EDIT,
    "reports:complaints-self-assessment-pdf": DRAFT_PDF,
    "reports:complaints-report": READ,
    "reports:complaints-report-edit": EDIT,
    "reports:complaints-report-pdf": DRAFT_PDF,
    "reports:complaints-approve": APPROVE,
    "reports:complaints-publish": PUBLISH_GET,
}

# What each form answers to an empty POST: refused, or (for those allowed) the form again with
# its errors (400), or a change made and a redirect (302).
POST = {
    "reports:complaints-provision": ["login", 403, 400, 400, 403, 404, 404, 400],
    "reports:complaints-report-edit": ["login", 403, 302, 302, 403, 404, 404, 302],
    "reports:complaints-approve": ["login", 403, 403, 400, 403, 404, 404, 400],
    # A draft cannot be published: the page says so (a redirect with the message).
    "reports:complaints-publish": ["login", 403, 403, 302, 403, 404, 404, 302],
}


def test_every_complaints_route_is_in_the_tables():
    from tenantry.reports.complaints_views import urlpatterns

    assert {f"reports:{p.name}" for p in urlpatterns} == set(GET)


def _people(cast):
    def person(organisation, role):
        user = UserFactory()
        RoleFactory(user=user, organisation=organisation, role=role)
        return user

    return {
        "anonymous": None,
        "resident": cast.people["resident"],
        "staff": cast.people["staff"],
        "committee": cast.people["committee"],
        "landlord": cast.people["landlord_officer"],
        # A member of the landlord's scrutiny panel holds no role at the TMO.
        "panel": person(cast.panel, Role.PANEL),
        "outsider": cast.people["outsider"],
        "admin": cast.people["site_admin"],
    }


def _url(name, slug):
    args = [slug]
    if name != "reports:complaints-years":
        args.append(2025)
    if name == "reports:complaints-provision":
        args.append("6.2")
    return reverse(name, args=args)


def _check(response, expected, name, who):
    if expected == "login":
        assert response.status_code == 302, (name, who)
        assert reverse("account_login") in response.url
    else:
        assert response.status_code == expected, (name, who, response.status_code)


@pytest.mark.parametrize("name", GET)
def test_get(cast, client_as, name):
    people = _people(cast)
    for who, expected in zip(PEOPLE, GET[name], strict=True):
        _check(client_as(people[who]).get(_url(name, cast.tmo.slug)), expected, name, who)


@pytest.mark.parametrize("name", POST)
def test_post(cast, client_as, name):
    people = _people(cast)
    for who, expected in zip(PEOPLE, POST[name], strict=True):
        response = client_as(people[who]).post(_url(name, cast.tmo.slug), {})
        _check(response, expected, name, who)
    # Nothing was approved or published by an empty form.
    assert not ComplaintsYear.objects.exclude(status="draft").exists()


# At the landlord's own address its officers are its staff and governing body's clerks.
LANDLORD_OWN = {
    "reports:complaints-self-assessment": 200,
    "reports:complaints-provision": 200,
    "reports:complaints-report-edit": 200,
    "reports:complaints-approve": 200,
}


@pytest.mark.parametrize("name", LANDLORD_OWN)
def test_the_landlords_officers_keep_their_own(cast, client_as, name):
    response = client_as(cast.people["landlord_officer"]).get(_url(name, cast.landlord.slug))

    assert response.status_code == LANDLORD_OWN[name]


def test_a_tmos_committee_cannot_reach_the_landlords(cast, client_as):
    url = _url("reports:complaints-approve", cast.landlord.slug)

    assert client_as(cast.people["committee"]).get(url).status_code == 404


def test_a_year_before_the_code_or_to_come_is_not_found(cast, client_as):
    client = client_as(cast.people["committee"])
    for year in (2023, 2040):
        url = reverse("reports:complaints-self-assessment", args=[cast.tmo.slug, year])
        assert client.get(url).status_code == 404


def test_an_unknown_provision_is_not_found(cast, client_as):
    url = reverse("reports:complaints-provision", args=[cast.tmo.slug, 2025, "99.9"])

    assert client_as(cast.people["committee"]).get(url).status_code == 404
