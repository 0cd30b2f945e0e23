"""Panel members and landlord officers acting at the same moment on PostgreSQL, each thread on
its own connection: a topic is decided once, the scoring sheet's questions are numbered one
after another, and every officer's answer to an evidence request is kept."""

import threading

import pytest
from django.db import connection, connections

from tenantry.scrutiny import evidence_services, programme_services, shopping_services
from tenantry.scrutiny.models import EvidenceRequest, ShoppingQuestion, TopicRequest

from . import helpers

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


def test_a_topic_is_decided_once(cast):
    topic = helpers.topic(cast)
    member = cast.panel_member

    outcomes = _at_once(
        lambda n: programme_services.decide_topic(
            request=topic, accept=n % 2 == 0, reason=f"Reason {n}", by=member
        )
    )

    assert sorted(outcomes) == ["ValidationError"] * (THREADS - 1) + ["ok"]
    assert TopicRequest.objects.get().reason.startswith("Reason ")


def test_questions_added_at_once_are_numbered_in_turn(cast):
    exercise = helpers.exercise(cast, questions=(), opened=False)
    member = cast.panel_member

    outcomes = _at_once(
        lambda n: shopping_services.add_question(
            exercise=exercise, text=f"Question {n}", max_points=1, by=member
        )
    )

    assert outcomes == ["ok"] * THREADS
    positions = sorted(ShoppingQuestion.objects.values_list("position", flat=True))
    assert positions == list(range(1, THREADS + 1))


def test_every_answer_to_an_evidence_request_is_kept(cast):
    request = helpers.evidence_request(cast)
    officer = cast.people["landlord_officer"]

    outcomes = _at_once(
        lambda n: evidence_services.answer_evidence_request(
            request=request, answer=f"Part {n}.", by=officer
        )
    )

    answer = EvidenceRequest.objects.get().answer
    assert outcomes == ["ok"] * THREADS
    assert sorted(part for part in answer.split("\n\n")) == sorted(
        f"Part {n}." for n in range(THREADS)
    )
