"""Two people at the same moment on PostgreSQL, each thread on its own connection: a contact
opening their confirmation link twice at once tells the advisers once; two advisers reordering
a programme's conditions at once leave each condition one place of its own."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services, services_groups
from tenantry.organisations.tests.factories import RoleFactory

from .factories import FundingProgrammeFactory, GrantConditionFactory, GroupFactory, NetworkFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 6


def _at_once(work, count=THREADS) -> list[str]:
    start = threading.Barrier(count)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _network_with_adviser():
    network = NetworkFactory()
    adviser = UserFactory(email="adviser@example.org")
    RoleFactory(user=adviser, organisation=network, role=Role.STAFF)
    return network, adviser


def test_a_link_opened_twice_at_once_tells_the_advisers_once():
    network, _adviser = _network_with_adviser()
    group = GroupFactory(network=network)
    token = services_groups.confirmation_token(group)
    results: list[str] = []

    outcomes = _at_once(lambda n: results.append(services_groups.confirm_email(token)[0]))

    assert outcomes == ["ok"] * THREADS
    assert sorted(results) == ["already"] * (THREADS - 1) + ["confirmed"]
    assert [m.to for m in mail.outbox] == [["adviser@example.org"]]


def test_conditions_reordered_at_once_keep_a_place_each():
    network, adviser = _network_with_adviser()
    programme = FundingProgrammeFactory(organisation=network)
    conditions = [GrantConditionFactory(programme=programme, position=n) for n in range(1, 5)]

    outcomes = _at_once(
        lambda n: services.move_condition(condition=conditions[n % 4], up=bool(n % 2), by=adviser)
    )

    assert outcomes == ["ok"] * THREADS
    positions = sorted(programme.conditions.values_list("position", flat=True))
    assert positions == [1, 2, 3, 4]
