"""Every change to organisations, agreements and roles. Views, admin and commands call these."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.permissions import Role

from . import permissions as can
from .audit import Action, record_change, save_checked
from .models import ManagementAgreement, Organisation, RoleAssignment
from .permissions import require, roles_grantable_in


@transaction.atomic
def create_organisation(*, by: User | None, **fields) -> Organisation:
    """Register an organisation (a landlord, or one that works with a landlord)."""
    landlord = fields.get("landlord")
    if landlord is not None:
        require(can.can_create_organisation, user=by, organisation=landlord)
    elif by is not None and not by.is_superuser:
        raise PermissionDenied  # only the site's administrators register a landlord
    organisation = Organisation(**fields)
    save_checked(organisation, by=by)
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, by: User | None, **fields) -> Organisation:
    """Change an organisation's details; the history keeps the earlier version."""
    require(can.can_edit_organisation, user=by, organisation=organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    save_checked(organisation, by=by)
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
    require(can.can_manage_agreements, user=by, organisation=organisation)
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
    save_checked(agreement, by=by)
    return agreement


@transaction.atomic
def update_agreement(
    *, agreement: ManagementAgreement, by: User | None, **fields
) -> ManagementAgreement:
    """Vary an agreement; the history keeps every earlier version."""
    require(can.can_manage_agreements, user=by, organisation=agreement.organisation)
    if "services" in fields:
        fields["services"] = sorted(fields["services"])
    for name, value in fields.items():
        setattr(agreement, name, value)
    save_checked(agreement, by=by)
    return agreement


@transaction.atomic
def assign_role(
    *, user: User, organisation: Organisation, role: str, by: User | None = None
) -> RoleAssignment:
    """Give a person a role in an organisation (idempotent)."""
    require(can.can_manage_people, user=by, organisation=organisation)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        record_change(
            organisation=organisation, by=by, action=Action.ROLE_GIVEN, what=_role_named(assignment)
        )
    return assignment


def _role_named(assignment: RoleAssignment) -> str:
    return _("%(name)s as %(role)s") % {
        "name": str(assignment.user),
        "role": assignment.get_role_display(),
    }


@transaction.atomic
def add_person(
    *, organisation: Organisation, email: str, name: str, role: str, by: User, sign_in_url: str
) -> RoleAssignment:
    """Give someone a role, creating their account if they have none, and tell them by email."""
    require(can.can_manage_people, user=by, organisation=organisation)
    if role not in roles_grantable_in(is_landlord=organisation.is_landlord):
        raise ValidationError(_("That role cannot be given in this organisation."))
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # No password: they sign in with an emailed code until they choose to set one.
        user = User.objects.create_user(email=email, name=name)
    if RoleAssignment.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError(_("%(name)s already has that role.") % {"name": user.name})
    assignment = assign_role(user=user, organisation=organisation, role=role, by=by)
    emails.send(
        [
            emails.Email.to_user(
                user,
                template="organisations/email/added",
                organisation_name=organisation.name,
                reason="added",
                context={
                    "by_name": by.name,
                    "role": Role(assignment.role).label,
                    "sign_in_url": sign_in_url,
                },
            )
        ]
    )
    return assignment


@transaction.atomic
def remove_role(*, assignment: RoleAssignment, by: User) -> None:
    """Take a role away; the person keeps their account and any other roles."""
    require(can.can_manage_people, user=by, organisation=assignment.organisation)
    if assignment.user_id == by.pk and assignment.role == Role.COMMITTEE:
        # Stops a committee locking itself out by accident; another member can do it.
        raise ValidationError(_("Ask another committee member to remove your own committee role."))
    record_change(
        organisation=assignment.organisation,
        by=by,
        action=Action.ROLE_REMOVED,
        what=_role_named(assignment),
    )
    assignment.delete()
