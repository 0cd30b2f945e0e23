"""Reads of a person's groups worth naming: the way to each group's journey tracker."""

from tenantry.core.models import User
from tenantry.organisations.models import Organisation

from .access import can_work_on_group
from .models import Group


def journey_of(*, organisation: Organisation, user: User) -> Group | None:
    """The group whose journey led to `organisation`, if `user` may work on it."""
    group = Group.objects.filter(organisation=organisation).select_related("network").first()
    if group is None or not can_work_on_group(user, group):
        return None
    return group
