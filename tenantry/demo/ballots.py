"""The demo's ballots: for each organisation that manages homes, a referendum closed and
counted last month and a resolution open now, with votes online, on paper and in person and
a second vote refused, so the scrutineer's pages have something to show.

Where the organisation has no members yet (the members' demo adds them), about a third of its
tenants are made members first, so the roll has someone on it.
"""

import contextlib
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.democracy import ballots
from tenantry.democracy.models import (
    Ballot,
    BallotKind,
    Channel,
    CountingRule,
    JoinedBy,
    Membership,
    MemberStatus,
    Voter,
)
from tenantry.homes.models import Household, Resident
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation, RoleAssignment

# The demo's inspector is also the independent scrutineer of Kingsmead TMO's ballots.
SCRUTINEER = ("inspector@example.org", "kingsmead-tmo")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _ensure_members(organisation: Organisation, rng: random.Random, today: date) -> None:
    if Membership.objects.filter(organisation=organisation).exists():
        return
    households = Household.objects.living_on(today).filter(
        home__in=homes_of(organisation=organisation, on=today).values("pk")
    )
    tenants = list(
        Resident.objects.filter(is_lead_tenant=True, household__in=households.values("pk"))
        .order_by("pk")
        .values_list("pk", "household_id")
    )
    joined = today - timedelta(days=400)
    Membership.objects.bulk_create(
        Membership(
            organisation=organisation, resident_id=resident, household_id=household,
            status=MemberStatus.MEMBER, joined_by=rng.choice(list(JoinedBy.values)),
            applied_on=joined, joined_on=joined,
        )
        for resident, household in tenants
        if rng.random() < 0.35
    )  # fmt: skip


def _vote(ballot: Ballot, rng: random.Random, share: float, lean: float, now: datetime) -> None:
    """About `share` of the roll vote, `lean` of them for the first option."""
    ballots.issue_codes(ballot=ballot, by=None)
    options = list(ballot.options.values_list("pk", flat=True))
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    first_online = None
    for voter in voters:
        if rng.random() >= share:
            continue
        channel = rng.choices(ballot.channels, weights=[5, 3, 1][: len(ballot.channels)])[0]
        choice = options[0] if rng.random() < lean else rng.choice(options[1:])
        spoilt = channel == Channel.PAPER and rng.random() < 0.03
        ballots.cast_vote(
            ballot=ballot,
            channel=channel,
            voter=voter if channel == Channel.IN_PERSON else None,
            code="" if channel == Channel.IN_PERSON else ballots.voter_code(ballot.pk, voter.salt),
            choices=[] if spoilt else [choice],
            spoilt=spoilt,
            now=now,
        )
        if channel == Channel.ONLINE and first_online is None:
            first_online = voter
    if first_online is not None:
        # A paper ballot posted by someone who had already voted online: refused, set aside.
        with contextlib.suppress(ValidationError):
            ballots.cast_vote(
                ballot=ballot,
                channel=Channel.PAPER,
                code=ballots.voter_code(ballot.pk, first_online.salt),
                choices=options[-1:],
                now=now,
            )


def add_demo_ballots(*, seed: int = 1, progress: Callable[[str], None] = lambda m: None) -> int:
    """Two ballots for each organisation that manages homes, once; returns how many."""
    made = 0
    today = timezone.localdate()
    managers = Organisation.objects.filter(kind__in=Organisation.MANAGING_KINDS).order_by("pk")
    for n, organisation in enumerate(managers):
        if organisation.ballots.exists():
            continue
        rng = random.Random(seed + n)
        with transaction.atomic():
            _ensure_members(organisation, rng, today)
        closed = ballots.create_ballot(
            organisation=organisation, by=None, kind=BallotKind.REFERENDUM,
            question="Should the bin stores be locked at night?",
            explanation="Residents asked for the bin stores to be locked from 10pm to 6am to "
            "stop fly-tipping. Each household would get a key.",
            options=["Yes, lock them at night", "No, leave them open"],
            roll_date=today - timedelta(days=60), opens_at=_at(today - timedelta(days=50), 9),
            closes_at=_at(today - timedelta(days=36), 17), in_person=True,
        )  # fmt: skip
        ballots.freeze_roll(ballot=closed, by=None)
        _vote(closed, rng, share=0.42, lean=0.64, now=_at(today - timedelta(days=40), 12))
        ballots.close_ballot(ballot=closed, by=None)
        ballots.count_ballot(ballot=closed, by=None)
        open_now = ballots.create_ballot(
            organisation=organisation, by=None, kind=BallotKind.RESOLUTION,
            question="Adopt the new policy on anti-social behaviour?",
            explanation="The committee proposes the policy discussed at the last general "
            "meeting: a named contact on each estate and replies within five working days.",
            options=["For", "Against"], rule=CountingRule.SIMPLE_MAJORITY,
            roll_date=today - timedelta(days=3), opens_at=_at(today - timedelta(days=3), 9),
            closes_at=_at(today + timedelta(days=11), 17),
        )  # fmt: skip
        ballots.freeze_roll(ballot=open_now, by=None)
        _vote(open_now, rng, share=0.18, lean=0.7, now=timezone.now())
        made += 2
        progress(f"{organisation.name}: 2 ballots")
    email, slug = SCRUTINEER
    user = User.objects.filter(email=email).first()
    organisation = Organisation.objects.filter(slug=slug).first()
    if user and organisation:
        RoleAssignment.objects.get_or_create(
            user=user, organisation=organisation, role=Role.SCRUTINEER
        )
    return made
