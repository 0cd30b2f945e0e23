"""Every tracker route asked as the group's member, its network's adviser, another network's
adviser, an outsider, someone signed out and the site administrator (the cast of the site-wide
matrix has no groups or networks: routes_tracker.py gives what it gets)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_tracker as services
from tenantry.journey.models import Document, Task
from tenantry.journey.tests.factories import GroupMembershipFactory, NetworkFactory
from tenantry.organisations.models import RoleAssignment
from tenantry.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["member", "adviser", "other_adviser", "outsider", "anonymous", "site_admin"]
SHOWN = [200, 200, 404, 404, "login", 200]
POST_ONLY = [405, 405, 404, 404, "login", 405]
NETWORK_ONLY = [403, 200, 404, 404, "login", 200]
BALLOT_RUNNERS = [200, 403, 404, 404, "login", 200]

ROUTES = {
    "journey:group": SHOWN,
    "journey:group-milestone": SHOWN,
    "journey:group-add-task": SHOWN,
    "journey:group-task-done": POST_ONLY,
    "journey:group-add-document": SHOWN,
    "journey:group-document": SHOWN,
    "journey:group-eligibility": SHOWN,
    "journey:group-make-organisation": NETWORK_ONLY,
    "journey:group-schedule-ballot": BALLOT_RUNNERS,
}


def _staff(network):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, organisation=network, role=Role.STAFF)
    return user


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership = GroupMembershipFactory()
    group = membership.group
    task = Task.objects.create(group=group, title="Book the hall")
    document = Document(group=group, title="Notice")
    document.file.save("notice.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    people = {
        "member": membership.user,
        "adviser": _staff(group.network),
        "other_adviser": _staff(NetworkFactory()),
        "outsider": UserFactory(),
        "anonymous": None,
        "site_admin": UserFactory(is_superuser=True, is_staff=True),
    }
    return group, task, document, people


def _url(name, group, task, document):
    extra = {"journey:group-task-done": [task.pk], "journey:group-document": [document.pk]}
    return reverse(name, args=[group.pk, *extra.get(name, [])])


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_gets_each_route(client, world, name, who):
    group, task, document, people = world
    if name == "journey:group-schedule-ballot":
        organisation = OrganisationFactory()
        RoleAssignment.objects.create(
            user=people["member"], organisation=organisation, role=Role.COMMITTEE
        )
        group.organisation = organisation
        group.save()
    if people[who] is not None:
        client.force_login(people[who])

    response = client.get(_url(name, group, task, document))

    expected = ROUTES[name][PEOPLE.index(who)]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_another_networks_adviser_cannot_tick_a_task(client, world):
    group, task, document, people = world
    client.force_login(people["other_adviser"])

    response = client.post(_url("journey:group-task-done", group, task, document))

    assert response.status_code == 404
    task.refresh_from_db()
    assert task.done_on is None


def test_a_task_of_another_group_is_not_found_through_this_one(client, world):
    group, task, document, people = world
    other = Task.objects.create(group=GroupMembershipFactory().group, title="Theirs")
    client.force_login(people["member"])

    response = client.post(reverse("journey:group-task-done", args=[group.pk, other.pk]))

    assert response.status_code == 404


def test_the_making_page_is_gone_once_the_group_is_an_organisation(client, world):
    group, task, document, people = world
    group.organisation = OrganisationFactory()
    group.save()
    client.force_login(people["adviser"])

    assert (
        client.get(_url("journey:group-make-organisation", group, task, document)).status_code
        == 404
    )


def test_the_tracker_page_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    group, task, document, people = world
    for n in range(5):
        Task.objects.create(group=group, title=f"Task {n}", assignee=people["member"])
    services.record_milestone(
        group=group,
        kind="notice_served_on",
        happened_on=timezone.localdate() - timedelta(days=3),
        by=people["member"],
    )
    client.force_login(people["member"])

    with django_assert_max_num_queries(16):
        response = client.get(reverse("journey:group", args=[group.pk]))

    assert response.status_code == 200
