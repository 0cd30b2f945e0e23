"""A network keeps its own grant programmes: create, edit, conditions added, changed, moved
and removed, shown to the public and taken off again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services
from tenantry.journey.models import FundingProgramme
from tenantry.organisations.tests.factories import RoleFactory

from .factories import FundingProgrammeFactory, GrantConditionFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(slug="north")


@pytest.fixture
def adviser(network):
    user = UserFactory()
    RoleFactory(user=user, organisation=network, role=Role.STAFF)
    return user


def _questions(programme):
    return list(programme.conditions.order_by("position").values_list("question", flat=True))


def test_a_programme_is_made_given_conditions_and_shown(client_as, network, adviser):
    client = client_as(adviser)

    assert client.get(reverse("network:grants", args=["north"])).status_code == 200
    refused = client.post(reverse("network:grant-new", args=["north"]), {"name": ""})
    assert refused.status_code == 400
    assert b"Enter the name of the grant" in refused.content
    response = client.post(
        reverse("network:grant-new", args=["north"]),
        {"name": "Start-up grant", "funder": "The network", "summary": "For new groups"},
    )
    programme = FundingProgramme.objects.get(organisation=network)
    url = reverse("network:grant", args=["north", programme.pk])
    assert response.url == url

    # Shown with no condition: refused, said at the top of the page.
    assert client.post(url, {"action": "publish"}).status_code == 400
    for question in ("Is the group constituted?", "Members?"):
        client.post(url, {"action": "add", "add-question": question, "add-kind": "yes_no"})
    refused = client.post(
        url, {"action": "add", "add-question": "How many?", "add-kind": "at_least"}
    )
    assert refused.status_code == 400
    assert b"Enter the minimum" in refused.content
    assert client.post(url, {"action": "publish"}).status_code == 302
    programme.refresh_from_db()
    assert programme.published
    assert client.get(reverse("journey:check-grant", args=[programme.pk])).status_code == 200

    assert client.post(url, {"action": "unpublish"}).status_code == 302
    programme.refresh_from_db()
    assert not programme.published


def test_conditions_are_moved_changed_and_removed(client_as, network, adviser):
    programme = FundingProgrammeFactory(organisation=network, published=False)
    first, second, third = (
        GrantConditionFactory(programme=programme, position=n, question=q)
        for n, q in enumerate(["A?", "B?", "C?"], start=1)
    )
    client = client_as(adviser)
    url = reverse("network:grant", args=["north", programme.pk])

    client.post(url, {"action": "down", "condition": first.pk})
    assert _questions(programme) == ["B?", "A?", "C?"]
    client.post(url, {"action": "up", "condition": third.pk})
    assert _questions(programme) == ["B?", "C?", "A?"]
    client.post(url, {"action": "remove", "condition": second.pk})
    assert _questions(programme) == ["C?", "A?"]
    assert list(programme.conditions.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
    ]
    response = client.post(
        reverse("network:grant-condition", args=["north", programme.pk, third.pk]),
        {"question": "At least how many members?", "kind": "at_least", "minimum": "20"},
    )
    assert response.status_code == 302
    third.refresh_from_db()
    assert (third.question, third.minimum) == ("At least how many members?", 20)


def test_the_last_condition_of_a_shown_programme_stays(network, adviser):
    programme = FundingProgrammeFactory(organisation=network, published=True)
    only = GrantConditionFactory(programme=programme, position=1)

    with pytest.raises(ValidationError):
        services.remove_condition(condition=only, by=adviser)


def test_another_networks_programme_is_hidden(client_as, network, adviser):
    other = FundingProgrammeFactory(organisation=NetworkFactory())
    condition = GrantConditionFactory(programme=other, position=1)
    client = client_as(adviser)

    assert client.get(reverse("network:grant", args=["north", other.pk])).status_code == 404
    assert (
        client.get(
            reverse("network:grant-condition", args=["north", other.pk, condition.pk])
        ).status_code
        == 404
    )


def test_dates_the_wrong_way_round_are_refused(client_as, network, adviser):
    response = client_as(adviser).post(
        reverse("network:grant-new", args=["north"]),
        {"name": "X", "funder": "Y", "opens_on": "2026-05-01", "closes_on": "2026-04-01"},
    )

    assert response.status_code == 400
    assert b"The closing date must be after the opening date" in response.content
