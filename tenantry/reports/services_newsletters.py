"""Every change to a newsletter: writing it, its items, sending it, its letters, and what a
resident asks for from the link in one. Each checks permission (`require`), runs in a
transaction and records who acted (`record_change`)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.democracy.models import Meeting
from tenantry.indicators.models import Result
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation, PreparedFile
from tenantry.organisations.permissions import require
from tenantry.reviews.models import ImprovementPlan

from . import permissions as can
from .newsletters import Newsletter, NewsletterItem, NewsletterPreference

Action = AuditEntry.Action

# The unsubscribe link works for about two years: longer than anyone keeps a newsletter, short
# enough that a link found in an old mailbox does not act for ever.
UNSUBSCRIBE_MAX_AGE = 2 * 365 * 24 * 3600
_SALT = "tenantry.newsletters.unsubscribe"


def _draft(newsletter: Newsletter) -> None:
    if newsletter.status != Newsletter.Status.DRAFT:
        raise ValidationError(_("This newsletter has been sent, so it cannot be changed."))


def _what(newsletter: Newsletter) -> str:
    return str(_("Newsletter: %(title)s") % {"title": newsletter.title})


@transaction.atomic
def save_newsletter(*, newsletter: Newsletter, by: User | None) -> Newsletter:
    """Start a newsletter, or change a draft's title, introduction or audience."""
    require(can.can_compose_newsletters, user=by, organisation=newsletter.organisation)
    created = newsletter.pk is None
    if not created:
        _draft(Newsletter.objects.select_for_update().get(pk=newsletter.pk))
    else:
        newsletter.created_by = by
    newsletter.full_clean()
    newsletter.save()
    record_change(
        organisation=newsletter.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=_what(newsletter),
    )
    return newsletter


def _check_picked(item: NewsletterItem, organisation: Organisation) -> None:
    """What an item picks belongs to the newsletter's organisation, and the item has what its
    kind needs."""
    Kind = NewsletterItem.Kind
    errors = {}
    if item.kind == Kind.TEXT and not item.body.strip():
        errors["body"] = _("Enter the text of the item")
    if item.kind == Kind.FIGURE and (
        item.result is None or item.result.organisation_id != organisation.pk
    ):
        errors["result"] = _("Choose a figure")
    if item.kind == Kind.MEETING and (
        item.meeting is None or item.meeting.organisation_id != organisation.pk
    ):
        errors["meeting"] = _("Choose a meeting")
    if item.kind == Kind.PLAN and (
        item.plan is None or item.plan.review.organisation_id != organisation.pk
    ):
        errors["plan"] = _("Choose an improvement plan")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_item(
    *,
    newsletter: Newsletter,
    kind: str,
    by: User | None,
    heading: str = "",
    body: str = "",
    result: Result | None = None,
    meeting: Meeting | None = None,
    plan: ImprovementPlan | None = None,
) -> NewsletterItem:
    """Add an item at the end of a draft."""
    require(can.can_compose_newsletters, user=by, organisation=newsletter.organisation)
    # The row lock numbers items added at the same moment one after another.
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    _draft(locked)
    last = locked.items.aggregate(last=Max("position"))["last"] or 0
    item = NewsletterItem(
        newsletter=locked,
        position=last + 1,
        kind=kind,
        heading=heading.strip(),
        body=body.strip(),
        result=result,
        meeting=meeting,
        plan=plan,
    )
    _check_picked(item, newsletter.organisation)
    item.full_clean()
    item.save()
    record_change(
        organisation=newsletter.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(newsletter),
        detail=str(_("Item added: %(item)s") % {"item": item.get_kind_display()}),
    )
    return item


@transaction.atomic
def remove_item(*, item: NewsletterItem, by: User | None) -> None:
    """Take an item out of a draft."""
    newsletter = item.newsletter
    require(can.can_compose_newsletters, user=by, organisation=newsletter.organisation)
    _draft(Newsletter.objects.select_for_update().get(pk=newsletter.pk))
    item.delete()
    record_change(
        organisation=newsletter.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(newsletter),
        detail=str(_("Item removed: %(item)s") % {"item": item.get_kind_display()}),
    )


