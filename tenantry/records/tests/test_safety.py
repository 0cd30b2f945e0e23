"""The one rule for a valid safety check (records/safety.py), at its boundary dates."""

from datetime import date, timedelta

import pytest

from tenantry.homes.tests.factories import BlockFactory, HomeFactory
from tenantry.records import safety
from tenantry.records.models import SafetyCheck
from tenantry.records.tests.factories import SafetyCheckFactory, SafetyRequirementFactory

SATISFACTORY = SafetyCheck.Outcome.SATISFACTORY


def _check(done_on, outcome=SATISFACTORY):
    return SafetyCheck(kind="gas", due_on=done_on, done_on=done_on, outcome=outcome)


@pytest.mark.parametrize(
    "done_on, months, last_valid",
    [
        # Gas, reg. 36(3) "not more than 12 months": 31 March 2025 is valid on 31 March 2026.
        (date(2025, 3, 31), 12, date(2026, 3, 31)),
        # Done on 29 February: a year on there is no 29th, so the 28th is the last day.
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        # Done on 28 February 2023: valid to 28 February 2024, not the leap day after it.
        (date(2023, 2, 28), 12, date(2024, 2, 28)),
        # A passenger lift (LOLER, 6 months) checked on 31 August: to the end of February.
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        # Water every 24 months from a leap day.
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
    ],
)
def test_a_check_is_valid_to_its_last_day_and_expired_the_day_after(done_on, months, last_valid):
    assert safety.valid_until(done_on, months) == last_valid
    assert safety.is_valid(_check(done_on), last_valid, months)
    assert not safety.is_valid(_check(done_on), last_valid + timedelta(days=1), months)
    assert not safety.is_valid(_check(done_on), done_on - timedelta(days=1), months)


def test_no_access_and_not_done_are_never_valid():
    assert not safety.is_valid(_check(date(2026, 1, 5), SafetyCheck.Outcome.NO_ACCESS),
                               date(2026, 1, 6), 12)  # fmt: skip
    assert not safety.is_valid(
        SafetyCheck(kind="gas", due_on=date(2026, 1, 5)), date(2026, 1, 6), 12
    )
    for outcome in safety.CARRIED_OUT:
        assert safety.is_valid(_check(date(2026, 1, 5), outcome), date(2026, 1, 6), 12)


@pytest.mark.parametrize("months", [6, 12, 24])
def test_the_database_cut_off_is_exactly_the_python_window(months):
    day = date(2023, 1, 1)
    while day < date(2026, 12, 31):
        first = safety.earliest_valid_done_on(day, months)
        assert safety.valid_until(first, months) >= day
        assert safety.valid_until(first - timedelta(days=1), months) < day
        day += timedelta(days=1)


@pytest.mark.django_db
def test_the_database_form_agrees_with_the_python_form(cast):
    done = [date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 1), date(2024, 2, 29),
            date(2025, 2, 28), date(2026, 4, 1)]  # fmt: skip
    checks = [
        SafetyCheckFactory(
            organisation=cast.tmo, home=cast.home, due_on=d, done_on=d, outcome=SATISFACTORY
        )  # fmt: skip
        for d in done
    ]
    for day in (date(2026, 3, 31), date(2026, 4, 1), date(2025, 2, 28), date(2025, 3, 1)):
        in_db = set(SafetyCheck.objects.filter(safety.valid_q(day, 12)))
        assert in_db == {c for c in checks if safety.is_valid(c, day, 12)}


@pytest.mark.django_db
def test_a_pages_cover_agrees_with_the_database_form(cast):
    """`mark_cover` (a page of checks, worked out in Python) says what `place_valid_q` says,
    for checks at a home and at its block, under requirements at either, for each kind's
    default and for intervals set on requirements, on the days either side of each limit."""
    block = BlockFactory(estate=cast.home.estate)
    in_block = HomeFactory(estate=cast.home.estate, block=block)
    plain = HomeFactory(estate=cast.home.estate)  # no requirement: the kinds' defaults
    for place in ({"home": cast.home}, {"block": block}):
        SafetyRequirementFactory(organisation=cast.tmo, interval_months=6, **place)
    SafetyRequirementFactory(
        organisation=cast.tmo,
        home=in_block,
        kind="water",
        interval_months=12,
        required_from=date(2025, 6, 1),
    )
    places = ({"home": cast.home}, {"home": in_block}, {"block": block}, {"home": plain})
    checks = []
    for place in places:
        for kind in ("gas", "water", "lift"):
            checks.append(SafetyCheckFactory(organisation=cast.tmo, kind=kind, **place))
            for done_on, outcome in (
                (date(2025, 1, 31), SATISFACTORY),
                (date(2024, 8, 1), SafetyCheck.Outcome.REMEDIAL),
                (date(2025, 9, 30), SafetyCheck.Outcome.NO_ACCESS),
            ):
                done = {"due_on": done_on, "done_on": done_on, "outcome": outcome}
                checks.append(SafetyCheckFactory(organisation=cast.tmo, kind=kind, **done, **place))
    differ, covered_gas_at_plain = [], {}
    limits = (date(2025, 7, 31), date(2026, 1, 31), date(2026, 7, 31), date(2027, 1, 31))
    for day in sorted({d + timedelta(days=after) for d in limits for after in (0, 1)}):
        in_db = set(
            SafetyCheck.objects.filter(safety.place_valid_q(day, safety.intervals_in_use(day)))
        )
        page = list(SafetyCheck.objects.filter(pk__in=[c.pk for c in checks]))
        safety.mark_cover(page, today=day)
        differ += [(day, c.reference) for c in page if c.covered != (c in in_db)]
        covered_gas_at_plain[day] = {c.covered for c in page if c.home == plain and c.kind == "gas"}
    assert differ == []
    # By hand: gas at the plain home (12 months by default), done 31 January 2025, is valid to
    # 31 January 2026; the 6-month requirement at the first home ends its cover on 31 July 2025.
    assert covered_gas_at_plain[date(2026, 1, 31)] == {True}
    assert covered_gas_at_plain[date(2026, 2, 1)] == {False}
    first = [c for c in page if c.home == cast.home and c.kind == "gas"]
    safety.mark_cover(first, today=date(2025, 7, 31))
    assert {c.covered for c in first} == {True}
    safety.mark_cover(first, today=date(2025, 8, 1))
    assert {c.covered for c in first} == {False}


@pytest.mark.django_db
def test_a_pages_cover_takes_two_queries_however_many_checks(cast, django_assert_num_queries):
    checks = [SafetyCheckFactory(organisation=cast.tmo, home=cast.home) for _ in range(5)]
    with django_assert_num_queries(2):
        safety.mark_cover(checks, today=date(2026, 2, 1))
    with django_assert_num_queries(0):
        safety.mark_cover([], today=date(2026, 2, 1))
