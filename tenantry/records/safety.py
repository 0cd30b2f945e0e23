"""When a safety check is valid, and when a home or block is overdue one: the one rule behind
the overview's alarm, the safety-check lists and record page, and BS01–BS05.

A check is valid on a day when it was carried out (not "no access", not "not done yet") on or
before that day and no more than its interval before it: a gas check done on 31 March 2025 is
valid to 31 March 2026 inclusive (Gas Safety (Installation and Use) Regulations 1998, reg.
36(3): "not more than 12 months"). The interval is the requirement's "every (months)" for the
home or block; where none is in force, the kind's default below. A home or block is overdue a
kind of check only when it has no valid check of that kind today; a check past its due date
and not done is overdue work only then, so a no-access visit followed by a satisfactory check
is never an alarm. See docs/indicators.md for each interval and its source.
"""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet

from tenantry.core.deadlines import add_months

from .models import SafetyCheck, SafetyKind, SafetyRequirement

# Outcomes that mean the check was carried out. A check that found remedial work (or failed an
# appliance) was still carried out: outstanding remedial actions do not reduce BS01–BS05.
CARRIED_OUT = (
    SafetyCheck.Outcome.SATISFACTORY,
    SafetyCheck.Outcome.REMEDIAL,
    SafetyCheck.Outcome.FAILED,
)

# The interval when no requirement in force says otherwise (docs/indicators.md gives sources).
# Gas and lifts are set in law; fire, asbestos and water are the landlord's risk-based choice,
# set on each requirement ("every (months)").
DEFAULT_INTERVAL_MONTHS = {
    SafetyKind.GAS: 12,  # Gas Safety (Installation and Use) Regulations 1998, reg. 36(3)
    SafetyKind.FIRE: 12,  # Regulatory Reform (Fire Safety) Order 2005, art. 9(3): "regularly"
    SafetyKind.ASBESTOS: 12,  # Control of Asbestos Regulations 2012, reg. 4: "regularly"
    SafetyKind.WATER: 24,  # HSE ACOP L8: review "regularly"
    SafetyKind.LIFT: 6,  # LOLER 1998, reg. 9(3)(a)(i): passenger lifts every 6 months
}


def valid_until(done_on: date, months: int) -> date:
    """The last day a check carried out on `done_on` is valid: `months` later, that day
    included (reg. 36(3): "not more than 12 months"); 29 February to 28 February."""
    return add_months(done_on, months)


def earliest_valid_done_on(day: date, months: int) -> date:
    """The earliest day a check can have been done and still be valid on `day`: the smallest
    `d` with `valid_until(d, months) >= day`."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day.day)
    return add_months(date(year, month, 1), 1)  # no such day: from the next month's first


def is_valid(check: SafetyCheck, day: date, months: int) -> bool:
    """The Python form: `check` gives a valid certificate on `day`."""
    return (
        check.outcome in CARRIED_OUT
        and check.done_on is not None
        and check.done_on <= day <= valid_until(check.done_on, months)
    )


def valid_q(day: date, months: int) -> Q:
    """The database form of `is_valid`, on safety checks."""
    return Q(
        outcome__in=CARRIED_OUT,
        done_on__lte=day,
        done_on__gte=earliest_valid_done_on(day, months),
    )


def on_home_or_block(queryset: QuerySet) -> Q:
    """For homes: a row of `queryset` is about the outer home or about its block. Two EXISTS
    rather than one with OR, so each can use its own index."""
    return Q(Exists(queryset.filter(home=OuterRef("pk")))) | Q(
        Exists(queryset.filter(block=OuterRef("block"), block__isnull=False))
    )


def _same_place() -> Q:
    """For safety checks: a row about the outer check's home or block (NULL matches nothing)."""
    return Q(home=OuterRef("home")) | Q(block=OuterRef("block"))


# The kinds and intervals in force are a handful of pairs read from a requirement per home
# (98,000 rows at 125,000 homes, 10 ms on every safety page); they change when a requirement
# does, so they are kept for the day until then (`forget_intervals`), and ten minutes at most.
INTERVALS_KEPT_FOR = 600  # seconds
_INTERVALS_GENERATION = "safety-intervals-generation"


