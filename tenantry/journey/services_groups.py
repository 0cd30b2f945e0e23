"""Every change to a tenant group's record: registering interest (public, no account),
confirming the contact's email, and the network's follow-up — an adviser, contacts, stages,
closing and reopening, and inviting the contact to Tenantry.

Each follow-up change checks `can_follow_up_groups` on the group's network (`require`), runs in
a transaction, validates before saving (`save_checked`, so simple-history names who did it) and
records the change in the network's audit log (`record_change`). Registering has no one to
check: it is the public's, and its spam checks are the view's (journey/spam.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, DelegatedService, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import holders_of

from . import permissions as can
from .models import ClosedReason, ContactHow, ContactNote, Group, GroupMembership, Stage

Action = AuditEntry.Action
CONFIRM_SALT = "journey.group.confirm-email"


# --- registering interest ------------------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    """What someone typed on the public form."""

    name: str
    area: str
    homes: int
    landlord_name: str
    contact_name: str
    contact_email: str
    consent_to_contact: bool
    landlord: Organisation | None = None
    already_does: str = ""
    services_wanted: tuple[str, ...] = ()
    contact_phone: str = ""
    heard_from: str = ""


@transaction.atomic
def register_interest(*, network: Organisation, interest: Interest, language: str = "") -> Group:
    """A new group on the network's list, and an email to its contact to confirm the address."""
    if not network.is_network:
        raise ValidationError({"network": _("Choose a network from the list")})
    if not interest.consent_to_contact:
        raise ValidationError(
            {"consent_to_contact": _("Agree to the network contacting you to send the form")}
        )
    if interest.landlord is not None and not interest.landlord.is_landlord:
        raise ValidationError({"landlord": _("Choose a landlord from the list")})
    unknown = set(interest.services_wanted) - set(DelegatedService.values)
    if unknown:
        raise ValidationError({"services_wanted": _("Choose services from the list")})
    group = Group(
        network=network,
        name=interest.name.strip(),
        area=interest.area.strip(),
        homes=interest.homes,
        landlord_name=interest.landlord_name.strip(),
        landlord=interest.landlord,
        already_does=interest.already_does.strip(),
        services_wanted=list(interest.services_wanted),
        contact_name=interest.contact_name.strip(),
        contact_email=User.objects.normalize_email(interest.contact_email.strip()),
        contact_phone=interest.contact_phone.strip(),
        consent_to_contact=True,
        heard_from=interest.heard_from,
    )
    save_checked(group, None)
    record_change(
        organisation=network,
        by=None,
        action=Action.CREATED,
        what=f"Tenant group {group.name}: interest registered",
    )
    emails.send(
        [
            emails.Email(
                to=group.contact_email,
                name=group.contact_name,
                language=emails.language_for(None, language),
                template="journey/email/confirm_interest",
                organisation_name=network.name,
                reason="registered_interest",
                context={
                    "group_name": group.name,
                    "confirm_url": emails.absolute(
                        reverse("journey:confirm-email", args=[confirmation_token(group)])
                    ),
                    "days": settings.JOURNEY_CONFIRM_EMAIL_DAYS,
                },
            )
        ]
    )
    return group


def confirmation_token(group: Group) -> str:
    """A signed, expiring token naming the group and the address it confirms (a changed
    address makes an old link useless)."""
    return signing.dumps({"group": group.pk, "email": group.contact_email}, salt=CONFIRM_SALT)


class Confirmed:
    NOW = "confirmed"
    ALREADY = "already"
    EXPIRED = "expired"
    INVALID = "invalid"


@transaction.atomic
def confirm_email(token: str) -> tuple[str, Group | None]:
    """Confirm the contact's address from the link in their email. The first time, the
    network's advisers are told a new group is waiting; again, nothing more happens."""
    max_age = timedelta(days=settings.JOURNEY_CONFIRM_EMAIL_DAYS)
    try:
        found = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return Confirmed.EXPIRED, None
    except signing.BadSignature:
        return Confirmed.INVALID, None
    if not isinstance(found, dict):
        return Confirmed.INVALID, None
    group = (
        Group.objects.select_for_update()
        .filter(pk=found.get("group"), contact_email=found.get("email"))
        .first()
    )
    if group is None:
        return Confirmed.INVALID, None
    if group.email_confirmed_at is not None:
        return Confirmed.ALREADY, group
    group.email_confirmed_at = timezone.now()
    save_checked(group, None)
    record_change(
        organisation=group.network,
        by=None,
        action=Action.CHANGED,
        what=f"Tenant group {group.name}: email address confirmed",
    )
    network = Organisation.objects.get(pk=group.network_id)
    url = emails.absolute(reverse("network:group", args=[network.slug, group.pk]))
    emails.send(
        emails.Email.to_user(
            adviser,
            template="journey/email/group_waiting",
            organisation_name=network.name,
            reason="network_adviser",
            context={"group": group, "url": url},
        )
        for adviser in holders_of(organisation=network, role=Role.STAFF)
        if emails.wants(adviser, "network_adviser")
    )
    return Confirmed.NOW, group


