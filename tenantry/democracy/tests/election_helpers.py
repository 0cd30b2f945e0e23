"""Members with numbers and names, and elections, for the election tests."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from tenantry.democracy import election_services as services
from tenantry.democracy.models import Election, Membership
from tenantry.homes.models import Resident
from tenantry.homes.tests.factories import CoverageFactory, HomeFactory, HouseholdFactory

JOINED = date(2024, 4, 1)
NAMES = [
    "Ada Okafor", "Ben Carter", "Chloe Adams", "Dev Patel", "Eve Brown", "Finn Walsh",
    "Gita Shah", "Huw Evans", "Iris Baker", "Jon Young", "Kate Moss", "Liam Doyle",
]  # fmt: skip


def add_numbered_members(cast, n: int, *, tenure: str = "secure", start: int = 0) -> list:
    """`n` members of the cast's organisation numbered from `start + 1`, named from NAMES."""
    made = []
    for i in range(start, start + n):
        home = HomeFactory(estate=cast.estate, address=f"{i} Poll Street", tenure=tenure)
        CoverageFactory(agreement=cast.agreement, home=home)
        household = HouseholdFactory(home=home)
        resident = Resident.objects.create(
            household=household, name=NAMES[i % len(NAMES)] + ("" if i < 12 else f" {i}")
        )
        made.append(
            Membership.objects.create(
                organisation=cast.tmo, resident=resident, household=household, number=i + 1,
                status="member", joined_by="paper", applied_on=JOINED, joined_on=JOINED,
            )
        )  # fmt: skip
    return made


def make_election(cast, *, seats: int = 2, kind: str = "tenant", past: bool = False, **fields):
    """An election taking nominations today (or, `past`, whose nominations closed yesterday)."""
    today = timezone.localdate()
    close = today - timedelta(days=1) if past else today + timedelta(days=7)
    start = timezone.make_aware(datetime.combine(close + timedelta(days=1), datetime.min.time()))
    values = {
        "organisation": cast.tmo,
        "kind": kind,
        "seats": seats,
        "nominations_open_on": close - timedelta(days=21),
        "nominations_close_on": close,
        "voting_opens_at": start.replace(hour=9),
        "voting_closes_at": start.replace(hour=9) + timedelta(days=14),
    } | fields
    return services.create_election(election=Election(**values), by=cast.people["committee"])


def nominate(cast, election, candidate, proposer, seconder, **fields):
    values = {
        "received_on": min(timezone.localdate(), election.nominations_close_on - timedelta(days=2)),
        "statement": f"I am {candidate.resident.name} and I will listen.",
    } | fields
    return services.nominate(
        election=election, by=cast.people["staff"], candidate=candidate, proposer=proposer,
        seconder=seconder, **values,
    )  # fmt: skip
