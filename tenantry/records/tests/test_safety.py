"""The one rule for a valid safety check (records/safety.py), at its boundary dates."""

from datetime import date, timedelta

import pytest

from tenantry.records import safety
from tenantry.records.models import SafetyCheck
from tenantry.records.tests.factories import SafetyCheckFactory

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
