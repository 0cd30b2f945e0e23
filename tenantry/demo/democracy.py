"""The demo's democracy: each organisation that manages homes has its constitution (the
defaults for its legal form), a register with a believable share of its households as members
(15-35%), some who applied this month, a few refused, some who left or lapsed in the last year
when their tenancy ended, and a committee with most seats filled, elected in thirds at the last
three AGMs (the terms before theirs too: some re-elected, some replaced), and one or two
vacancies; at Marsh Lane two more members resigned this year. The same for the same seed;
written in bulk, so `tenantry demo --homes 1000` stays quick."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from tenantry.democracy import services
from tenantry.democracy.eligibility import LEASEHOLD_TENURES
from tenantry.democracy.models import (
    CommitteeTerm,
    HowChosen,
    JoinedBy,
    Membership,
    MemberStatus,
    SeatKind,
)
from tenantry.homes.models import Resident
from tenantry.organisations.models import Organisation

from .names import FIRST_NAMES, LAST_NAMES

REFUSALS = ["Does not live in one of our homes", "Applied twice; the earlier form stands"]
# The organisation "growing weak" (the Guide, chapter 5): two committee members resigned this
# year and nobody has taken their places, so democratic health warns of unfilled places.
GROWING_WEAK = "marsh-lane-emb"


def _agm(year: int) -> date:
    """The demo organisations hold their AGM on the third Thursday of September."""
    first = date(year, 9, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


@transaction.atomic
def add_demo_democracy(
    *, seed: int = 1, today: date | None = None, progress: Callable[[str], None] = lambda m: None
) -> int:
    """Add the democracy of each managing organisation that has no members yet; the members
    made."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    made = 0
    organisations = Organisation.objects.filter(kind__in=Organisation.MANAGING_KINDS).order_by("pk")
    for organisation in organisations:
        if Membership.objects.filter(organisation=organisation).exists():
            continue
        made += _organisation(organisation, rng, today)
    progress(f"{made:,} members and applicants in the registers")
    return made


