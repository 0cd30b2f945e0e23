"""Reads of tenant groups worth naming: a network's follow-up list, a member's groups."""

from django.db.models import Count, Max, QuerySet

from tenantry.core.models import User
from tenantry.organisations.models import Organisation

from .models import STAGE_ORDER, ContactNote, Group


def followed_up(network: Organisation, *, filters: dict) -> QuerySet[Group]:
    """The network's groups, open ones unless `closed`, narrowed by the list's filters, newest
    first, each with its adviser and its last contact's date (one query a page)."""
    groups = Group.objects.filter(network=network, closed_at__isnull=not filters.get("closed"))
    if filters.get("stage"):
        groups = groups.filter(stage=filters["stage"])
    if filters.get("adviser"):
        groups = groups.filter(adviser_id=filters["adviser"])
    if filters.get("waiting"):
        groups = groups.filter(adviser__isnull=True)
    if filters.get("unconfirmed"):
        groups = groups.filter(email_confirmed_at__isnull=True)
    return (
        groups.select_related("adviser")
        .annotate(last_contact=Max("contact_notes__on"))
        .order_by("-created_at", "-pk")
    )


def stage_counts(network: Organisation) -> list[tuple[str, str, int]]:
    """Each stage with its number of open groups, in the journey's order (one query)."""
    from .models import Stage

    counts = dict(
        Group.objects.filter(network=network, closed_at__isnull=True)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(Stage.choices)
    return [(stage, labels[stage], counts.get(stage, 0)) for stage in STAGE_ORDER]


def contacts_of(group: Group) -> QuerySet[ContactNote]:
    return group.contact_notes.select_related("recorded_by").order_by("-on", "-pk")


def groups_of(user: User, *, open_only: bool = False) -> QuerySet[Group]:
    """The groups a person is a member of (`open_only`: not closed), by name, with networks."""
    if not user.is_authenticated:
        return Group.objects.none()
    groups = Group.objects.filter(memberships__user=user)
    if open_only:
        groups = groups.filter(closed_at__isnull=True)
    return groups.select_related("network").order_by("name", "pk")
