"""Who may see and work on one tenant group's journey: an object-aware rule, the one home for
it, used by the group's pages and services alike."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404

from tenantry.core.models import User
from tenantry.organisations.selectors import roles_in

from . import permissions as can
from .models import Group, GroupMembership


def can_work_on_group(user: User | None, group: Group) -> bool:
    """The group's own people (`GroupMembership`), and those who follow up groups in the
    group's network. A network adviser sees only its own network's groups."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if GroupMembership.objects.filter(group=group, user=user).exists():
        return True
    return can.can_follow_up_groups(roles_in(user=user, organisation=group.network))


def group_view(view):
    """Resolve `<group>` to a group the user may work on; anyone else finds no such page."""

    @wraps(view)
    def wrapped(request, group: int, *args, **kwargs):
        found = get_object_or_404(Group.objects.select_related("network"), pk=group)
        if not can_work_on_group(request.user, found):
            raise Http404
        request.group = found
        return view(request, *args, **kwargs)

    return wrapped
