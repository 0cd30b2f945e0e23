"""Eight applications approved at the same moment, on PostgreSQL with real concurrent
connections: the lock on the constitution row gives each its own number, 1 to 8."""

import threading

import pytest
from django.db import connection, connections

from tenantry.democracy import services
from tenantry.democracy.models import Membership
from tenantry.democracy.tests.factories import MembershipFactory
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_approvals_at_once_take_distinct_numbers(cast):
    services.constitution_of(cast.tmo)
    applications = [
        MembershipFactory(
            organisation=cast.tmo,
            resident=ResidentFactory(household=HouseholdFactory(home=cast.home)),
        )
        for _ in range(8)
    ]
    start = threading.Barrier(len(applications))
    errors: list[Exception] = []

    def approve(membership: Membership) -> None:
        try:
            start.wait()
            services.approve_membership(membership=membership, by=cast.people["committee"])
        except Exception as error:  # noqa: BLE001 - every failure is the test's finding
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(m,)) for m in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Membership.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6, 7, 8]
