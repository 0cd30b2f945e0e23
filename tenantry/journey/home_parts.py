"""What the journey adds to a network's home page: its open groups at each stage, those waiting
for an adviser and those whose contact has not yet confirmed their email. The reports app's
overview reads `network_work_part`."""

from django.db.models import Count, Q

from tenantry.core.permissions import Roles
from tenantry.organisations.models import Organisation

from .models import Group
from .permissions import can_follow_up_groups
from .selectors_groups import stage_counts


def network_work_part(*, organisation: Organisation, roles: Roles) -> dict | None:
    """None outside a network or for someone who does not follow up its groups (two queries)."""
    if not organisation.is_network or not can_follow_up_groups(roles):
        return None
    open_groups = Group.objects.filter(network=organisation, closed_at__isnull=True)
    counts = open_groups.aggregate(
        waiting=Count("pk", filter=Q(adviser__isnull=True)),
        unconfirmed=Count("pk", filter=Q(email_confirmed_at__isnull=True)),
    )
    stages = stage_counts(organisation)
    return {
        "stages": stages,
        "open": sum(n for _stage, _label, n in stages),
        "waiting": counts["waiting"],
        "unconfirmed": counts["unconfirmed"],
    }
