"""A participatory budget's vote and spend under real concurrent connections on PostgreSQL: the
same resident voting twice at once is counted once; two payments at once cannot spend more than
the budget holds."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from tenantry.budgets import ledger
from tenantry.budgets import participatory_services as services
from tenantry.budgets.models import Project, ProjectSpend
from tenantry.democracy import ballots as engine
from tenantry.democracy.models import Mark, RefusedAttempt

from .participatory_helpers import (
    add_proposals,
    add_residents,
    close_and_count,
    codes_of,
    open_round,
    start_vote,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def _at_once(*calls) -> list[str]:
    """Run each call on its own connection, released together; what each gave."""
    start = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call) -> None:
        try:
            start.wait()
            call()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(getattr(error, "code", None) or "refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_the_same_resident_voting_twice_at_once_is_counted_once(cast):
    add_residents(cast, 1)
    staff = cast.people["staff"]
    round = open_round(cast, amount="1000.00")
    add_proposals(cast, round, {"Benches": "600.00", "Planters": "400.00"})
    ballot = start_vote(cast, round)
    code = codes_of(ballot)[0]
    benches, planters = ballot.options.values_list("pk", flat=True)

    for n in range(5):
        # Twice online from two phones, and once on paper at the stall, at the same moment.
        outcomes = _at_once(
            lambda: engine.cast_vote(
                ballot=ballot, channel="online", code=code, choices=[benches, planters]
            ),
            lambda: engine.cast_vote(ballot=ballot, channel="online", code=code, choices=[benches]),
            lambda: engine.cast_vote(
                ballot=ballot, channel="paper", code=code, choices=[planters], by=staff
            ),
        )
        expected = ["already_voted"] * 3 if n else ["already_voted", "already_voted", "done"]
        assert outcomes == expected
    assert Mark.objects.filter(ballot=ballot).count() == 1
    assert RefusedAttempt.objects.filter(ballot=ballot).count() == 14

    result = close_and_count(cast, ballot)

    assert result["papers"] == result["voted"] == 1
    assert sum(o["votes"] for o in result["options"]) in (1, 2)


def test_two_payments_at_once_cannot_overspend_the_budget(cast):
    add_residents(cast, 1)
    staff = cast.people["staff"]
    round = open_round(cast, amount="1000.00")
    add_proposals(cast, round, {"Benches": "600.00", "Planters": "400.00"})
    ballot = start_vote(cast, round)
    engine.cast_vote(
        ballot=ballot,
        channel="online",
        code=codes_of(ballot)[0],
        choices=list(ballot.options.values_list("pk", flat=True)),
    )
    close_and_count(cast, ballot)
    benches = Project.objects.get(proposal__title="Benches")
    planters = Project.objects.get(proposal__title="Planters")

    def pay(project):
        return lambda: services.record_spend(
            project=project,
            by=staff,
            on=timezone.localdate(),
            amount=Decimal("700.00"),
            description="Invoice",
        )

    outcomes = _at_once(pay(benches), pay(planters))

    assert outcomes == ["done", "refused"]
    assert ProjectSpend.objects.count() == 1
    round.budget.refresh_from_db()
    assert ledger.balance(round.budget) == Decimal("300.00")
