"""The demo's committee elections: at each organisation's last AGM, a contested election of
tenant members (nominations with proposers and seconders, statements and some photos, a ballot
with votes online, on paper and in person, one second vote refused, counted and declared) and,
where leaseholder seats fall to be filled, an uncontested one. At Kingsmead TMO a
tenant member resigned last month, and a by-election for the seat is taking nominations now.

The committee the members' demo made was elected in thirds at the last three AGMs; the third it
dates to the last AGM is dated three years earlier here, so that this election is what put the
new third in office (their terms had run, and they retire at the AGM: some stand again).
"""

import contextlib
import io
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from tenantry.democracy import ballots, selectors
from tenantry.democracy import election_services as services
from tenantry.democracy.eligibility import LEASEHOLD_TENURES
from tenantry.democracy.models import (
    Channel,
    CommitteeTerm,
    Election,
    HowChosen,
    Meeting,
    Membership,
    SeatKind,
    Voter,
)
from tenantry.democracy.services import constitution_of, end_committee_term, seats_of
from tenantry.organisations.models import Organisation

# Where the demo's committee member and staff work: their by-election is taking nominations.
BY_ELECTION_AT = "kingsmead-tmo"

STATEMENTS = [
    "I have lived on the estate for eighteen years and raised three children here. I want "
    "repairs done right first time, and I will report back to every block after each meeting.",
    "I chaired the tenants' association on my block for five years. The committee should hear "
    "from people who never come to meetings: I will knock on doors and bring their views.",
    "I work as a bookkeeper. The management allowance is our money: I want a clear report of "
    "every pound, every quarter, that anyone can read.",
    "Our older residents need lifts that work and a caretaker they know by name. I will make "
    "sure their voice is heard when contracts are renewed.",
    "I am new to the committee but not to the estate. I would like to see more young people "
    "involved, with training and a youth forum that reports to the committee.",
    "Damp and mould are making families ill. I will push for every case to be inspected within "
    "ten working days and for the results to be published.",
    "I have served one term and I am standing again to finish the work on the new cleaning "
    "contract: estate inspections are now published monthly.",
    "I want the estate to be safe at night: better lighting, locked bin stores and a named "
    "officer for anti-social behaviour who answers within five days.",
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _photo(name: str, rng: random.Random) -> ContentFile:
    """A stand-in portrait: the candidate's initials on a coloured square, as a small JPEG."""
    colour = rng.choice([(0, 94, 165), (0, 112, 60), (111, 56, 148), (180, 60, 20)])
    image = Image.new("RGB", (240, 240), colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    ImageDraw.Draw(image).text((120, 120), initials, fill="white", anchor="mm", font_size=96)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _members(organisation: Organisation, day: date, kind: str) -> list[Membership]:
    found = (
        Membership.objects.current(day)
        .filter(organisation=organisation)
        .select_related("resident", "household__home")
        .order_by("pk")
    )
    if kind == SeatKind.LEASEHOLDER:
        return list(found.filter(household__home__tenure__in=LEASEHOLD_TENURES))
    return list(found.exclude(household__home__tenure__in=LEASEHOLD_TENURES))


def _nominate(election, rng, standing, supporters, received: date, latest: date) -> None:
    """Nominations received between `received` and `latest`, each with a proposer and a
    seconder from `supporters`; about half with a photo."""
    statements = rng.sample(STATEMENTS, len(STATEMENTS))
    for n, candidate in enumerate(standing):
        proposer, seconder = rng.sample([m for m in supporters if m != candidate], 2)
        services.nominate(
            election=election, by=None, candidate=candidate, proposer=proposer, seconder=seconder,
            statement=statements[n % len(statements)],
            photo=_photo(candidate.resident.name, rng) if rng.random() < 0.6 else None,
            received_on=min(latest, received + timedelta(days=rng.randrange(0, 20))),
        )  # fmt: skip


def _vote(election: Election, rng: random.Random, agm: date) -> None:
    """About a third of the roll votes, for up to as many candidates as there are seats, some
    candidates better liked than others; one paper arrives from someone who voted online."""
    ballot = election.ballot
    options = list(ballot.options.values_list("pk", flat=True))
    liking = {pk: rng.uniform(0.5, 3.0) for pk in options}
    first_online = None
    for voter in Voter.objects.filter(ballot=ballot).order_by("pk"):
        if rng.random() >= 0.34:
            continue
        channel = rng.choices(ballot.channels, weights=[5, 3, 1][: len(ballot.channels)])[0]
        how_many = rng.randint(1, ballot.seats)
        chosen = set()
        while len(chosen) < how_many:
            chosen.add(rng.choices(options, weights=[liking[o] for o in options])[0])
        on = agm if channel == Channel.IN_PERSON else agm - timedelta(days=rng.randrange(1, 20))
        ballots.cast_vote(
            ballot=ballot, channel=channel,
            voter=voter if channel == Channel.IN_PERSON else None,
            code="" if channel == Channel.IN_PERSON else ballots.voter_code(ballot.pk, voter.salt),
            choices=sorted(chosen), now=_at(on, 18),
        )  # fmt: skip
        if channel == Channel.ONLINE and first_online is None:
            first_online = voter
    if first_online is not None:
        with contextlib.suppress(ValidationError):
            ballots.cast_vote(
                ballot=ballot, channel=Channel.PAPER,
                code=ballots.voter_code(ballot.pk, first_online.salt), choices=options[:1],
                now=_at(agm - timedelta(days=1), 12),
            )  # fmt: skip


def _last_cohort_elected_at(organisation: Organisation, agm: date) -> None:
    """Date the third elected at (about) this AGM three years earlier: this election elects it.
    The terms that third took over from (ending the day it started) go: they would overlap."""
    elected = CommitteeTerm.objects.filter(
        organisation=organisation,
        kind__in=[SeatKind.TENANT, SeatKind.LEASEHOLDER],
        how=HowChosen.ELECTED,
    )
    cohort = elected.filter(starts_on__gte=agm - timedelta(days=200))
    elected.filter(ends_on__in=list(cohort.values_list("starts_on", flat=True))).delete()
    cohort.update(starts_on=agm.replace(year=agm.year - 3) - timedelta(days=1))


def _committee(organisation: Organisation, *, day: date, agm: date):
    constitution = constitution_of(organisation)
    return selectors.committee(
        constitution=constitution, seats=seats_of(constitution), day=day, agm=agm
    )


def _election_at(organisation, agm: Meeting, kind: str, rng, contested: bool) -> bool:
    day = agm.day
    seats = services.seats_to_fill(
        organisation=organisation, kind=kind, agm=day, day=day - timedelta(days=1)
    )
    if seats == 0:
        return False
    held = set(
        CommitteeTerm.objects.current(day)
        .filter(organisation=organisation, membership__isnull=False)
        .values_list("membership_id", flat=True)
    )
    retiring = {
        t.membership_id
        for t in _committee(organisation, day=day - timedelta(days=1), agm=day).rotation.retiring
        if t.kind == kind
    }
    close = day - timedelta(days=28)
    # Members from before nominations close until the AGM: a nomination may come in any day,
    # and whoever is elected takes the seat at the AGM, as a member (`add_committee_term`).
    throughout = set(
        Membership.objects.current(close)
        .filter(organisation=organisation, pk__in=Membership.objects.current(day).values("pk"))
        .values_list("pk", flat=True)
    )
    eligible = [
        m
        for m in _members(organisation, day - timedelta(days=60), kind)
        if (m.pk not in held or m.pk in retiring) and m.pk in throughout
    ]
    wanted = seats + rng.choice([1, 2, 3]) if contested else seats
    if len(eligible) < min(wanted, 1):
        return False
    again = [m for m in eligible if m.pk in retiring]
    others = [m for m in eligible if m.pk not in retiring]
    rng.shuffle(others)
    standing = (again[: max(1, len(again) // 2)] + others)[: min(wanted, len(eligible))]
    supporters = [
        m
        for kind_ in (SeatKind.TENANT, SeatKind.LEASEHOLDER)
        for m in _members(organisation, day - timedelta(days=60), kind_)
        if m.pk in throughout
    ]
    if len(supporters) < 4:
        return False
    election = services.create_election(
        election=Election(
            organisation=organisation, meeting=agm, kind=kind, seats=seats,
            nominations_open_on=close - timedelta(days=28), nominations_close_on=close,
            voting_opens_at=_at(day - timedelta(days=21), 9), voting_closes_at=_at(day, 20),
        ),
        by=None,
    )  # fmt: skip
    _nominate(election, rng, standing, supporters, close - timedelta(days=24), close)
    services.close_nominations(election=election, by=None)
    if election.ballot_id:
        _vote(election, rng, day)
        ballots.close_ballot(ballot=election.ballot, by=None)
        ballots.count_ballot(ballot=election.ballot, by=None)
    services.declare_result(election=election, by=None, on=day)
    return True


def _by_election(organisation: Organisation, rng: random.Random, today: date) -> bool:
    """A tenant member resigned last month: nominations are open now for the seat."""
    resigning = (
        CommitteeTerm.objects.current(today - timedelta(days=30))
        .filter(organisation=organisation, kind=SeatKind.TENANT)
        .order_by("starts_on", "pk")
        .first()
    )
    if resigning is not None:
        end_committee_term(
            term=resigning, by=None, on=today - timedelta(days=30),
            reason="Resigned: moved away from the estate",
        )  # fmt: skip
    seats = sum(
        group.vacancies
        for group in _committee(organisation, day=today, agm=today).groups
        if group.kind == SeatKind.TENANT
    )
    if seats <= 0:
        return False
    close = today + timedelta(days=12)
    election = services.create_election(
        election=Election(
            organisation=organisation, kind=SeatKind.TENANT, seats=1,
            nominations_open_on=today - timedelta(days=9), nominations_close_on=close,
            voting_opens_at=_at(close + timedelta(days=3), 9),
            voting_closes_at=_at(close + timedelta(days=24), 19),
        ),
        by=None,
    )  # fmt: skip
    held = set(
        CommitteeTerm.objects.current(today)
        .filter(organisation=organisation, membership__isnull=False)
        .values_list("membership_id", flat=True)
    )
    members = [m for m in _members(organisation, today, SeatKind.TENANT) if m.pk not in held]
    if len(members) < 4:
        return True
    rng.shuffle(members)
    _nominate(election, rng, members[:1], members[1:], today - timedelta(days=8), today)
    return True


def add_demo_elections(
    *, as_of: date | None = None, seed: int = 1, progress: Callable[[str], None] = lambda m: None
) -> int:
    """Elections at each managing organisation's last AGM, once; returns how many."""
    today = as_of or timezone.localdate()
    made = 0
    managers = Organisation.objects.filter(kind__in=Organisation.MANAGING_KINDS).order_by("pk")
    for organisation in managers:
        if organisation.elections.exists():
            continue
        agm = (
            Meeting.objects.filter(organisation=organisation, kind="agm", day__lt=today)
            .order_by("-day")
            .first()
        )
        if agm is None:
            continue
        rng = random.Random(f"{seed}-{organisation.slug}-elections")
        with transaction.atomic():
            _last_cohort_elected_at(organisation, agm.day)
            here = _election_at(organisation, agm, SeatKind.TENANT, rng, contested=True)
            here += _election_at(organisation, agm, SeatKind.LEASEHOLDER, rng, contested=False)
            if organisation.slug == BY_ELECTION_AT:
                here += _by_election(organisation, rng, today)
        made += here
        progress(f"{organisation.name}: {here} election{'' if here == 1 else 's'}")
    return made
