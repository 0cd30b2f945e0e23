"""Sending a newsletter: the task queue's work (`tasks_newsletters.py`), never a request's.

`run` works out the audience once, records a delivery for each recipient (the database's
unique constraints make a second run add nobody twice), then sends the emails `BATCH` at a time
over one connection, each in its recipient's language with a one-click unsubscribe link
(RFC 8058), and finally queues the letters for those without email as a prepared file
(`organisations/prepared.py`), large print where the household needs it and in the household's
language where Tenantry writes it.

Retried or run twice, it sends nobody a second email: each batch is claimed with a row lock
(`skip_locked`, so two workers share the work) and only deliveries still waiting are sent."""

import io
import logging
from collections.abc import Callable
from datetime import date
from itertools import batched
from typing import IO

from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.pdf import pdf_of
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile

from . import permissions as can
from . import selectors_newsletters as selectors
from .newsletters import Delivery, Newsletter
from .services_newsletters import unsubscribe_token

logger = logging.getLogger(__name__)

BATCH = 200  # emails claimed, sent and marked at a time: one transaction each
CREATE_BATCH = 1000  # deliveries inserted per statement
LETTERS_PER_PART = 50  # as surveys/pdf.py: WeasyPrint's memory stays at what fifty letters need
LETTERS = "newsletter-letters"


def unsubscribe_url(*, organisation, resident_id: int) -> str:
    token = unsubscribe_token(organisation_id=organisation.pk, resident_id=resident_id)
    return emails.absolute(
        reverse("reports:newsletter-unsubscribe", args=[organisation.slug, token])
    )


class Content:
    """The newsletter's items as blocks, made once per language and kept for the whole send."""

    def __init__(self, newsletter: Newsletter):
        self.newsletter = newsletter
        self.items = selectors.items_of(newsletter)
        self._blocks: dict[str, list[selectors.Block]] = {}

    def blocks(self, language: str) -> list[selectors.Block]:
        if language not in self._blocks:
            with translation.override(language):
                self._blocks[language] = selectors.blocks_of(self.items)
        return self._blocks[language]


def email_for(
    *, newsletter: Newsletter, content: Content, to: str, name: str, language: str, unsubscribe: str
) -> emails.Email:
    """The newsletter as an email to one person (`core/email.py` renders it)."""
    members = newsletter.audience == Newsletter.Audience.MEMBERS
    return emails.Email(
        to=to,
        name=name,
        template="reports/newsletters/email/newsletter",
        organisation_name=newsletter.organisation.name,
        reason="member" if members else "household",
        language=language,
        context={
            "newsletter": newsletter,
            "blocks": content.blocks(language),
            "unsubscribe_url": unsubscribe,
        },
    )


