"""One rule for safety checks: the overview's alarm, the safety-check list and record page, and
BS01 agree, for a no-access visit followed by a satisfactory check and for an expired check."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from tenantry.core.deadlines import LONDON, local_date
from tenantry.core.periods import Period
from tenantry.homes.tests.factories import CoverageFactory, EstateFactory, HomeFactory
from tenantry.indicators.calculators import Subject, calculate
from tenantry.indicators.models import Indicator, Scope
from tenantry.records.models import SafetyCheck
from tenantry.records.selectors.deadlines import safety_check_target
from tenantry.records.selectors.overdue import overdue_safety_checks_q, overdue_work
from tenantry.records.tests.factories import SafetyCheckFactory, SafetyRequirementFactory

pytestmark = pytest.mark.django_db

Out = SafetyCheck.Outcome


def _home(cast, address):
    cast.agreement.coverage.all().delete()
    home = HomeFactory(estate=EstateFactory(landlord=cast.landlord), address=address,
                       tenure="secure", stock_type="lcra")  # fmt: skip
    CoverageFactory(agreement=cast.agreement, home=home, starts_on=date(2020, 1, 1))
    SafetyRequirementFactory(organisation=cast.tmo, home=home, required_from=date(2020, 1, 1))
    return home


def _gas(cast, home, ref, due_on, done_on=None, outcome=""):
    return SafetyCheckFactory(organisation=cast.tmo, home=home, reference=ref, due_on=due_on,
                              done_on=done_on, outcome=outcome)  # fmt: skip


def _bs01(cast, day):
    """BS01 on `day` (the snapshot is the period's last day)."""
    period = Period(date(2020, 1, 1), day, "test", "year")
    found = calculate(Indicator.objects.get(code="BS01", organisation=None),
                      Subject(Scope.ORGANISATION, cast.tmo, None, ""), period)  # fmt: skip
    return found.numerator, found.denominator


def _everywhere(cast, client_as, today):
    """What each caller says on `today`: overview count, list filter, BS01."""
    now = datetime.combine(today, datetime.min.time(), tzinfo=LONDON) + timedelta(hours=9)
    overview = overdue_work(organisation=cast.tmo, now=now).safety_checks.total
    listed = SafetyCheck.objects.filter(overdue_safety_checks_q(today=today))
    return overview, {c.reference for c in listed}, _bs01(cast, today)


def test_no_access_then_satisfactory_is_no_alarm_anywhere(cast, client_as):
    today = local_date(datetime.now(tz=LONDON))
    home = _home(cast, "1 Kingsmead")
    missed = _gas(cast, home, "NOACCESS", today - timedelta(days=968),
                  today - timedelta(days=968), Out.NO_ACCESS)  # fmt: skip
    _gas(cast, home, "DONE", today - timedelta(days=968), today - timedelta(days=30),
         Out.SATISFACTORY)  # fmt: skip

    overview, listed, bs01 = _everywhere(cast, client_as, today)
    assert (overview, listed, bs01) == (0, set(), (1, 1))
    now = datetime.now(tz=LONDON)
    assert safety_check_target(missed, now).state == "stopped"  # the record page
    page = client_as(cast.people["staff"]).get(
        reverse("services:record-list", kwargs={"slug": cast.tmo.slug, "kind": "safety-checks"}),
        {"status": "overdue"},
    )
    assert "NOACCESS" not in page.content.decode()
    everything = (
        client_as(cast.people["staff"])
        .get(
            reverse("services:record-list", kwargs={"slug": cast.tmo.slug, "kind": "safety-checks"})
        )
        .content.decode()
    )
    assert "NOACCESS" in everything and "Overdue by" not in everything


def test_a_home_with_only_an_expired_check_is_overdue_everywhere(cast, client_as):
    today = local_date(datetime.now(tz=LONDON))
    home = _home(cast, "2 Kingsmead")
    done = today - timedelta(days=400)
    _gas(cast, home, "OLD", done, done, Out.SATISFACTORY)
    late = _gas(cast, home, "LATE", today - timedelta(days=35))

    overview, listed, bs01 = _everywhere(cast, client_as, today)
    assert (overview, listed, bs01) == (1, {"LATE"}, (0, 1))
    assert safety_check_target(late, datetime.now(tz=LONDON)).state == "overdue"
    page = client_as(cast.people["staff"]).get(
        reverse("services:record-list", kwargs={"slug": cast.tmo.slug, "kind": "safety-checks"}),
        {"status": "overdue"},
    )
    assert "LATE" in page.content.decode()


def test_bs01_counts_a_gas_check_valid_on_its_last_day(cast):
    home = _home(cast, "3 Kingsmead")
    _gas(cast, home, "LASTDAY", date(2025, 3, 31), date(2025, 3, 31), Out.SATISFACTORY)

    assert _bs01(cast, date(2026, 3, 31)) == (1, 1)  # reg. 36(3): not more than 12 months
    assert _bs01(cast, date(2026, 4, 1)) == (0, 1)
