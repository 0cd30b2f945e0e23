"""Who gets a network's own pages at the network's address, and a group's pages: the network's
adviser (staff) and committee, another network's adviser, a member of the group, an outsider
with a role elsewhere, the site administrator, and someone not signed in. Every GET route of
`network_urls.py` and the group's page are here (the cast of the main matrix has no network)."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import OrganisationFactory, RoleFactory

from .factories import (
    FundingProgrammeFactory,
    GrantConditionFactory,
    GroupFactory,
    GroupMembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "adviser", "committee", "other_adviser", "member", "outsider", "admin"]
NETWORK_PAGE = ["login", 200, 200, 404, 404, 404, 200]
GROUP_PAGE = ["login", 200, 200, 404, 200, 404, 200]

TABLE = {
    "network:groups": NETWORK_PAGE,
    "network:group": NETWORK_PAGE,
    "network:grants": NETWORK_PAGE,
    "network:grant-new": NETWORK_PAGE,
    "network:grant": NETWORK_PAGE,
    "network:grant-condition": NETWORK_PAGE,
    "journey:group": GROUP_PAGE,
    # The network's own home page, at its address.
    "reports:organisation-home": NETWORK_PAGE,
}


def test_every_network_route_is_in_the_table():
    from tenantry.journey import network_urls

    assert {f"network:{p.name}" for p in network_urls.urlpatterns} <= set(TABLE)


@pytest.fixture
def world():
    network = NetworkFactory(slug="north")
    other = NetworkFactory(slug="south")
    group = GroupFactory(network=network)
    programme = FundingProgrammeFactory(organisation=network)
    condition = GrantConditionFactory(programme=programme, position=1)

    def person(organisation, role):
        user = UserFactory()
        RoleFactory(user=user, organisation=organisation, role=role)
        return user

    people = {
        "anonymous": None,
        "adviser": person(network, Role.STAFF),
        "committee": person(network, Role.COMMITTEE),
        "other_adviser": person(other, Role.STAFF),
        "member": GroupMembershipFactory(group=group).user,
        "outsider": person(OrganisationFactory(), Role.COMMITTEE),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    urls = {
        "network:groups": reverse("network:groups", args=["north"]),
        "network:group": reverse("network:group", args=["north", group.pk]),
        "network:grants": reverse("network:grants", args=["north"]),
        "network:grant-new": reverse("network:grant-new", args=["north"]),
        "network:grant": reverse("network:grant", args=["north", programme.pk]),
        "network:grant-condition": reverse(
            "network:grant-condition", args=["north", programme.pk, condition.pk]
        ),
        "journey:group": reverse("journey:group", args=[group.pk]),
        "reports:organisation-home": reverse("reports:organisation-home", args=["north"]),
    }
    return people, urls


@pytest.mark.parametrize("name", TABLE)
def test_each_person_gets_what_the_table_says(client_as, world, name):
    people, urls = world
    for who, expected in zip(PEOPLE, TABLE[name], strict=True):
        response = client_as(people[who]).get(urls[name])
        if expected == "login":
            assert response.status_code == 302, (name, who)
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == expected, (name, who)


@pytest.mark.parametrize("name", [n for n in TABLE if n.startswith("network:")])
def test_another_networks_adviser_can_change_nothing(client_as, world, name):
    people, urls = world

    response = client_as(people["other_adviser"]).post(urls[name], {"action": "reopen"})

    assert response.status_code == 404


def test_a_networks_home_counts_its_open_groups_by_stage(client_as, world):
    people, urls = world
    network = GroupFactory._meta.model.objects.get().network
    GroupFactory(network=network, stage="proposal", adviser=people["adviser"])
    GroupFactory(network=network, stage="proposal", email_confirmed_at="2026-11-01T10:00Z")
    GroupFactory(network=NetworkFactory(), stage="proposal")  # another network's

    page = client_as(people["adviser"]).get(urls["reports:organisation-home"])

    work = page.context["network_work"]
    assert work["open"] == 3
    assert dict((stage, n) for stage, _label, n in work["stages"])["proposal"] == 2
    assert work["waiting"] == 2  # the world's group and one of the two new ones
    assert work["unconfirmed"] == 2
