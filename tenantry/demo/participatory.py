"""The demo's participatory budgets.

At Kingsmead TMO, a round on one of its estates from last spring to now: residents' proposals
(two rejected, with the reasons), costed by staff; a vote within the budget online and on paper
from the stall and door to door; the winners chosen by the published rule; payments for each
project, and the first one delivered. At Brookfield TMC, where the demo resident lives, a round
on her estate taking proposals now.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tenantry.budgets import participatory_services as services
from tenantry.budgets.models import Budget, ParticipatoryRound, Project, Proposal
from tenantry.core.models import User
from tenantry.democracy import ballots
from tenantry.democracy.models import Ballot, Channel, Voter
from tenantry.homes.models import Resident
from tenantry.homes.selectors import estates_of
from tenantry.organisations.models import Organisation

KINGSMEAD = "kingsmead-tmo"
BROOKFIELD = "brookfield-tmc"
RESIDENT = "resident@example.org"

# title, what it is, proposed by, cost (None: rejected), reason, how popular (0 to 1)
PROPOSALS = [
    ("Benches and planters on the green",
     "Somewhere to sit on the green, with planters the gardening club will look after.",
     "Delroy Campbell", "3200.00", "", 0.55),
    ("Better lighting on the path to the shops",
     "The footpath behind Mill Road is dark from four o'clock in winter; people avoid it.",
     "Shirin Akhtar", "4800.00", "", 0.5),
    ("Outdoor gym by the towers",
     "Free exercise equipment for all ages next to the play area.",
     "Kyle Thompson", "7500.00", "", 0.3),
    ("Community garden with raised beds",
     "Raised beds anyone can use, including from a wheelchair, with a water butt.",
     "Maureen O'Neill", "2600.00", "", 0.45),
    ("Mural on the underpass",
     "Local young people design and paint a mural over the graffiti.",
     "Tyrone Willis", "1900.00", "", 0.35),
    ("Saturday football for young people",
     "A coach and pitch hire for Saturday mornings for a year.",
     "Agnieszka Nowak", "2400.00", "", 0.25),
    ("Free wifi in the community hall",
     "So people without broadband can get online for benefits and job searches.",
     "Joyce Adeyemi", None,
     "The hall's lease from the council does not let the TMO put in a broadband line. The "
     "council is reviewing the lease next year and we have asked for this to be included.", 0),
    ("Speed bumps on Mill Road",
     "Cars use Mill Road as a cut-through and drive too fast past the school.",
     "Peter Doyle", None,
     "Mill Road is a public highway: traffic calming there is for the county council's "
     "highways team, not an estate budget. We have passed the request to them and will report "
     "their answer at the next residents' meeting.", 0),
]  # fmt: skip
AMOUNT = Decimal("10000.00")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _staff(organisation: Organisation) -> User | None:
    return User.objects.filter(
        role_assignments__organisation=organisation, role_assignments__role="staff"
    ).first()


def _basket(options: list[tuple[int, Decimal, float]], rng: random.Random) -> list[int]:
    """A voter's choices within the budget: the options they like, most liked first, while the
    money lasts."""
    liked = [(pk, cost) for pk, cost, popular in options if rng.random() < popular]
    chosen, left = [], AMOUNT
    for pk, cost in liked:
        if cost <= left:
            chosen.append(pk)
            left -= cost
    return chosen


def _decided_round(organisation: Organisation, rng: random.Random, today: date) -> None:
    estate = estates_of(organisation=organisation, on=today).first()
    staff = _staff(organisation)
    round = services.open_round(
        organisation=organisation,
        by=None,
        estate=estate,
        title=f"{estate.name} community budget",
        explanation="The council's estate improvement money for this year: residents decide "
        "what it is spent on.",
        amount=AMOUNT,
        proposals_close_on=today,
        rule="budget",
    )
    opened = today - timedelta(days=150)
    for n, (title, description, who, cost, reason, _popular) in enumerate(PROPOSALS):
        proposal = services.propose(
            round=round,
            by=staff,
            title=title,
            description=description,
            proposer_name=who,
            on=opened + timedelta(days=3 + 4 * n),
        )
        services.assess_proposal(
            proposal=proposal,
            by=staff,
            feasible=cost is not None,
            cost=Decimal(cost) if cost else None,
            reason=reason,
        )
    ballot = services.start_vote(
        round=round,
        by=staff,
        opens_at=_at(today - timedelta(days=100), 9),
        closes_at=_at(today - timedelta(days=79), 17),
    )
    popularity = {p[0]: p[5] for p in PROPOSALS}
    options = [(o.pk, o.cost, popularity[o.label]) for o in ballot.options.all()]
    voting = _at(today - timedelta(days=90), 12)
    for voter in Voter.objects.filter(ballot=ballot).order_by("pk"):
        if rng.random() >= 0.31:
            continue
        chosen = _basket(rng.sample(options, len(options)), rng)
        if not chosen:
            continue
        # Online, or a paper handed in at the stall or collected door to door and keyed in.
        online = rng.random() < 0.55
        ballots.cast_vote(
            ballot=ballot,
            channel=Channel.ONLINE if online else Channel.PAPER,
            code=ballots.voter_code(ballot.pk, voter.salt),
            choices=chosen,
            by=None if online else staff,
            now=voting,
        )
    ballots.close_ballot(ballot=ballot, by=staff)
    ballots.count_ballot(ballot=ballot, by=staff)  # the winners are chosen at the count
    # The round's dates as they were: opened in the spring, proposals closed before the vote.
    ParticipatoryRound.objects.filter(pk=round.pk).update(
        proposals_close_on=today - timedelta(days=110)
    )
    round.budget.entries.filter(kind="allocation").update(on=opened)
    Ballot.objects.filter(pk=ballot.pk).update(roll_date=ballot.opens_at.date())
    Budget.objects.filter(pk=round.budget_id).update(opened_on=opened)
    projects = list(
        Project.objects.filter(proposal__round=round).select_related("proposal").order_by("pk")
    )
    for n, project in enumerate(projects):
        cost = project.proposal.cost
        services.record_spend(
            project=project,
            by=staff,
            on=today - timedelta(days=60 - 5 * n),
            amount=(cost * Decimal("0.4")).quantize(Decimal("0.01")),
            description="Deposit to the contractor",
            reference=f"INV-{4100 + n}",
        )
        if n == 0:
            services.record_spend(
                project=project,
                by=staff,
                on=today - timedelta(days=20),
                amount=cost - (cost * Decimal("0.4")).quantize(Decimal("0.01")),
                description="Final payment on completion",
                reference="INV-4187",
            )
            services.complete_project(
                project=project,
                by=staff,
                delivered_on=today - timedelta(days=21),
                note="Done as proposed and on budget. The residents who proposed it opened it "
                "with the caretaking team; the gardening club has taken on the planting.",
            )


def _open_round(organisation: Organisation, rng: random.Random, today: date) -> None:
    """A round taking proposals on the estate where the demo resident lives."""
    resident = Resident.objects.filter(user__email=RESIDENT).select_related("household__home")
    home = resident.first().household.home if resident.exists() else None
    estate = home.estate if home else estates_of(organisation=organisation, on=today).first()
    staff = _staff(organisation)
    round = services.open_round(
        organisation=organisation,
        by=None,
        estate=estate,
        title=f"{estate.name} residents' budget",
        explanation="£6,000 for the estate: tell us your ideas by the closing date.",
        amount=Decimal("6000.00"),
        proposals_close_on=today + timedelta(days=24),
        rule="budget",
    )
    first = services.propose(
        round=round,
        by=staff,
        title="Bike shelter by the flats",
        description="A covered, lockable shelter for about twenty bikes.",
        proposer_name="Samir Haddad",
        on=today - timedelta(days=6),
    )
    services.assess_proposal(proposal=first, by=staff, feasible=True, cost=Decimal("3400.00"))
    services.propose(
        round=round,
        by=staff,
        title="Summer fun day",
        description="A day of stalls, games and food on the green for all the estate.",
        proposer_name="Grace Mensah",
        on=today - timedelta(days=2),
    )


def add_demo_participatory(*, seed: int = 7, progress: Callable[[str], None] = lambda m: None):
    """The demo's rounds, once; returns how many were made."""
    if Proposal.objects.exists():
        return 0
    today = timezone.localdate()
    rng = random.Random(seed)
    made = 0
    for slug, make in ((KINGSMEAD, _decided_round), (BROOKFIELD, _open_round)):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not estates_of(organisation=organisation, on=today).exists():
            continue
        with transaction.atomic():
            make(organisation, rng, today)
        made += 1
        progress(f"{organisation.name}: a participatory budget")
    return made