def message_for(email: emails.Email, unsubscribe: str):
    """The rendered email with its one-click unsubscribe headers (RFC 8058: a POST to the link
    with `List-Unsubscribe=One-Click` unsubscribes without a page or sign-in)."""
    rendered = emails.render(email)
    return emails.message_of(
        to=rendered.to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def create_deliveries(newsletter: Newsletter, today: date) -> None:
    """A delivery for each recipient, once: rows already there (a retry) are kept as they are."""
    audience = selectors.audience_of(newsletter, today)
    rows = [
        Delivery(
            newsletter=newsletter,
            household_id=recipient.household_id,
            resident_id=recipient.resident_id,
            channel=recipient.channel,
            state=(
                Delivery.State.PENDING
                if recipient.channel == Delivery.Channel.EMAIL
                else Delivery.State.PRINT
            ),
            language=recipient.language,
            large_print=recipient.large_print,
        )
        for recipient in audience.recipients
    ]
    Delivery.objects.bulk_create(rows, batch_size=CREATE_BATCH, ignore_conflicts=True)
    Newsletter.objects.filter(pk=newsletter.pk).update(
        recipients=len(rows), opted_out=audience.opted_out, heartbeat_at=timezone.now()
    )


def send_batch(newsletter: Newsletter, content: Content, mailer, size: int = BATCH) -> int:
    """Claim up to `size` waiting emails, send them over `mailer`, mark each sent or failed;
    how many were claimed (0: none left)."""
    with transaction.atomic():
        batch = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                newsletter=newsletter,
                channel=Delivery.Channel.EMAIL,
                state=Delivery.State.PENDING,
            )
            .select_related("resident__user")
            .order_by("pk")[:size]
        )
        if not batch:
            return 0
        now = timezone.now()
        for delivery in batch:
            resident = delivery.resident
            unsubscribe = unsubscribe_url(
                organisation=newsletter.organisation, resident_id=resident.pk
            )
            try:
                message = message_for(
                    email_for(
                        newsletter=newsletter,
                        content=content,
                        to=resident.email,
                        name=resident.name.split(" ")[0],
                        language=delivery.language,
                        unsubscribe=unsubscribe,
                    ),
                    unsubscribe,
                )
                mailer.send_messages([message])
            except Exception as error:  # noqa: BLE001 - one bad address must not stop the rest
                logger.warning("Newsletter %s to delivery %s failed", newsletter.pk, delivery.pk)
                delivery.state = Delivery.State.FAILED
                delivery.error = str(error)[:300]
            else:
                delivery.state = Delivery.State.SENT
                delivery.sent_at = now
        Delivery.objects.bulk_update(batch, ["state", "error", "sent_at"])
        Newsletter.objects.filter(pk=newsletter.pk).update(heartbeat_at=timezone.now())
        return len(batch)


def run(
    newsletter_id: int,
    *,
    mailer=None,
    today: date | None = None,
    prepare: bool = True,
    size: int = BATCH,
) -> None:
    """Send a newsletter that is sending (the task's work). `mailer` is where emails go (the
    site's default mailer unless given: the demo passes Django's in-memory one so nothing
    leaves the machine); `prepare=False` leaves the letters for someone to ask for."""
    newsletter = (
        Newsletter.objects.select_related("organisation", "sent_by")
        .filter(pk=newsletter_id, status=Newsletter.Status.SENDING)
        .first()
    )
    if newsletter is None:
        return  # sent already, or deleted
    create_deliveries(newsletter, today or timezone.localdate())
    content = Content(newsletter)
    mailer = mailer or mailers.default
    mailer.open()
    try:
        while send_batch(newsletter, content, mailer, size):
            pass
    finally:
        mailer.close()
    # Sent once no email waits: another worker still sending a batch it claimed finishes it.
    waiting = Delivery.objects.filter(newsletter=OuterRef("pk"), state=Delivery.State.PENDING)
    finished = Newsletter.objects.filter(
        ~Exists(waiting), pk=newsletter.pk, status=Newsletter.Status.SENDING
    ).update(status=Newsletter.Status.SENT, sent_at=timezone.now(), heartbeat_at=timezone.now())
    if finished and prepare and newsletter.sent_by and selectors.letters_of(newsletter).exists():
        try:
            prepared = prepare_letters(
                newsletter=newsletter,
                by=newsletter.sent_by,
                language=emails.language_for(newsletter.sent_by),
            )
        except Exception:  # noqa: BLE001 - the sender lost their role: anyone else may ask
            logger.info("Letters of newsletter %s left for someone to ask for", newsletter.pk)
        else:
            Newsletter.objects.filter(pk=newsletter.pk).update(letters_file=prepared)


# --- Letters ----------------------------------------------------------------------------------


