"""Every change to an organisation's public page. Each checks permission with `require`, runs in
a transaction, saves with `full_clean()` and records who did it in the organisation's history.

A change needs no cache clearing: the cached page is kept under the page's `updated_at`
(`public.cache_key`), so the next reader after a change gets the new page."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require

from . import permissions as can
from .models import PublicPage

Action = AuditEntry.Action

TEXTS = ("introduction", "how_to_join", "how_to_complain")


def _page_for_update(organisation: Organisation) -> PublicPage:
    page = PublicPage.objects.select_for_update().filter(organisation=organisation).first()
    return page or PublicPage(organisation=organisation)


def _missing_texts(page: PublicPage) -> dict[str, str]:
    messages = {
        "introduction": _("Enter who you are and what you do: a published page needs it"),
        "how_to_join": _("Enter how to join: a published page needs it"),
        "how_to_complain": _("Enter how to complain: a published page needs it"),
    }
    return {name: message for name, message in messages.items() if not getattr(page, name)}


def _save(page: PublicPage, by: User | None) -> None:
    page.updated_by = by
    page.full_clean()
    page.save()


@transaction.atomic
def save_public_page(
    *,
    organisation: Organisation,
    introduction: str,
    how_to_join: str,
    how_to_complain: str,
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    show_contact: bool = False,
    by: User | None,
) -> PublicPage:
    """Write the public page's texts. A published page changes at once."""
    require(can.can_keep_public_page, user=by, organisation=organisation)
    page = _page_for_update(organisation)
    creating = page.pk is None
    page.introduction = introduction.strip()
    page.how_to_join = how_to_join.strip()
    page.how_to_complain = how_to_complain.strip()
    page.contact_email = contact_email.strip()
    page.contact_phone = contact_phone.strip()
    page.contact_address = contact_address.strip()
    page.show_contact = show_contact
    if show_contact and not (page.contact_email or page.contact_phone or page.contact_address):
        raise ValidationError(
            {"contact_email": _("Enter an email, a phone number or an address to show")}
        )
    if page.published and (missing := _missing_texts(page)):
        raise ValidationError(missing)
    _save(page, by)
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CREATED if creating else Action.CHANGED,
        what=_("Public page"),
    )
    return page


@transaction.atomic
def publish_public_page(*, organisation: Organisation, by: User | None) -> PublicPage:
    """Let anyone read the organisation's public page, without signing in."""
    require(can.can_keep_public_page, user=by, organisation=organisation)
    page = _page_for_update(organisation)
    if page.pk is None or not page.is_ready:
        raise ValidationError(
            _("Write who you are, how to join and how to complain, and save, before you publish.")
        )
    if not page.published:
        page.published = True
        page.published_at = page.published_at or timezone.now()
        _save(page, by)
        record_change(organisation=organisation, by=by, action=Action.OPENED, what=_("Public page"))
    return page


@transaction.atomic
def unpublish_public_page(*, organisation: Organisation, by: User | None) -> PublicPage | None:
    """Take the public page down; its texts are kept to publish again."""
    require(can.can_keep_public_page, user=by, organisation=organisation)
    page = _page_for_update(organisation)
    if page.pk is not None and page.published:
        page.published = False
        _save(page, by)
        record_change(organisation=organisation, by=by, action=Action.CLOSED, what=_("Public page"))
    return page if page.pk else None
