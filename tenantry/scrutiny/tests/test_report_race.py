"""Late answers escalated by two runs at once, and recommendations added at once, on PostgreSQL,
each thread on its own connection: one email per report, and recommendations numbered one after
another."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection, connections

from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.scrutiny import report_services as services
from tenantry.scrutiny.models import Recommendation, ScrutinyReport
from tenantry.scrutiny.tests.factories_report import (
    PublishedReportFactory,
    ReportFactory,
    TermsFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 6


def _at_once(work) -> list[str]:
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            start.wait()
            outcomes.append(str(work(n)))
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


def test_runs_at_once_escalate_each_late_report_once(cast):
    TermsFactory(panel=cast.panel, senior_officer_email="hp@example.org")
    first = PublishedReportFactory(review__panel=cast.panel)
    second = PublishedReportFactory(review__panel=cast.panel)

    sent = _at_once(lambda n: services.escalate_late_answers(today=date(2026, 6, 1)))

    # Between them the runs escalate each report once, whichever run takes which.
    assert sum(int(s) for s in sent) == 2
    assert [message.to for message in mail.outbox] == [["hp@example.org"]] * 2
    for report in (first, second):
        assert ScrutinyReport.objects.get(pk=report.pk).escalated_to == "hp@example.org"


def test_recommendations_added_at_once_are_numbered_one_after_another(cast):
    report = ReportFactory(review__panel=cast.panel)
    member = RoleFactory(organisation=cast.panel, role="panel", user=UserFactory()).user

    outcomes = _at_once(
        lambda n: services.save_recommendation(
            recommendation=Recommendation(report=report, title=f"Number {n}", reason="x"),
            by=member,
        )
    )

    assert all(not outcome.endswith("Error") for outcome in outcomes), outcomes
    positions = sorted(report.recommendations.values_list("position", flat=True))
    assert positions == list(range(1, THREADS + 1))
