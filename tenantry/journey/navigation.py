"""A network's own menu entries: following up its groups and keeping its grant programmes. A
network has no homes, so these are offered only at a network's address."""

from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def is_network(organisation: Organisation) -> bool:
    return organisation.is_network


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
]
