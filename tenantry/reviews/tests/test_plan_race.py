"""The plan started and actions added at the same moment on PostgreSQL, each thread on its own
connection: one plan for the review, and actions numbered one after another."""

import threading

import pytest
from django.db import connection, connections

from tenantry.reviews import plan_services as services
from tenantry.reviews.models import ImprovementPlan, PlanAction
from tenantry.reviews.tests.plan_factories import ActionFactory, PlanReviewFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 8


def _at_once(work) -> list[str]:
    start = threading.Barrier(THREADS)
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

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_people_starting_the_plan_and_adding_actions_at_once(cast):
    review = PlanReviewFactory(organisation=cast.tmo)
    staff = cast.people["staff"]

    def add(n: int) -> None:
        plan = services.plan_of(review=review, by=staff)
        services.save_action(action=ActionFactory.build(plan=plan, title=f"Action {n}"), by=staff)

    assert _at_once(add) == ["ok"] * THREADS
    assert ImprovementPlan.objects.filter(review=review).count() == 1
    positions = sorted(PlanAction.objects.values_list("position", flat=True))
    assert positions == list(range(1, THREADS + 1))
