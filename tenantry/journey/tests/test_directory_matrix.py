"""Every directory and visit route × the roles the shared cast lacks: the hosts' committee and
staff, another organisation's staff, the group's member, another group's member, the group's
network adviser, a signed-out visitor and the site administrator."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.organisations.tests.factories import RoleFactory

from .factories import GroupFactory, GroupMembershipFactory, ProfileFactory, VisitFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "host_committee", "host_staff", "other_staff", "member", "other_member", "adviser",
    "anonymous", "site_admin",
]  # fmt: skip

# Outcomes in the order of PEOPLE.
HOST = [200, 200, 404, 404, 404, 404, "login", 200]
GROUP = [404, 404, 404, 200, 404, 200, "login", 200]
HOST_ROUTES = [
    "directory:profile", "directory:visits", "directory:visit", "directory:accept-visit",
    "directory:decline-visit", "directory:cancel-visit", "directory:record-visit",
]  # fmt: skip
GROUP_ROUTES = [
    "journey:group-visits", "journey:ask-visit", "journey:group-visit",
    "journey:group-cancel-visit", "journey:group-record-visit",
]  # fmt: skip


@pytest.fixture
def scene(cast):
    ProfileFactory(organisation=cast.tmo)
    group = GroupFactory()
    visit = VisitFactory(host=cast.tmo, group=group)
    people = {
        "host_committee": cast.people["committee"],
        "host_staff": cast.people["staff"],
        "other_staff": RoleFactory(role=Role.STAFF, organisation=cast.other_tmo).user,
        "member": GroupMembershipFactory(group=group).user,
        "other_member": GroupMembershipFactory().user,
        "adviser": RoleFactory(role=Role.STAFF, organisation=group.network).user,
        "anonymous": None,
        "site_admin": cast.people["site_admin"],
    }
    return cast, group, visit, people


def _url(name, cast, group, visit) -> str:
    if name.startswith("directory:"):
        args = [cast.tmo.slug] + ([visit.pk] if name != "directory:profile" and
                                  name != "directory:visits" else [])  # fmt: skip
        return reverse(name, args=args)
    kwargs = {"group": group.pk}
    if name == "journey:ask-visit":
        kwargs["host"] = cast.tmo.slug
    elif name != "journey:group-visits":
        kwargs["visit"] = visit.pk
    return reverse(name, kwargs=kwargs)


CASES = [(name, who, HOST[i]) for name in HOST_ROUTES for i, who in enumerate(PEOPLE)] + [
    (name, who, GROUP[i]) for name in GROUP_ROUTES for i, who in enumerate(PEOPLE)
]


@pytest.mark.parametrize(("name", "who", "expected"), CASES)
def test_route_answers_each_person(scene, client_as, name, who, expected):
    cast, group, visit, people = scene

    response = client_as(people[who]).get(_url(name, cast, group, visit))

    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("who", "expected"), list(zip(PEOPLE, GROUP, strict=True)))
def test_choosing_a_date_is_the_groups_alone(scene, client_as, who, expected):
    cast, group, visit, people = scene
    url = reverse("journey:choose-visit-date", args=[group.pk, visit.pk])

    response = client_as(people[who]).post(url, {})

    if expected == "login":
        assert response.status_code == 302
    else:
        # The group's people reach the form, which refuses a request with no date chosen.
        assert response.status_code == (400 if expected == 200 else 404)


@pytest.mark.parametrize(("who", "expected"), list(zip(PEOPLE, HOST, strict=True)))
def test_publishing_is_the_hosts_alone(scene, client_as, who, expected):
    cast, _group, _visit, people = scene

    response = client_as(people[who]).post(
        reverse("directory:unpublish-profile", args=[cast.tmo.slug])
    )

    if expected == "login":
        assert response.status_code == 302 and "login" in response.url
    else:
        assert response.status_code == (302 if expected == 200 else expected)


def test_a_visit_of_another_host_is_not_found_at_this_hosts_address(scene, client_as):
    cast, _group, _visit, people = scene
    elsewhere = VisitFactory(host=cast.other_tmo)

    response = client_as(people["host_committee"]).get(
        reverse("directory:visit", args=[cast.tmo.slug, elsewhere.pk])
    )

    assert response.status_code == 404


def test_a_visit_of_another_group_is_not_found_at_this_groups_address(scene, client_as):
    _cast, group, _visit, people = scene
    other = VisitFactory()

    response = client_as(people["member"]).get(
        reverse("journey:group-visit", args=[group.pk, other.pk])
    )

    assert response.status_code == 404


def test_the_host_pages_do_not_exist_at_a_landlords_address(cast, client_as):
    response = client_as(cast.people["site_admin"]).get(
        reverse("directory:visits", args=[cast.landlord.slug])
    )

    assert response.status_code == 404