def intervals_in_use(day: date) -> set[tuple[str, int]]:
    """Each kind with each interval a requirement in force on `day` gives it (one query, or
    none when read in the last ten minutes and no requirement changed since)."""
    key = f"safety-intervals:{day.isoformat()}:{cache.get(_INTERVALS_GENERATION, 0)}"
    intervals = cache.get(key)
    if intervals is None:
        in_force = SafetyRequirement.objects.in_force(day)
        intervals = set(in_force.values_list("kind", "interval_months").distinct())
        cache.set(key, intervals, INTERVALS_KEPT_FOR)
    return intervals


def forget_intervals(**_signal) -> None:
    """A requirement was saved or deleted: the intervals in force are read again."""
    cache.set(_INTERVALS_GENERATION, cache.get(_INTERVALS_GENERATION, 0) + 1, None)


def place_valid_q(day: date, intervals: set[tuple[str, int]]) -> Q:
    """For safety checks: the check's home or block has a valid check of its kind on `day`,
    under the interval of a requirement in force there (any one met counts), or the kind's
    default where no requirement is in force."""
    in_force = SafetyRequirement.objects.in_force(day).filter(_same_place(), kind=OuterRef("kind"))
    checks = SafetyCheck.objects.filter(_same_place(), kind=OuterRef("kind"))
    covered = Q(pk=None)
    for kind, months in sorted(intervals):
        covered |= (
            Q(kind=kind)
            & Q(Exists(in_force.filter(interval_months=months)))
            & Q(Exists(checks.filter(valid_q(day, months))))
        )
    for kind, months in DEFAULT_INTERVAL_MONTHS.items():
        covered |= (
            Q(kind=kind) & ~Q(Exists(in_force)) & Q(Exists(checks.filter(valid_q(day, months))))
        )
    return covered


def not_done_q() -> Q:
    """Checks not carried out: not done yet, or a visit without access."""
    return Q(done_on__isnull=True) | Q(outcome=SafetyCheck.Outcome.NO_ACCESS)


def overdue_q(*, today: date) -> Q:
    """Checks past their due date and not done, at a home or block with no valid check of the
    kind today. A check superseded by a later valid one is never overdue."""
    return Q(due_on__lt=today) & not_done_q() & ~place_valid_q(today, intervals_in_use(today))


def mark_cover(checks: Iterable[SafetyCheck], *, today: date) -> None:
    """Set `covered` on each check: its home or block has a valid check of its kind today. The
    Python form of `place_valid_q` for a page of checks: two queries for the page (the
    requirements in force at its places, and their checks carried out lately), where the
    database form builds an `EXISTS` for each kind and interval in force."""
    checks = list(checks)
    if not checks:
        return
    homes = {c.home_id for c in checks if c.home_id}
    blocks = {c.block_id for c in checks if c.block_id}
    kinds = {c.kind for c in checks}
    at_places = Q(home__in=homes) | Q(block__in=blocks)
    required = defaultdict(set)  # (kind, "home"|"block", id) -> intervals in force
    in_force = SafetyRequirement.objects.in_force(today).filter(at_places, kind__in=kinds)
    for kind, home, block, months in in_force.values_list(
        "kind", "home_id", "block_id", "interval_months"
    ):
        required[kind, "home", home].add(months)
        required[kind, "block", block].add(months)
    longest = max(
        [DEFAULT_INTERVAL_MONTHS[k] for k in kinds]
        + [m for intervals in required.values() for m in intervals]
    )
    done = defaultdict(list)  # (kind, "home"|"block", id) -> checks carried out lately
    recent = SafetyCheck.objects.filter(at_places, valid_q(today, longest), kind__in=kinds)
    for valid in recent.only("kind", "home_id", "block_id", "done_on", "outcome"):
        done[valid.kind, "home", valid.home_id].append(valid)
        done[valid.kind, "block", valid.block_id].append(valid)
    for check in checks:
        places = [(check.kind, "home", check.home_id), (check.kind, "block", check.block_id)]
        places = [place for place in places if place[2] is not None]
        intervals = set().union(*(required[place] for place in places))
        intervals = intervals or {DEFAULT_INTERVAL_MONTHS[check.kind]}
        check.covered = any(
            is_valid(valid, today, months)
            for place in places
            for valid in done[place]
            for months in intervals
        )


def is_covered(check: SafetyCheck, today: date) -> bool:
    """Whether the check's home or block has a valid check of its kind today (read from
    `mark_cover` when the check's page set it)."""
    if not hasattr(check, "covered"):
        mark_cover([check], today=today)
    return check.covered
