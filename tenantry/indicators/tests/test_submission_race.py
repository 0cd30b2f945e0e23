"""Two people press "Send" at once on PostgreSQL: the row lock sends the figures once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.core.periods import quarter
from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator, Submission, SubmissionEvent
from tenantry.indicators.services import submissions as services

from .routes_monitoring import schedule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_two_sends_at_once_send_once_and_refuse_the_other(cast):
    sync_definitions(Indicator)  # a test that flushed the database took them with it
    schedule(cast.agreement, "RP02-2", "quarterly")
    draft = services.open_submission(
        agreement=cast.agreement, period=quarter("2024/25", "Q1"), by=None
    )
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def press(who: str) -> None:
        try:
            start.wait()
            services.submit(submission=draft, commentary=f"Sent by {who}", by=cast.people[who])
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(who,)) for who in ("committee", "staff")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "sent"]
    assert Submission.objects.get().status == Submission.Status.SUBMITTED
    assert SubmissionEvent.objects.filter(action="submitted").count() == 1
