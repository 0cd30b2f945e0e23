"""Two committee members at once on PostgreSQL: the report's row lock lets one save a section
and tells the other, and publishes once however many press "Publish"."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from tenantry.organisations.models import AuditEntry
from tenantry.reports import annual_services as services
from tenantry.reports.models import AnnualReport, AnnualReportText
from tenantry.reports.tests.annual_data import YEAR

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def _at_once(work, people: list[str]) -> list[str]:
    start = threading.Barrier(len(people))
    outcomes: list[str] = []

    def run(who: str) -> None:
        try:
            start.wait()
            outcomes.append(work(who))
        except services.EditConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(who,)) for who in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _report(cast) -> AnnualReport:
    return services.start_annual_report(
        organisation=cast.tmo, year=YEAR, by=None, today=date(2026, 5, 20)
    )


def test_two_first_saves_of_a_section_keep_one_and_tell_the_other(cast):
    report = _report(cast)

    def save(who: str) -> str:
        services.save_section(
            report=report, section="introduction", language="en-gb",
            text=services.SectionText(f"Written by {who}"), version=0, by=cast.people[who],
        )  # fmt: skip
        return "saved"

    assert _at_once(save, ["committee", "staff"]) == ["conflict", "saved"]
    assert AnnualReportText.objects.get().version == 1


def test_two_publishes_at_once_publish_once(cast):
    report = _report(cast)
    services.save_section(
        report=report, section="introduction", language="en-gb",
        text=services.SectionText("Welcome"), version=0, by=None,
    )  # fmt: skip

    def publish(who: str) -> str:
        services.publish_annual_report(report=report, by=cast.people[who])
        return "published"

    assert _at_once(publish, ["committee", "site_admin"]) == ["published", "published"]
    assert AuditEntry.objects.filter(detail="Published").count() == 1
    assert AnnualReport.objects.get().is_published
