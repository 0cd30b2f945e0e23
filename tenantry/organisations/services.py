"""Every change to organisations, agreements and roles. Views, admin and commands call these."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from tenantry.core.models import User

from .models import ManagementAgreement, Organisation, RoleAssignment


def _save(obj, *, by: User | None) -> None:
    obj.full_clean()
    obj._history_user = by  # django-simple-history records who made the change
    obj.save()


@transaction.atomic
def create_organisation(*, by: User | None, **fields) -> Organisation:
    """Register an organisation (a landlord, or one that works with a landlord)."""
    organisation = Organisation(**fields)
    _save(organisation, by=by)
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, by: User | None, **fields) -> Organisation:
    """Change an organisation's details; the history keeps the earlier version."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    _save(organisation, by=by)
    return organisation


@transaction.atomic
def create_agreement(
    *,
    by: User | None,
    landlord: Organisation,
    organisation: Organisation,
    title: str,
    services: list[str],
    management_allowance: Decimal,
    starts_on: date,
    ends_on: date | None = None,
    notes: str = "",
) -> ManagementAgreement:
    """Record a management agreement between a landlord and an organisation."""
    agreement = ManagementAgreement(
        landlord=landlord,
        organisation=organisation,
        title=title,
        services=sorted(services),
        management_allowance=management_allowance,
        starts_on=starts_on,
        ends_on=ends_on,
        notes=notes,
    )
    _save(agreement, by=by)
    return agreement


@transaction.atomic
def update_agreement(
    *, agreement: ManagementAgreement, by: User | None, **fields
) -> ManagementAgreement:
    """Vary an agreement; the history keeps every earlier version."""
    if "services" in fields:
        fields["services"] = sorted(fields["services"])
    for name, value in fields.items():
        setattr(agreement, name, value)
    _save(agreement, by=by)
    return agreement


@transaction.atomic
def assign_role(*, user: User, organisation: Organisation, role: str) -> RoleAssignment:
    """Give a person a role in an organisation (idempotent)."""
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return assignment
