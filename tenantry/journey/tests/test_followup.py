"""A network's follow-up of its groups: the services check the rule on the group's network,
validate and record; the list is filtered, paged and read in a fixed number of queries; a
network's adviser sees only their own network's groups."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_groups as services
from tenantry.journey.models import ClosedReason, ContactNote, GroupMembership, Stage
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.tests.factories import RoleFactory

from .factories import GroupFactory, GroupMembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def _adviser(network, role=Role.STAFF, **fields):
    user = UserFactory(**fields)
    RoleFactory(user=user, organisation=network, role=role)
    return user


@pytest.fixture
def north():
    return NetworkFactory(name="North", slug="north")


@pytest.fixture
def south():
    return NetworkFactory(name="South", slug="south")


@pytest.fixture
def adviser(north):
    return _adviser(north, name="Comfort Mensah")


def _list(network):
    return reverse("network:groups", args=[network.slug])


def _page(group):
    return reverse("network:group", args=[group.network.slug, group.pk])


# --- services -----------------------------------------------------------------------------------


def test_an_adviser_is_given_from_the_networks_staff_only(north, south, adviser):
    group = GroupFactory(network=north)
    elsewhere = _adviser(south)

    with pytest.raises(ValidationError):
        services.assign_adviser(group=group, adviser=elsewhere, by=adviser)
    services.assign_adviser(group=group, adviser=adviser, by=adviser)

    group.refresh_from_db()
    assert group.adviser == adviser
    assert group.history.first().history_user == adviser
    assert AuditEntry.objects.filter(organisation=north, by=adviser).exists()


def test_another_networks_adviser_may_change_nothing(north, south):
    group = GroupFactory(network=north)
    elsewhere = _adviser(south)

    for change in (
        lambda: services.assign_adviser(group=group, adviser=None, by=elsewhere),
        lambda: services.move_stage(group=group, stage=Stage.EXPLORING, by=elsewhere),
        lambda: services.close_group(group=group, reason=ClosedReason.NOT_NOW, by=elsewhere),
        lambda: services.record_contact(
            group=group, on=timezone.localdate(), how="phone", note="Hi", by=elsewhere
        ),
        lambda: services.invite_contact(group=group, by=elsewhere),
    ):
        with pytest.raises(PermissionDenied):
            change()


def test_a_member_of_the_group_may_not_follow_it_up(north):
    member = GroupMembershipFactory(group=GroupFactory(network=north))

    with pytest.raises(PermissionDenied):
        services.move_stage(group=member.group, stage=Stage.BALLOT, by=member.user)


def test_a_contact_in_the_future_is_refused(north, adviser):
    group = GroupFactory(network=north)
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ValidationError, match="today or in the past"):
        services.record_contact(group=group, on=tomorrow, how="phone", note="x", by=adviser)
    contact = services.record_contact(
        group=group, on=timezone.localdate(), how="visit", note="Walked the estate", by=adviser
    )
    assert contact.recorded_by == adviser


def test_closing_needs_a_reason_and_a_closed_group_is_reopened_before_moving(north, adviser):
    group = GroupFactory(network=north)

    with pytest.raises(ValidationError):
        services.close_group(group=group, reason="", by=adviser)
    services.close_group(group=group, reason=ClosedReason.NOT_NOW, note="Next year", by=adviser)
    with pytest.raises(ValidationError, match="Reopen"):
        services.move_stage(group=group, stage=Stage.BALLOT, by=adviser)
    with pytest.raises(ValidationError, match="already closed"):
        services.close_group(group=group, reason=ClosedReason.NOT_NOW, by=adviser)

    services.reopen_group(group=group, by=adviser)
    group.refresh_from_db()
    assert group.is_open and group.closed_reason == "" and group.closed_note == ""
    services.move_stage(group=group, stage=Stage.BALLOT, by=adviser)
    group.refresh_from_db()
    assert group.stage == Stage.BALLOT


def test_inviting_the_contact_makes_an_account_a_membership_and_an_email(
    north, adviser, django_capture_on_commit_callbacks
):
    group = GroupFactory(network=north, contact_email="Grace@Example.net", contact_name="Grace")
    with pytest.raises(ValidationError, match="not confirmed"):
        services.invite_contact(group=group, by=adviser)
    group.email_confirmed_at = timezone.now()
    group.save()

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.invite_contact(group=group, by=adviser)

    assert membership.user.email == "grace@example.net"
    assert not membership.user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["grace@example.net"]
    assert "/accounts/login/?next=/tenant-control/groups/" in message.body
    with pytest.raises(ValidationError, match="already a member"):
        services.invite_contact(group=group, by=adviser)


def test_inviting_finds_an_existing_account(north, adviser):
    existing = UserFactory(email="grace@example.net")
    group = GroupFactory(
        network=north, contact_email="grace@example.net", email_confirmed_at=timezone.now()
    )

    membership = services.invite_contact(group=group, by=adviser)

    assert membership.user == existing
    assert User.objects.filter(email__iexact="grace@example.net").count() == 1


# --- pages --------------------------------------------------------------------------------------


def test_an_adviser_sees_only_their_networks_groups(client_as, north, south, adviser):
    ours = GroupFactory(network=north, name="Hollybank")
    theirs = GroupFactory(network=south, name="Elsewhere Estate")
    client = client_as(adviser)

    page = client.get(_list(north))

    assert page.status_code == 200
    assert [g.name for g in page.context["page"].object_list] == ["Hollybank"]
    assert client.get(_page(ours)).status_code == 200
    # Another network's group, even at this network's address: no such page.
    assert client.get(reverse("network:group", args=[north.slug, theirs.pk])).status_code == 404
    assert client.get(_page(theirs)).status_code == 404
    assert client.get(_list(south)).status_code == 404


def test_the_list_is_filtered(client_as, north, adviser):
    waiting = GroupFactory(network=north, name="Waiting")
    GroupFactory(network=north, name="Advised", adviser=adviser, email_confirmed_at=timezone.now())
    GroupFactory(network=north, name="At ballot", stage=Stage.BALLOT, adviser=adviser)
    GroupFactory(
        network=north, name="Closed", closed_at=timezone.now(), closed_reason=ClosedReason.NO_REPLY
    )
    client = client_as(adviser)

    def names(**query):
        response = client.get(_list(north), query)
        return sorted(g.name for g in response.context["page"].object_list)

    assert names() == ["Advised", "At ballot", "Waiting"]
    assert names(waiting="on") == ["Waiting"]
    assert names(unconfirmed="on") == ["At ballot", "Waiting"]
    assert names(stage=Stage.BALLOT) == ["At ballot"]
    assert names(adviser=adviser.pk) == ["Advised", "At ballot"]
    assert names(closed="on") == ["Closed"]
    counts = {stage: n for stage, _label, n in client.get(_list(north)).context["stages"]}
    assert counts[Stage.INTEREST] == 2 and counts[Stage.BALLOT] == 1
    assert waiting.pk  # noqa


def test_the_list_reads_in_the_same_queries_for_3_or_30_groups(
    client_as, north, adviser, django_assert_max_num_queries
):
    client = client_as(adviser)
    for _n in range(3):
        GroupFactory(network=north, adviser=adviser)
    with django_assert_max_num_queries(14) as few:
        client.get(_list(north))
    for _n in range(27):
        group = GroupFactory(network=north, adviser=_adviser(north))
        ContactNote.objects.create(group=group, on=timezone.localdate(), how="phone", note="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_list(north))
    assert len(response.context["page"].object_list) == 25


def test_the_follow_up_page_changes_the_group(client_as, north, adviser):
    group = GroupFactory(network=north)
    client = client_as(adviser)
    url = _page(group)

    assert client.post(url, {"action": "adviser", "adviser-adviser": adviser.pk}).status_code == 302
    response = client.post(
        url,
        {
            "action": "contact",
            "contact-on": timezone.localdate().isoformat(),
            "contact-how": "phone",
            "contact-note": "Talked about a visit to Kingsmead",
        },
    )
    assert response.status_code == 302
    assert client.post(url, {"action": "stage", "stage-stage": "exploring"}).status_code == 302
    group.refresh_from_db()
    assert group.adviser == adviser
    assert group.stage == "exploring"
    assert b"Talked about a visit to Kingsmead" in client.get(url).content

    refused = client.post(url, {"action": "contact", "contact-how": "phone", "contact-note": ""})
    assert refused.status_code == 400
    assert b"Enter the date of the contact" in refused.content
    assert b"Enter what was said or agreed" in refused.content

    assert client.post(url, {"action": "close", "close-reason": "not_now"}).status_code == 302
    group.refresh_from_db()
    assert not group.is_open
    assert client.post(url, {"action": "reopen"}).status_code == 302
    group.refresh_from_db()
    assert group.is_open


def test_an_adviser_choice_from_another_network_is_refused_on_the_page(
    client_as, north, south, adviser
):
    group = GroupFactory(network=north)

    response = client_as(adviser).post(
        _page(group), {"action": "adviser", "adviser-adviser": _adviser(south).pk}
    )

    assert response.status_code == 400


def test_inviting_from_the_page_and_the_member_sees_their_group(client_as, north, adviser):
    group = GroupFactory(network=north, email_confirmed_at=timezone.now())

    assert client_as(adviser).post(_page(group), {"action": "invite"}).status_code == 302

    member = GroupMembership.objects.get(group=group).user
    client = client_as(member)
    mine = client.get(reverse("journey:my-groups"))
    assert group.name.encode() in mine.content
    assert client.get(reverse("journey:group", args=[group.pk])).status_code == 200
    # They see their group, not the network's list.
    assert client.get(_list(north)).status_code == 404


def test_someone_elses_group_is_hidden_from_a_member(client_as, north):
    member = GroupMembershipFactory(group=GroupFactory(network=north))
    other = GroupFactory(network=north)

    response = client_as(member.user).get(reverse("journey:group", args=[other.pk]))

    assert response.status_code == 404


def test_the_network_menu_offers_its_pages(client_as, north, adviser):
    GroupFactory(network=north)
    response = client_as(adviser).get(_list(north))

    labels = [str(item["label"]) for item in response.context["sections"]]
    assert "Tenant groups" in labels and "Grant programmes" in labels
    [groups] = [item for item in response.context["sections"] if item["label"] == "Tenant groups"]
    assert groups["count"] == 1


def test_the_follow_up_page_reads_in_the_same_queries_for_1_or_20_contacts(
    client_as, north, adviser, django_assert_max_num_queries
):
    group = GroupFactory(network=north, adviser=adviser)
    client = client_as(adviser)

    def contact():
        ContactNote.objects.create(
            group=group, on=timezone.localdate(), how="phone", note="x", recorded_by=adviser
        )

    contact()
    with django_assert_max_num_queries(30) as few:
        client.get(_page(group))
    for _n in range(19):
        contact()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_page(group))
