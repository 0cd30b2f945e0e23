"""The demo's directory: three published pages, and Hollybank's three visits, made once."""

import pytest

from tenantry.demo.journey_directory import GROUP, add_demo_directory
from tenantry.demo.network import add_demo_network
from tenantry.journey.models import Profile, VisitState
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_three_pages_and_hollybank_has_three_visits_once():
    for slug, kind in (
        ("kingsmead-tmo", Organisation.Kind.TMO),
        ("brookfield-tmc", Organisation.Kind.TMC),
        ("marsh-lane-emb", Organisation.Kind.EMB),
    ):
        AgreementFactory(organisation__slug=slug, organisation__kind=kind)
    network = add_demo_network()

    add_demo_directory()
    add_demo_directory()

    assert Profile.objects.filter(published_at__isnull=False).count() == 3
    group = network.journey_groups.get(name=GROUP)
    visits = {v.host.slug: v for v in group.visits.select_related("host")}
    assert visits["kingsmead-tmo"].state == VisitState.REQUESTED
    assert visits["marsh-lane-emb"].state == VisitState.OFFERED
    assert visits["marsh-lane-emb"].dates.count() == 3
    done = visits["brookfield-tmc"]
    assert done.state == VisitState.CONFIRMED and done.host_showed and done.group_learnt
    assert group.memberships.get().user.email == "group@example.org"