@transaction.atomic
def move_item_up(*, item: NewsletterItem, by: User | None) -> None:
    """Swap an item with the one before it."""
    newsletter = item.newsletter
    require(can.can_compose_newsletters, user=by, organisation=newsletter.organisation)
    _draft(Newsletter.objects.select_for_update().get(pk=newsletter.pk))
    items = list(newsletter.items.order_by("position", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    if index == 0:
        return
    items[index - 1], items[index] = items[index], items[index - 1]
    for position, each in enumerate(items, start=1):
        each.position = position
    NewsletterItem.objects.bulk_update(items, ["position"])
    record_change(
        organisation=newsletter.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(newsletter),
        detail=str(_("Items put in a new order")),
    )


def send_newsletter(*, newsletter: Newsletter, by: User | None, queue: bool = True) -> bool:
    """Start sending a draft to its audience: the work is queued for the task queue, so the
    request does nothing per recipient. True when this call started it; False when it was
    already sending or sent (a second click, or two people at once), which sends nothing more.
    `queue=False` leaves the work to the caller (the demo runs it with an in-memory mailer)."""
    require(can.can_send_newsletters, user=by, organisation=newsletter.organisation)
    with transaction.atomic():
        # The row lock makes "draft → sending" happen once: a second request waits here, then
        # sees the newsletter sending and leaves without queueing anything.
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if locked.status != Newsletter.Status.DRAFT:
            return False
        if not locked.intro.strip() and not locked.items.exists():
            raise ValidationError(_("Add an introduction or an item before sending."))
        now = timezone.now()
        locked.status = Newsletter.Status.SENDING
        locked.sent_by = by
        locked.send_started_at = now
        locked.heartbeat_at = now
        locked.save(update_fields=["status", "sent_by", "send_started_at", "heartbeat_at"])
        record_change(
            organisation=locked.organisation,
            by=by,
            action=Action.SENT,
            what=_what(locked),
            detail=str(locked.get_audience_display()),
        )
        from .tasks_newsletters import send_newsletter_task

        if queue:
            transaction.on_commit(lambda: send_newsletter_task.enqueue(newsletter_id=locked.pk))
    newsletter.refresh_from_db()
    return True


def is_stalled(newsletter: Newsletter, now: datetime | None = None) -> bool:
    """Whether a sending newsletter's task has shown no sign of life (a batch done) for
    `PREPARED_FILES_STALE_SECONDS`: its worker died, or none has picked it up."""
    if newsletter.status != Newsletter.Status.SENDING:
        return False
    beat = newsletter.heartbeat_at or newsletter.send_started_at
    limit = timedelta(seconds=settings.PREPARED_FILES_STALE_SECONDS)
    return beat is None or (now or timezone.now()) - beat > limit


def carry_on_sending(*, newsletter: Newsletter, by: User | None) -> bool:
    """Queue a stalled send again. The work is idempotent: whoever already got it is skipped."""
    require(can.can_send_newsletters, user=by, organisation=newsletter.organisation)
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if not is_stalled(locked):
            return False
        locked.heartbeat_at = timezone.now()
        locked.save(update_fields=["heartbeat_at"])
        record_change(
            organisation=locked.organisation,
            by=by,
            action=Action.SENT,
            what=_what(locked),
            detail=str(_("Sending started again after it stopped")),
        )
        from .tasks_newsletters import send_newsletter_task

        transaction.on_commit(lambda: send_newsletter_task.enqueue(newsletter_id=locked.pk))
    return True


def prepare_letters(*, newsletter: Newsletter, by: User, language: str) -> PreparedFile:
    """Queue the PDF of the newsletter's letters for `by`; its file's page follows the work."""
    from . import sending_newsletters

    return sending_newsletters.prepare_letters(newsletter=newsletter, by=by, language=language)


# --- Unsubscribing ----------------------------------------------------------------------------


def unsubscribe_token(*, organisation_id: int, resident_id: int) -> str:
    """The signed token of a resident's unsubscribe link for one organisation's newsletters."""
    return signing.dumps([organisation_id, resident_id], salt=_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, int] | None:
    """(organisation id, resident id) from a token, or None when it is bad or too old."""
    try:
        organisation_id, resident_id = signing.loads(token, salt=_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(organisation_id), int(resident_id)


@transaction.atomic
def choose_newsletters(
    *, organisation: Organisation, resident_id: int, choice: str
) -> NewsletterPreference | None:
    """Record what a resident asked for from the link in a newsletter: no newsletters, or post
    instead of email. The signed link is the authority, so there is no sign-in; asking twice
    changes nothing more. A personal choice, like email settings: no history entry."""
    if choice not in NewsletterPreference.Choice.values:
        raise ValidationError({"choice": _("Choose how you want to get newsletters")})
    from tenantry.homes.models import Resident

    if not Resident.objects.filter(pk=resident_id).exists():
        return None
    preference, _created = NewsletterPreference.objects.update_or_create(
        organisation=organisation,
        resident_id=resident_id,
        defaults={"choice": choice, "changed_at": timezone.now()},
    )
    return preference
