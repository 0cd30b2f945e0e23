"""The rule "in force on a day" has one home, `tenantry.core.dated`, through each QuerySet."""

import re
from datetime import date
from pathlib import Path

import pytest

from tenantry.core.dated import in_force_on
from tenantry.homes.models import Coverage, Household
from tenantry.homes.tests.factories import CoverageFactory, HouseholdFactory
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2025, 4, 1), date(2026, 3, 31)


def test_coverage_is_in_force_from_its_first_day_to_its_last():
    coverage = CoverageFactory(agreement__starts_on=FIRST, starts_on=FIRST, ends_on=LAST)

    def in_force(day):
        return list(Coverage.objects.in_force(day)) == [coverage]

    assert not in_force(date(2025, 3, 31))
    assert in_force(FIRST)
    assert in_force(LAST)
    assert not in_force(date(2026, 4, 1))


def test_an_open_ended_agreement_stays_in_force():
    agreement = AgreementFactory(starts_on=FIRST, ends_on=None)
    assert list(ManagementAgreement.objects.in_force(date(2040, 1, 1))) == [agreement]
    assert not ManagementAgreement.objects.in_force(date(2025, 3, 31)).exists()


def test_not_ended_before_keeps_what_starts_later():
    later = CoverageFactory(agreement__starts_on=FIRST, starts_on=date(2025, 6, 1), ends_on=LAST)
    assert list(Coverage.objects.not_ended_before(FIRST)) == [later]
    assert not Coverage.objects.not_ended_before(date(2026, 4, 1)).exists()


def test_a_tenancy_is_over_on_the_day_it_ends():
    household = HouseholdFactory(started_on=FIRST, ended_on=LAST)
    assert list(Household.objects.living_on(FIRST)) == [household]
    assert list(Household.objects.living_on(date(2026, 3, 30))) == [household]
    assert not Household.objects.living_on(LAST).exists()


# The rule spelled out needs a start on or before the day and a missing end (open-ended).
_SPELLED_OUT = re.compile(r"(starts_on|_from)__lte|(ends_on|_until)__isnull")


def test_no_code_spells_out_the_in_force_rule_again():
    root = Path(__file__).resolve().parents[2]
    found = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if "/migrations/" in relative or "/tests/" in relative or relative == "core/dated.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            # A model's check that a span ends after it starts compares two fields: not a day.
            if _SPELLED_OUT.search(line) and 'F("starts_on")' not in line:
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "during"),
    [
        (date(2024, 4, 1), date(2025, 3, 31), False),  # over the day before the year
        (date(2024, 4, 1), FIRST, True),  # its last day is the year's first
        (LAST, None, True),  # starts on the year's last day
        (date(2026, 4, 1), None, False),  # starts the day after
        (date(2020, 1, 1), None, True),  # open-ended, from long before
        (date(2025, 6, 1), date(2025, 6, 30), True),  # within the year
    ],
)
def test_in_force_during_a_span_means_on_at_least_one_of_its_days(starts_on, ends_on, during):
    coverage = CoverageFactory(agreement__starts_on=starts_on, starts_on=starts_on, ends_on=ends_on)

    found = list(Coverage.objects.in_force_during(FIRST, LAST)) == [coverage]

    assert found == during
    days = [FIRST, date(2025, 6, 15), LAST, starts_on]
    assert any(in_force_on(starts_on, ends_on, d) for d in days if FIRST <= d <= LAST) == during