def letters_pdf(
    *, newsletter: Newsletter, deliveries: list[Delivery], content: Content, kept: bool = False
) -> bytes:
    """A PDF of the newsletter as a letter to each of `deliveries`, each in its language and in
    large print (18 point, the RNIB's clear print guidance) where the household needs it;
    `kept` as `pdf_of` keeps it."""
    letters = []
    for delivery in deliveries:
        with translation.override(delivery.language):
            letters.append(
                render_to_string(
                    "reports/newsletters/pdf/_letter.html",
                    {
                        "newsletter": newsletter,
                        "organisation": newsletter.organisation,
                        "name": delivery.resident.name if delivery.resident else "",
                        "address": delivery.household.home.postal_address,
                        "blocks": content.blocks(delivery.language),
                        "large": delivery.large_print,
                        "today": timezone.localdate(),
                    },
                )
            )
    return pdf_of(
        render_to_string(
            "reports/newsletters/pdf/letters.html", {"newsletter": newsletter, "letters": letters}
        ),
        kept=kept,
    )


def sample_letter(*, newsletter: Newsletter, large: bool, language: str) -> bytes:
    """One letter as it would be printed, to a made-up household: for the preview."""
    from tenantry.homes.models import Home, Household, Resident

    household = Household(home=Home(address=_("1 Example Street"), postcode="AB1 2CD"))
    delivery = Delivery(
        newsletter=newsletter,
        household=household,
        resident=Resident(name=_("Sam Example")),
        channel=Delivery.Channel.LETTER,
        language=language,
        large_print=large,
    )
    # Everyone previewing the same newsletter on the same day sees the same letter: laid out once.
    return letters_pdf(
        newsletter=newsletter, deliveries=[delivery], content=Content(newsletter), kept=True
    )


def write_letters(
    *,
    newsletter: Newsletter,
    out: IO[bytes],
    progress: Callable[[int, int], None] | None = None,
    per_part: int = LETTERS_PER_PART,
) -> int:
    """Every letter of the newsletter, in address order, written to `out` as one PDF made
    `per_part` letters at a time; how many letters."""
    from pypdf import PdfWriter

    ids = list(selectors.letters_of(newsletter).values_list("pk", flat=True))
    content = Content(newsletter)
    joined = PdfWriter()
    done = 0
    for part in batched(ids, per_part):
        by_pk = Delivery.objects.select_related("resident", "household__home").in_bulk(part)
        pdf = letters_pdf(
            newsletter=newsletter, deliveries=[by_pk[pk] for pk in part], content=content
        )
        joined.append(io.BytesIO(pdf))
        done += len(part)
        if progress is not None:
            progress(done, len(ids))
    joined.write(out)
    return done


def prepare_letters(*, newsletter: Newsletter, by: User, language: str) -> PreparedFile:
    """Queue the newsletter's letters as a file prepared in the background for `by`."""
    return files.prepare(
        organisation=newsletter.organisation,
        kind=LETTERS,
        title=_("Letters for %(newsletter)s") % {"newsletter": newsletter.title},
        filename=f"newsletter-{newsletter.pk}-letters.pdf",
        params={
            "newsletter": newsletter.pk,
            "back": reverse(
                "reports:newsletter", args=[newsletter.organisation.slug, newsletter.pk]
            ),
        },
        by=by,
        language=language,
    )


def _write_prepared(prepared: PreparedFile, out: IO[bytes], progress: files.Progress) -> None:
    newsletter = (
        Newsletter.objects.select_related("organisation")
        .filter(organisation=prepared.organisation, pk=prepared.params["newsletter"])
        .first()
    )
    if newsletter is None:
        raise ValidationError(
            _("The newsletter has been deleted, so there are no letters to print.")
        )
    if not selectors.letters_of(newsletter).exists():
        raise ValidationError(
            _("Everyone gets this newsletter by email, so there are no letters to print.")
        )
    write_letters(newsletter=newsletter, out=out, progress=progress)


def register() -> None:
    files.register(
        files.Kind(
            slug=LETTERS,
            rule=can.can_send_newsletters,
            write=_write_prepared,
            content_type="application/pdf",
            counted=gettext_noop("%(done)s of %(total)s letters written"),
        )
    )
