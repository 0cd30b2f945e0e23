"""Two decisions at once on PostgreSQL: the row lock lets one act and tells the other the
change is already decided; two proposals at once: the constraint keeps one open."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator, Target, TargetProposal
from tenantry.indicators.services import targets as services
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.services import assign_role

from .routes_monitoring import indicator, schedule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

YEAR = financial_year("2024/25")


def _at_once(work, people) -> list[str]:
    start = threading.Barrier(len(people))
    outcomes: list[str] = []

    def run(person) -> None:
        try:
            start.wait()
            work(person)
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _agreed_tp01(cast):
    sync_definitions(Indicator)  # a test that flushed the database took them with it
    schedule(cast.agreement, "TP01", "yearly", targets_agreed=True)
    services.set_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(75),
        by=None,
    )


def test_two_officers_deciding_at_once_decide_once(cast):
    _agreed_tp01(cast)
    proposal = services.propose_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(72),
        note="Fewer answers.",
        by=cast.people["committee"],
    )
    second = UserFactory(name="Second Officer")
    assign_role(user=second, organisation=cast.landlord, role=Role.LANDLORD_OFFICER)

    def decide(person) -> None:
        agree = person == second
        services.decide_target_proposal(
            proposal=proposal, agree=agree, comment="" if agree else "Not this year", by=person
        )

    assert _at_once(decide, [cast.people["landlord_officer"], second]) == ["done", "refused"]
    decided = TargetProposal.objects.get()
    expected = Decimal(72) if decided.status == "agreed" else Decimal(75)
    assert Target.objects.get(indicator__code="TP01").value == expected
    assert AuditEntry.objects.filter(action="changed").count() == 1


def test_two_proposals_at_once_leave_one_open(cast):
    _agreed_tp01(cast)

    def propose(person) -> None:
        services.propose_target(
            agreement=cast.agreement,
            indicator=indicator("TP01"),
            year_start=YEAR.start,
            value=Decimal(72) if person == cast.people["committee"] else Decimal(78),
            note="Why",
            by=person,
        )

    people = [cast.people["committee"], cast.people["landlord_officer"]]
    assert _at_once(propose, people) == ["done", "refused"]
    assert TargetProposal.objects.filter(status="pending").count() == 1
