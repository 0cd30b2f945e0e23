"""Rounds of a participatory budget for the tests, on the cast's estate (Kingsmead Estate)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tenantry.budgets import participatory_services as services
from tenantry.democracy import ballots as engine
from tenantry.democracy.models import Voter
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)


def add_residents(cast, n: int, *, estate=None, start: int = 0) -> list:
    """`n` residents, each in a home of their own on the estate that the cast's TMO manages."""
    estate = estate or cast.estate
    made = []
    for i in range(start, start + n):
        home = HomeFactory(estate=estate, address=f"{i} Garden Walk")
        CoverageFactory(agreement=cast.agreement, home=home)
        made.append(ResidentFactory(household=HouseholdFactory(home=home), name=f"Resident {i}"))
    return made


def open_round(cast, *, amount="5000.00", rule="budget", **fields):
    values = {
        "title": "Kingsmead Estate community budget",
        "estate": cast.estate,
        "amount": Decimal(amount),
        "proposals_close_on": timezone.localdate() + timedelta(days=14),
        "rule": rule,
    } | fields
    return services.open_round(organisation=cast.tmo, by=cast.people["staff"], **values)


def add_proposals(cast, round, costs: dict[str, str | None]) -> dict:
    """Proposals keyed in by staff, costed as given (None: rejected with a reason)."""
    staff = cast.people["staff"]
    made = {}
    for title, cost in costs.items():
        proposal = services.propose(
            round=round,
            by=staff,
            title=title,
            description=f"{title} for the estate",
            proposer_name="Stall",
        )
        services.assess_proposal(
            proposal=proposal,
            by=staff,
            feasible=cost is not None,
            cost=Decimal(cost) if cost is not None else None,
            reason="" if cost is not None else "The land belongs to the highways authority",
        )
        proposal.refresh_from_db()
        made[title] = proposal
    return made


def start_vote(cast, round):
    now = timezone.now()
    ballot = services.start_vote(
        round=round,
        by=cast.people["staff"],
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )
    round.refresh_from_db()
    return ballot


def codes_of(ballot) -> list[str]:
    return [engine.voter_code(ballot.pk, v.salt) for v in Voter.objects.filter(ballot=ballot)]


def close_and_count(cast, ballot):
    by = cast.people["staff"]
    engine.close_ballot(ballot=ballot, by=by, now=ballot.closes_at + timedelta(minutes=1))
    return engine.count_ballot(ballot=ballot, by=by)
