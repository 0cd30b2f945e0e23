"""Reads about organisations worth naming, starting with who may see what."""

import json
from collections import defaultdict
from datetime import date

from django.db.models import (
    DateField,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from tenantry.core.history import Change, changes
from tenantry.core.models import User
from tenantry.core.permissions import Role, Roles

from .models import AuditEntry, ManagementAgreement, Organisation, RoleAssignment


def roles_in(*, user: User, organisation: Organisation) -> Roles:
    """The roles `user` holds in `organisation`, directly or through its landlord (one query)."""
    if not user.is_authenticated:
        return frozenset()
    roles: set[str] = {Role.SITE_ADMIN} if user.is_superuser else set()
    reachable = [organisation.pk] + ([organisation.landlord_id] if organisation.landlord_id else [])
    for org_id, role in RoleAssignment.objects.filter(
        user=user, organisation_id__in=reachable
    ).values_list("organisation_id", "role"):
        if org_id == organisation.pk:
            roles.add(role)
        elif role == Role.LANDLORD_OFFICER:
            # A landlord's officers monitor every organisation it works with.
            roles.add(Role.LANDLORD_OFFICER)
    return frozenset(roles)


def holders_of(*, organisation: Organisation, role: str) -> QuerySet[User]:
    """The people who hold a role directly in an organisation (not through its landlord)."""
    return User.objects.filter(
        role_assignments__organisation=organisation, role_assignments__role=role
    ).distinct()


def organisations_of(*, user: User) -> list[tuple[Organisation, Roles]]:
    """Each organisation where `user` holds a role directly, with those roles, by name."""
    by_org: dict[int, set[str]] = defaultdict(set)
    assignments = RoleAssignment.objects.filter(user=user).select_related("organisation")
    orgs = {}
    for assignment in assignments:
        orgs[assignment.organisation_id] = assignment.organisation
        by_org[assignment.organisation_id].add(assignment.role)
    return sorted(
        ((orgs[pk], frozenset(roles)) for pk, roles in by_org.items()), key=lambda x: x[0].name
    )


ADMIN_LIST_SHOWN = 100  # a search narrows a longer list


def organisations_matching(*, search: str) -> tuple[list[Organisation], int]:
    """For a site administrator: organisations whose name holds `search` (all when empty), by
    landlord then name, at most ADMIN_LIST_SHOWN of them, and how many match in all."""
    found = Organisation.objects.select_related("landlord").order_by(
        Coalesce("landlord__name", "name"), "landlord_id", "name"
    )
    if search.strip():
        found = found.filter(name__icontains=search.strip())
    return list(found[:ADMIN_LIST_SHOWN]), found.count()


def organisations_working_with(*, landlord: Organisation) -> QuerySet[Organisation]:
    """The organisations a landlord has delegated services to or works with."""
    return (
        Organisation.objects.filter(Q(landlord=landlord) | Q(agreements__landlord=landlord))
        .exclude(pk=landlord.pk)
        .distinct()
        .order_by("name")
    )


def agreements_of(*, organisation: Organisation) -> QuerySet[ManagementAgreement]:
    """Agreements where the organisation is either party, newest first."""
    return ManagementAgreement.objects.filter(
        Q(organisation=organisation) | Q(landlord=organisation)
    ).select_related("landlord", "organisation")


def current_agreement(*, organisation: Organisation, on) -> ManagementAgreement | None:
    """The agreement under which the organisation manages homes on a given day, if any."""
    return (
        ManagementAgreement.objects.in_force(on)
        .filter(organisation=organisation)
        .select_related("landlord")
        .order_by("-starts_on")
        .first()
    )


def services_delegated_to(*, organisation: Organisation, on: date | None = None) -> frozenset[str]:
    """The services (`DelegatedService` values) the organisation runs under the agreements in
    force on the day, today by default. A landlord has none delegated to it: it runs its own.
    An organisation loaded `with_services_delegated` for that day answers without a query."""
    on = on or timezone.localdate()
    if getattr(organisation, "delegated_on", None) == on:
        # Each agreement's list of services, as JSON text, joined by commas.
        lists = json.loads(f"[{organisation.delegated_services or ''}]")
        return frozenset(service for services in lists for service in services or ())
    delegated: set[str] = set()
    for services in (
        ManagementAgreement.objects.in_force(on)
        .filter(organisation=organisation)
        .values_list("services", flat=True)
    ):
        delegated.update(services or ())
    return frozenset(delegated)


def with_services_delegated(
    organisations: QuerySet[Organisation], *, on: date
) -> QuerySet[Organisation]:
    """The organisations, each carrying the services delegated to it on the day, so that
    `services_delegated_to` (and the menu, which asks it on every page) needs no query."""
    lists = (
        ManagementAgreement.objects.in_force(on)
        .filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(lists=StringAgg(Cast("services", TextField()), delimiter=Value(",")))
        .values("lists")
    )
    return organisations.annotate(
        delegated_services=Subquery(lists, output_field=TextField()),
        delegated_on=Value(on, output_field=DateField()),
    )


def changes_to(*, organisation: Organisation, limit: int = 100) -> list[Change]:
    """The audit trail of an organisation, newest first: its details and its agreements (from
    their history) merged with the entries `audit.record_change` wrote. Three queries."""
    records = list(
        organisation.history.select_related("history_user").order_by("-history_date")[:limit]
    ) + list(
        ManagementAgreement.history.filter(
            Q(organisation_id=organisation.pk) | Q(landlord_id=organisation.pk)
        )
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    entries = AuditEntry.objects.filter(organisation=organisation).select_related("by")
    audited = [
        Change(
            when=entry.at,
            who=str(entry.by) if entry.by else "Tenantry",
            what=entry.what,
            action=entry.action if entry.action in _OWN_WORDS else entry.get_action_display(),
            detail=entry.detail,
        )
        for entry in entries.order_by("-at", "-pk")[:limit]
    ]
    merged = changes(records, limit=limit) + audited
    merged.sort(key=lambda change: change.when, reverse=True)
    return merged[:limit]


# The history's own words for these; the other actions are shown as the entry names them.
_OWN_WORDS = {AuditEntry.Action.CREATED, AuditEntry.Action.CHANGED, AuditEntry.Action.DELETED}
