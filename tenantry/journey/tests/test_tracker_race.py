"""Two people changing one group's journey at the same moment, on PostgreSQL, each thread on its
own connection: the group's row is locked, so one organisation is made, one ballot scheduled
and one date kept per kind, and the others are refused (or, for a date, kept as a correction)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.democracy.models import Ballot
from tenantry.journey import services_tracker as services
from tenantry.journey.models import GroupMembership, Milestone
from tenantry.organisations.models import Organisation, RoleAssignment
from tenantry.organisations.tests.factories import LandlordFactory

from .factories import GroupFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 6


def _at_once(action) -> list[str]:
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            start.wait()
            action(n)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_advisers_making_the_organisation_at_once_make_one():
    group = GroupFactory()
    landlord = LandlordFactory()
    advisers = [UserFactory() for _ in range(THREADS)]
    for adviser in advisers:
        RoleAssignment.objects.create(user=adviser, organisation=group.network, role=Role.STAFF)

    outcomes = _at_once(
        lambda n: services.make_organisation(
            group=group,
            name=f"Hollybank TMO {n}",
            slug=f"hollybank-{n}",
            kind=Organisation.Kind.TMO,
            landlord=landlord,
            by=advisers[n],
        )
    )

    assert outcomes == ["ok"] + ["refused"] * (THREADS - 1)
    assert Organisation.objects.filter(kind=Organisation.Kind.TMO).count() == 1


def test_members_scheduling_the_ballot_at_once_schedule_one():
    group = GroupFactory()
    members = [UserFactory() for _ in range(THREADS)]
    for member in members:
        GroupMembership.objects.create(group=group, user=member)
    services.make_organisation(
        group=group,
        name="Weavers Row",
        slug="weavers-row",
        kind=Organisation.Kind.RESIDENTS_ASSOCIATION,
        landlord=LandlordFactory(),
        by=None,
    )
    group.refresh_from_db()
    today = timezone.localdate()

    outcomes = _at_once(
        lambda n: services.schedule_tenants_ballot(
            group=group,
            question="Agree?",
            roll_date=today,
            opens_on=today + timedelta(days=1),
            closes_on=today + timedelta(days=2),
            by=members[n],
        )
    )

    assert outcomes == ["ok"] + ["refused"] * (THREADS - 1)
    assert Ballot.objects.filter(organisation=group.organisation).count() == 1


def test_members_entering_the_same_date_at_once_keep_one_milestone():
    group = GroupFactory()
    members = [UserFactory() for _ in range(THREADS)]
    for member in members:
        GroupMembership.objects.create(group=group, user=member)
    today = timezone.localdate()

    outcomes = _at_once(
        lambda n: services.record_milestone(
            group=group,
            kind="notice_served_on",
            happened_on=today - timedelta(days=n),
            by=members[n],
        )
    )

    assert outcomes == ["ok"] * THREADS
    assert Milestone.objects.filter(group=group).count() == 1
    assert Milestone.history.filter(group_id=group.pk).count() == THREADS
