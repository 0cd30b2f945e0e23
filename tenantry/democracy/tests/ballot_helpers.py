"""Members and ballots for the ballot engine's tests."""

from datetime import date, timedelta

from django.utils import timezone

from tenantry.democracy import ballots
from tenantry.democracy.models import Ballot, BallotKind, CountingRule, Membership, Voter
from tenantry.homes.models import Resident
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)

JOINED = date(2024, 4, 1)


def add_members(cast, n: int, *, estate=None, tenure: str = "secure", start: int = 0) -> list:
    """`n` members of the cast's organisation, each in a home of their own it manages."""
    estate = estate or cast.estate
    made = []
    for i in range(start, start + n):
        home = HomeFactory(estate=estate, address=f"{i} Voter Row", tenure=tenure)
        CoverageFactory(agreement=cast.agreement, home=home)
        household = HouseholdFactory(home=home)
        resident = ResidentFactory(household=household, name=f"Voter {i}")
        made.append(
            Membership.objects.create(
                organisation=cast.tmo,
                resident=resident,
                household=household,
                status="member",
                joined_by="paper",
                applied_on=JOINED,
                joined_on=JOINED,
            )
        )
    return made


def make_ballot(cast, *, options=("For", "Against"), by=None, **fields) -> Ballot:
    now = timezone.now()
    values = {
        "kind": BallotKind.RESOLUTION,
        "question": "Should the association adopt the new litter policy?",
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(hours=1),
        "roll_date": timezone.localdate(),
        "rule": CountingRule.SIMPLE_MAJORITY,
        "in_person": True,
    } | fields
    return ballots.create_ballot(
        organisation=cast.tmo, by=by or cast.people["committee"], options=list(options), **values
    )


def open_with_codes(cast, ballot: Ballot) -> dict[int, str]:
    """Freeze the roll and issue codes; {voter pk: code}."""
    by = cast.people["committee"]
    ballots.freeze_roll(ballot=ballot, by=by)
    ballots.issue_codes(ballot=ballot, by=by)
    ballot.refresh_from_db()
    return {
        v.pk: ballots.voter_code(ballot.pk, v.salt) for v in Voter.objects.filter(ballot=ballot)
    }


def after_close(ballot: Ballot):
    return ballot.closes_at + timedelta(minutes=1)


def option_ids(ballot: Ballot) -> list[int]:
    return list(ballot.options.values_list("pk", flat=True))


def ballot_for_export(organisation) -> int:
    """A ballot of `organisation` whose roll is every resident of its homes, one of whom has
    voted: for the download tests, which plant hostile names and addresses first."""
    from tenantry.homes.selectors import homes_of

    residents = Resident.objects.filter(
        household__home__in=homes_of(organisation=organisation).values("pk")
    ).select_related("household")
    for resident in residents:
        Membership.objects.get_or_create(
            organisation=organisation,
            resident=resident,
            defaults={"household": resident.household, "status": "member", "joined_by": "paper",
                      "applied_on": JOINED, "joined_on": JOINED},
        )  # fmt: skip
    now = timezone.now()
    ballot = ballots.create_ballot(
        organisation=organisation, by=None, kind=BallotKind.RESOLUTION, question="Export?",
        options=["For", "Against"], opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1), roll_date=timezone.localdate(), in_person=True,
    )  # fmt: skip
    ballots.freeze_roll(ballot=ballot, by=None)
    voter = Voter.objects.filter(ballot=ballot).first()
    ballots.cast_vote(
        ballot=ballot, channel="in_person", voter=voter, choices=option_ids(ballot)[:1]
    )
    return ballot.pk
