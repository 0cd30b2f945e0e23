"""The demo's monitoring: a schedule, targets, submissions in each state and one step."""

from datetime import date

import pytest

from tenantry.indicators.demo import add_demo_monitoring
from tenantry.indicators.models import Intervention, MonitoringItem, Submission, Target
from tenantry.organisations.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_agreement_a_schedule_targets_and_submissions(cast):
    second = AgreementFactory(
        organisation__landlord=cast.landlord, services=["repairs", "complaints"]
    )

    made = add_demo_monitoring(cast.landlord, as_of=date(2025, 11, 15))

    # Kingsmead runs every service measured: all ten are scheduled. The second runs repairs
    # and complaints: RP02-1, RP02-2, CH02-1, CH01-1, TP02, and TP01 which every one reports.
    assert MonitoringItem.objects.filter(agreement=cast.agreement).count() == 10
    assert MonitoringItem.objects.filter(agreement=second).count() == 6
    assert made.items == 16
    # Last year, this year and next year for each.
    assert Target.objects.count() == made.targets == 48
    states = set(Submission.objects.values_list("status", flat=True))
    assert {"accepted", "queried"} <= states
    assert Intervention.objects.filter(level="improvement_notice", ended_on=None).count() == 1


def test_the_demo_runs_once(cast):
    add_demo_monitoring(cast.landlord, as_of=date(2025, 11, 15))
    again = add_demo_monitoring(cast.landlord, as_of=date(2025, 11, 15))
    assert again.items == 0
