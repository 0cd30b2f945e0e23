"""The demo's two journeys: Hollybank waiting for the council's answer with the deadline near,
Weavers Row an organisation with its ballot scheduled; made once, whatever made the groups."""

import pytest
from django.utils import timezone

from tenantry.demo.journey_tracker import HOLLYBANK, WEAVERS, add_demo_journey_trackers
from tenantry.demo.network import add_demo_network
from tenantry.journey import services_tracker as tracker
from tenantry.journey import timelimits
from tenantry.journey.models import Group, Stage
from tenantry.organisations.tests.factories import LandlordFactory

pytestmark = pytest.mark.django_db


def test_the_demo_journeys(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LandlordFactory(slug="northbrook-council", name="Northbrook Borough Council")
    network = add_demo_network()
    # A group the other demo module made already is used, not made twice.
    Group.objects.create(
        network=network,
        name=HOLLYBANK,
        area="Hollybank",
        homes=212,
        landlord_name="Northbrook Borough Council",
        contact_name="Grace Obi",
        contact_email="group@example.org",
    )

    add_demo_journey_trackers()
    add_demo_journey_trackers()

    hollybank = Group.objects.get(name=HOLLYBANK)
    assert hollybank.stage == Stage.LANDLORD_ANSWER
    found = timelimits.deadlines(tracker.milestone_dates(hollybank), timezone.localdate())
    assert [d.state for d in found if d.limit.key == "council_answer"] == ["due_soon"]
    assert hollybank.tasks.count() == 3 and hollybank.documents.count() == 1
    assert hollybank.memberships.get().user.email == "group@example.org"
    assert hollybank.eligibility_checks.get().outcome == "passed"

    weavers = Group.objects.get(name=WEAVERS)
    assert weavers.organisation.slug == "weavers-row"
    assert weavers.stage == Stage.BALLOT
    assert [b.status for b in tracker.group_ballots(weavers)] == ["draft"]
    assert Group.objects.count() == 2