def _organisation(organisation: Organisation, rng: random.Random, today: date) -> int:
    constitution = services.constitution_of(organisation)
    year_ago = today - timedelta(days=365)
    leads = list(
        Resident.objects.filter(
            is_lead_tenant=True,
            user__isnull=True,  # the demo resident applies for themselves
            household__home__coverage__agreement__organisation=organisation,
        )
        .filter(household__started_on__lte=today)
        .exclude(household__ended_on__lt=year_ago)
        .values_list(
            "pk", "household_id", "household__started_on", "household__ended_on",
            "household__home__tenure",
        )
        .distinct()
        .order_by("pk")
    )  # fmt: skip
    admitted = [
        row for row in leads
        if (constitution.leaseholders_may_join if row[4] in LEASEHOLD_TENURES
            else constitution.tenants_may_join)
    ]  # fmt: skip
    living = [row for row in admitted if row[3] is None or row[3] > today]
    ended = [row for row in admitted if row[3] is not None and row[3] <= today]
    rng.shuffle(living)
    share = rng.uniform(0.15, 0.35)
    # A small organisation still needs enough members to fill its committee.
    seats = sum(services.seats_of(constitution).values())
    n_members = max(round(len(living) * share), min(len(living) // 2, seats + 3))
    n_left = max(1, n_members // 25)
    n_applied = min(max(2, n_members // 15), max(len(living) - n_members - n_left, 0))
    members = living[:n_members]
    left = living[n_members : n_members + n_left]
    applied = living[n_members + n_left : n_members + n_left + n_applied]
    lapsed = ended[: max(1, round(len(ended) * share))] if ended else []

    rows: list[Membership] = []

    def joined(started: date) -> date:
        earliest = max(started, today - timedelta(days=365 * 8))
        return _between(rng, earliest, today - timedelta(days=20))

    for pk, household, started, _ended, _tenure in members + left:
        on = joined(started)
        rows.append(
            Membership(
                organisation=organisation,
                resident_id=pk,
                household_id=household,
                status=MemberStatus.MEMBER,
                joined_on=on,
                applied_on=on - timedelta(days=rng.randint(3, 30)),
                joined_by=rng.choice(
                    [JoinedBy.ONLINE, JoinedBy.PAPER, JoinedBy.PAPER, JoinedBy.MEETING]
                ),
                share_paid_pence=constitution.share_pence,
                share_paid_on=on if constitution.share_pence else None,
            )  # fmt: skip
        )
    for membership in rows[len(members) :]:  # left in the last year
        membership.status = MemberStatus.LEFT
        membership.ended_on = _between(rng, max(membership.joined_on, year_ago), today)
        membership.end_reason = rng.choice(["Left by their own choice", "Moved in with family"])
    for pk, household, started, ended_on, _tenure in lapsed:
        if ended_on - timedelta(days=40) < started:
            continue
        on = _between(
            rng, max(started, ended_on - timedelta(days=365 * 5)), ended_on - timedelta(days=40)
        )
        rows.append(
            Membership(
                organisation=organisation,
                resident_id=pk,
                household_id=household,
                status=MemberStatus.LAPSED,
                joined_by=JoinedBy.PAPER,
                joined_on=on,
                applied_on=on - timedelta(days=14),
                ended_on=ended_on,
                end_reason="The tenancy ended",
                share_paid_pence=constitution.share_pence,
                share_paid_on=on if constitution.share_pence else None,
            )  # fmt: skip
        )
    rows.sort(key=lambda m: (m.joined_on, m.resident_id))
    for number, membership in enumerate(rows, start=1):
        membership.number = number
        membership.decided_on = membership.joined_on
    for i, (pk, household, _started, _ended, _tenure) in enumerate(applied):
        refused = len(applied) >= 3 and i < max(1, len(applied) // 4)
        rows.append(
            Membership(
                organisation=organisation,
                resident_id=pk,
                household_id=household,
                status=MemberStatus.REFUSED if refused else MemberStatus.APPLIED,
                joined_by=rng.choice([JoinedBy.ONLINE, JoinedBy.PAPER, JoinedBy.MEETING]),
                applied_on=today
                - timedelta(days=rng.randint(40, 90) if refused else rng.randint(0, 25)),
                refusal_reason=rng.choice(REFUSALS) if refused else "",
                decided_on=today - timedelta(days=rng.randint(5, 30)) if refused else None,
            )  # fmt: skip
        )
    Membership.objects.bulk_create(rows)
    _committee(organisation, constitution, rng, today)
    return len(rows)


def _committee(organisation, constitution, rng: random.Random, today: date) -> None:
    seats = services.seats_of(constitution)
    current = list(
        Membership.objects.current(today)
        .filter(organisation=organisation)
        .values_list("pk", "joined_on", "household__home__tenure")
        .order_by("pk")
    )
    rng.shuffle(current)
    tenants = [m for m in current if m[2] not in LEASEHOLD_TENURES]
    leaseholders = [m for m in current if m[2] in LEASEHOLD_TENURES]
    last_agm = _agm(today.year) if _agm(today.year) <= today else _agm(today.year - 1)
    agms = [last_agm.replace(year=last_agm.year - n) for n in range(3)]
    agms = [_agm(day.year) for day in agms]
    places = [(kind, i) for kind, n in seats.items() for i in range(n)]
    vacant = set(rng.sample(range(len(places)), k=min(len(places), rng.choice([1, 2]))))
    terms = []
    term = partial(CommitteeTerm, organisation=organisation)
    for index, (kind, i) in enumerate(places):
        if index in vacant:
            continue
        if kind in (SeatKind.TENANT, SeatKind.LEASEHOLDER):
            pool = tenants if kind == SeatKind.TENANT else leaseholders
            agm = agms[i % 3]  # a third elected at each of the last three AGMs
            chosen = next((m for m in pool if m[1] <= agm), None)
            if chosen is None:
                continue
            pool.remove(chosen)
            terms.append(
                term(kind=kind, membership_id=chosen[0], how=HowChosen.ELECTED, starts_on=agm)
            )
        elif kind == SeatKind.CO_OPTED:
            start = _between(rng, last_agm + timedelta(days=30), today)
            chosen = next((m for m in tenants + leaseholders if m[1] <= start), None)
            if chosen is None:
                continue
            (tenants if chosen in tenants else leaseholders).remove(chosen)
            terms.append(
                term(kind=kind, membership_id=chosen[0], how=HowChosen.CO_OPTED, starts_on=start)
            )
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if kind == SeatKind.LANDLORD_NOMINEE:
                name = f"Cllr {name}"
            terms.append(term(kind=kind, name=name, how=HowChosen.APPOINTED, starts_on=agms[-1]))
    joined = {pk: on for pk, on, _tenure in current}
    terms += _earlier_terms(terms, joined, tenants, leaseholders, rng)
    if organisation.slug == GROWING_WEAK:
        # Two elected at the AGM before last resigned since the last AGM, in the last five
        # months: nobody has taken their places. Not any of the longest serving: they retire by
        # rotation at the last AGM, where the demo's elections (demo/elections.py) fill their
        # seats, and were no longer in office to resign after it.
        settled = [
            t for t in terms if t.how == HowChosen.ELECTED and agms[1] <= t.starts_on < agms[0]
        ]
        since = max(today - timedelta(days=150), last_agm + timedelta(days=1))
        until = max(since, today - timedelta(days=40))
        for resigned in rng.sample(settled, k=min(2, len(settled))):
            on = since + timedelta(days=rng.randint(0, (until - since).days))
            resigned.ends_on = min(today, on)
            resigned.end_reason = "Resigned"
    CommitteeTerm.objects.bulk_create(terms)


def _earlier_terms(terms, joined, tenants, leaseholders, rng: random.Random):
    """The terms before those of the members elected at the last three AGMs: the seat's holder
    elected three years earlier, half of them re-elected (where they were members then), the
    others replaced then."""
    earlier = []
    for term in [t for t in terms if t.how == HowChosen.ELECTED]:
        before = _agm(term.starts_on.year - 3)
        holder = term.membership_id
        pool = tenants if term.kind == SeatKind.TENANT else leaseholders
        if rng.random() >= 0.5 or joined[holder] > before:
            replaced = next((m for m in pool if m[1] <= before), None)
            if replaced is None:
                continue
            pool.remove(replaced)
            holder = replaced[0]
        earlier.append(
            CommitteeTerm(
                organisation=term.organisation,
                kind=term.kind,
                membership_id=holder,
                how=HowChosen.ELECTED,
                starts_on=before,
                ends_on=term.starts_on,
                end_reason="Retired by rotation at the AGM",
            )
        )
    return earlier
