"""The journey's menu entries. At a network's address: following up its groups and keeping its
grant programmes (a network has no homes). At an organisation in control: its directory page
and the visits groups ask of it. Anywhere, for those who run it: the organisation's training."""

from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def is_network(organisation: Organisation) -> bool:
    return organisation.is_network


def in_control(organisation: Organisation) -> bool:
    """Only an organisation that runs services has a directory page and hosts visits."""
    return organisation.kind in Organisation.MANAGING_KINDS


def waiting_groups(organisation: Organisation) -> int:
    """Open groups with no adviser yet: shown beside the menu entry (one query)."""
    from .models import Group

    return Group.objects.filter(
        network=organisation, closed_at__isnull=True, adviser__isnull=True
    ).count()


SECTIONS = [
    Section(
        12,
        _("Tenant groups"),
        "network:groups",
        can.can_follow_up_groups,
        used_by=is_network,
        count=waiting_groups,
    ),
    Section(
        14,
        _("Grant programmes"),
        "network:grants",
        can.can_keep_funding_programmes,
        used_by=is_network,
    ),
    Section(58, _("Training"), "training:courses", can.can_keep_training),
    # After People (90): the organisation's face to groups on the road to tenant control. No
    # count beside it: that would be a query on every page its committee and staff open, and
    # the host hears of each request by email and sees those waiting on the visits page.
    Section(
        95,
        _("Visits and directory"),
        "directory:visits",
        can.can_host_visits,
        used_by=in_control,
    ),
]
