"""Advisers adding a programme's conditions at the same moment on PostgreSQL, each thread on its
own connection: every condition is kept, numbered one after another."""

import threading

import pytest
from django.db import connection, connections

from tenantry.journey import services
from tenantry.journey.models import GrantCondition

from .factories import FundingProgrammeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 8


def test_conditions_added_at_once_take_one_place_each(cast):
    programme = FundingProgrammeFactory(organisation=cast.tmo)
    staff = cast.people["staff"]
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def add(n: int) -> None:
        try:
            start.wait()
            services.add_condition(
                programme=programme, question=f"Question {n}?", kind="yes_no", by=staff
            )
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["ok"] * THREADS
    positions = sorted(
        GrantCondition.objects.filter(programme=programme).values_list("position", flat=True)
    )
    assert positions == list(range(1, THREADS + 1))
