"""The demo's grant programmes: on the council's list, open, each with its conditions."""

import pytest
from django.utils import timezone

from tenantry.demo.journey import PROGRAMMES, add_demo_grants
from tenantry.journey import selectors
from tenantry.journey.models import FundingProgramme
from tenantry.organisations.tests.factories import LandlordFactory

pytestmark = pytest.mark.django_db


def test_the_demo_grants_are_open_with_their_conditions_and_made_once():
    LandlordFactory(slug="northbrook-council", name="Northbrook Council")

    add_demo_grants()
    add_demo_grants()

    shown = list(selectors.open_programmes(on=timezone.localdate()))
    assert [p.name for p in shown] == sorted(name for name, *_ in PROGRAMMES)
    assert FundingProgramme.objects.count() == len(PROGRAMMES)
    conditions = {p.name: p.conditions.count() for p in shown}
    assert conditions == {name: len(rows) for name, _f, _s, _d, rows in PROGRAMMES}
