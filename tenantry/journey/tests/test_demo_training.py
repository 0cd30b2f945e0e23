"""The demo's training programme: the network's courses, sessions held and to come, the two
e-learning modules, and committee@example.org's record with certificates; made once."""

import pytest

from tenantry.core.tests.factories import UserFactory
from tenantry.demo.journey_training import COURSES, add_demo_training
from tenantry.demo.network import add_demo_network
from tenantry.demo.training_modules import MODULES
from tenantry.journey.models import Course, Module, Session
from tenantry.journey.selectors_training import training_record
from tenantry.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_programme_is_made_once_and_committee_has_certificates():
    add_demo_network()
    for slug in ("kingsmead-tmo", "brookfield-tmc", "marsh-lane-emb"):
        OrganisationFactory(slug=slug)
    committee = UserFactory(email="committee@example.org", name="Patrick Kelly")

    add_demo_training()
    add_demo_training()

    assert Course.objects.count() == len(COURSES)
    assert Module.objects.filter(published=True).count() == len(MODULES)
    assert Course.objects.filter(accredited=True).exclude(awarding_body="").count() == 1
    assert Session.objects.count() == 10
    record = training_record(committee)
    assert len(record.attended) == 2
    assert {c.module.slug for c in record.completed} == {m["slug"] for m in MODULES}
    assert len(record.upcoming) == 1
