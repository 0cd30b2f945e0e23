"""A network's own training pages for each kind of person (the shared cast has no network):
its advisers and committee run them; another network's adviser, a TMO's committee member and a
tenant group's own people find no such page; anyone signed out is asked to sign in."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey.tests.factories import (
    BookingFactory,
    CourseFactory,
    GroupMembershipFactory,
    NetworkFactory,
    SessionFactory,
)
from tenantry.organisations import services as organisations

pytestmark = pytest.mark.django_db


def _person(role, organisation):
    user = UserFactory()
    organisations.assign_role(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def network_cast(cast):
    network = NetworkFactory(slug="north-network")
    course = CourseFactory(organisation=network)
    session = SessionFactory(course=course)
    booking = BookingFactory(session=session)
    group_member = GroupMembershipFactory(group__network=network).user
    return {
        "network": network,
        "args": {"course": course.pk, "session": session.pk, "booking": booking.pk},
        "people": {
            "anonymous": None,
            "adviser": _person(Role.STAFF, network),
            "network_committee": _person(Role.COMMITTEE, network),
            "other_adviser": _person(Role.STAFF, NetworkFactory()),
            "tmo_committee": cast.people["committee"],
            "group_member": group_member,
        },
    }


GET_ROUTES = {
    "training:courses": [],
    "training:add-course": [],
    "training:course": ["course"],
    "training:edit-course": ["course"],
    "training:add-session": ["course"],
    "training:session": ["session"],
    "training:book-for": ["session"],
    "training:skills": [],
    "training:figures": [],
}
POST_ROUTES = {"training:attendance": ["session"], "training:cancel-booking": ["booking"]}
EXPECTED = {
    "anonymous": "login",
    "adviser": 200,
    "network_committee": 200,
    "other_adviser": 404,
    "tmo_committee": 404,
    "group_member": 404,
}


def _url(network_cast, name, arguments):
    args = [network_cast["network"].slug] + [network_cast["args"][a] for a in arguments]
    return reverse(name, args=args)


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("name", GET_ROUTES)
def test_a_networks_training_pages_for_each_person(network_cast, client_as, who, name):
    response = client_as(network_cast["people"][who]).get(
        _url(network_cast, name, GET_ROUTES[name])
    )

    if EXPECTED[who] == "login":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    else:
        assert response.status_code == EXPECTED[who]


@pytest.mark.parametrize("who", ["other_adviser", "tmo_committee", "group_member"])
@pytest.mark.parametrize("name", POST_ROUTES)
def test_no_one_outside_the_network_changes_its_bookings(network_cast, client_as, who, name):
    response = client_as(network_cast["people"][who]).post(
        _url(network_cast, name, POST_ROUTES[name]), {}
    )

    assert response.status_code == 404


def test_the_adviser_cancels_a_booking(network_cast, client_as):
    response = client_as(network_cast["people"]["adviser"]).post(
        _url(network_cast, "training:cancel-booking", ["booking"])
    )

    assert response.status_code == 302
