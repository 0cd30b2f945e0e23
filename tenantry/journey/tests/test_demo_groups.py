"""The demo's tenant groups: at the network, at several stages, made once, with the group
contact's login a member of Hollybank."""

import pytest

from tenantry.core.models import User
from tenantry.demo.journey_groups import GROUP_NAME, GROUPS, add_demo_groups
from tenantry.demo.network import add_demo_network
from tenantry.journey.models import ContactNote, FundingProgramme, Group, GroupMembership

pytestmark = pytest.mark.django_db


def test_the_demo_groups_are_made_once_at_several_stages():
    network = add_demo_network()

    add_demo_groups()
    add_demo_groups()

    groups = Group.objects.filter(network=network)
    assert groups.count() == len(GROUPS)
    assert groups.values("stage").distinct().count() >= 4
    assert groups.filter(closed_at__isnull=False, closed_reason="not_now").count() == 1
    assert groups.filter(email_confirmed_at__isnull=True).count() == 1
    assert groups.filter(adviser__email="adviser@example.org").count() >= 4
    assert ContactNote.objects.filter(group__network=network).exists()
    grace = User.objects.get(email="group@example.org")
    assert grace.check_password("tenantry-demo")
    assert GroupMembership.objects.get(user=grace).group.name == GROUP_NAME
    assert FundingProgramme.objects.filter(organisation=network).count() == 2