# --- the network's follow-up ---------------------------------------------------------------------


def _locked(group: Group, by: User | None) -> Group:
    """The group, locked for the change, once `by` may follow up its network's groups; two
    advisers changing it at once are applied one after the other."""
    require(can.can_follow_up_groups, user=by, organisation=group.network)
    return Group.objects.select_for_update().select_related("network").get(pk=group.pk)


def advisers_of(network: Organisation):
    """Who may be a group's adviser: the network's staff."""
    return holders_of(organisation=network, role=Role.STAFF).order_by("name", "pk")


@transaction.atomic
def assign_adviser(*, group: Group, adviser: User | None, by: User | None) -> Group:
    """Give the group one of its network's advisers (or none)."""
    group = _locked(group, by)
    if adviser is not None and not advisers_of(group.network).filter(pk=adviser.pk).exists():
        raise ValidationError({"adviser": _("Choose one of the network's advisers")})
    group.adviser = adviser
    save_checked(group, by)
    record_change(
        organisation=group.network,
        by=by,
        action=Action.CHANGED,
        what=f"Tenant group {group.name}: adviser",
        detail=str(adviser) if adviser else "none",
    )
    return group


@transaction.atomic
def record_contact(*, group: Group, on: date, how: str, note: str, by: User | None) -> ContactNote:
    group = _locked(group, by)
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date of the contact must be today or in the past")})
    if how not in ContactHow.values:
        raise ValidationError({"how": _("Choose how you were in contact")})
    if not note.strip():
        raise ValidationError({"note": _("Enter what was said or agreed")})
    contact = ContactNote(group=group, on=on, how=how, note=note.strip(), recorded_by=by)
    save_checked(contact, by)
    record_change(
        organisation=group.network,
        by=by,
        action=Action.CREATED,
        what=f"Tenant group {group.name}: contact recorded",
    )
    return contact


@transaction.atomic
def move_stage(*, group: Group, stage: str, by: User | None) -> Group:
    """Move an open group to a stage of the journey (any, forwards or back)."""
    group = _locked(group, by)
    if not group.is_open:
        raise ValidationError(_("Reopen the group before moving it to another stage"))
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose a stage from the list")})
    group.stage = stage
    save_checked(group, by)
    record_change(
        organisation=group.network,
        by=by,
        action=Action.CHANGED,
        what=f"Tenant group {group.name}: stage",
        detail=stage,
    )
    return group


@transaction.atomic
def close_group(*, group: Group, reason: str, note: str = "", by: User | None) -> Group:
    """Close an open group, with a reason and a note."""
    group = _locked(group, by)
    if not group.is_open:
        raise ValidationError(_("The group is already closed"))
    if reason not in ClosedReason.values:
        raise ValidationError({"reason": _("Choose why the group is closed")})
    group.closed_at = timezone.now()
    group.closed_reason = reason
    group.closed_note = note.strip()
    save_checked(group, by)
    record_change(
        organisation=group.network,
        by=by,
        action=Action.CLOSED,
        what=f"Tenant group {group.name}",
        detail=reason,
    )
    return group


@transaction.atomic
def reopen_group(*, group: Group, by: User | None) -> Group:
    """Open a closed group again at the stage it had; its reason for closing is cleared."""
    group = _locked(group, by)
    if group.is_open:
        raise ValidationError(_("The group is open already"))
    group.closed_at = None
    group.closed_reason = ""
    group.closed_note = ""
    save_checked(group, by)
    record_change(
        organisation=group.network,
        by=by,
        action=Action.OPENED,
        what=f"Tenant group {group.name}: reopened",
    )
    return group


@transaction.atomic
def invite_contact(*, group: Group, by: User | None) -> GroupMembership:
    """An account for the group's contact (or their existing one), a place in the group, and
    an email with the link to sign in (with an emailed code: no password needed)."""
    group = _locked(group, by)
    if group.email_confirmed_at is None:
        raise ValidationError(_("The contact has not confirmed their email address yet"))
    if not group.is_open:
        raise ValidationError(_("Reopen the group before inviting its contact"))
    email = User.objects.normalize_email(group.contact_email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # No password: they sign in with an emailed code until they choose to set one.
        user = User.objects.create_user(email=email, name=group.contact_name)
    membership, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if not created:
        raise ValidationError(_("The contact is already a member of the group on Tenantry"))
    record_change(
        organisation=group.network,
        by=by,
        action=Action.CHANGED,
        what=f"Tenant group {group.name}: contact invited to Tenantry",
    )
    emails.send(
        [
            emails.Email.to_user(
                user,
                template="journey/email/invited",
                organisation_name=group.network.name,
                reason="group_invited",
                context={
                    "group_name": group.name,
                    "by_name": by.name if by else group.network.name,
                    "sign_in_url": emails.absolute(
                        f"{reverse('account_login')}?next={reverse('journey:my-groups')}"
                    ),
                },
            )
        ]
    )
    return membership
