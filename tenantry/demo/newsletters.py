"""Kingsmead TMO's newsletters: the Autumn 2026 issue, sent to its members (an email to those
with an address, a letter for the others, two members who asked for post or for none), and the
Winter issue still a draft. Sent through the same services and task work as from the pages,
with Django's in-memory mailer, so the demo emails nobody."""

from collections.abc import Callable
from datetime import datetime

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from tenantry.democracy.models import Membership
from tenantry.indicators.selectors import latest_results
from tenantry.organisations.models import Organisation
from tenantry.reports import selectors_newsletters as selectors
from tenantry.reports import sending_newsletters as sending
from tenantry.reports import services_newsletters as services
from tenantry.reports.newsletters import Newsletter, NewsletterItem, NewsletterPreference

SLUG = "kingsmead-tmo"
AUTUMN_SENT = datetime(2026, 10, 2, 10, 30)


def _items(newsletter: Newsletter, entries: list[dict]) -> None:
    for entry in entries:
        services.add_item(newsletter=newsletter, by=None, **entry)


def _picked(organisation: Organisation) -> dict:
    """A satisfaction figure, the next meeting and the newest published plan, where there are."""
    results = latest_results(organisation=organisation)
    figure = next((results[code] for code in ("TP01", "TP02", "RP02") if code in results), None)
    meeting = selectors.meetings_to_pick(organisation, timezone.localdate()).first()
    plan = selectors.plans_to_pick(organisation).first()
    return {"figure": figure, "meeting": meeting, "plan": plan}


def add_demo_newsletters(*, progress: Callable[[str], None] = lambda m: None) -> None:
    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None or organisation.newsletters.exists():
        return
    progress("Newsletters…")
    picked = _picked(organisation)
    # Two members chose from an earlier issue's link: one wants paper, one wants none.
    members = list(
        Membership.objects.current()
        .filter(organisation=organisation)
        .exclude(resident__email="")
        .order_by("pk")
        .values_list("resident_id", flat=True)[:2]
    )
    for resident_id, choice in zip(members, ["post", "none"], strict=False):
        services.choose_newsletters(
            organisation=organisation, resident_id=resident_id, choice=choice
        )

    autumn = services.save_newsletter(
        newsletter=Newsletter(
            organisation=organisation,
            title="Autumn 2026",
            intro=(
                "Welcome to the autumn newsletter. The nights are drawing in: here is what your "
                "committee has been doing, how the services did last year, and where to have "
                "your say."
            ),
            audience=Newsletter.Audience.MEMBERS,
        ),
        by=None,
    )
    entries = [
        {
            "kind": NewsletterItem.Kind.TEXT,
            "heading": "New recycling bins",
            "body": (
                "The new recycling bins for every block arrive in October. Blue lids are for "
                "paper and card; green lids for glass, tins and plastic bottles."
            ),
        }
    ]
    if picked["figure"]:
        entries.append(
            {
                "kind": NewsletterItem.Kind.FIGURE,
                "heading": "How satisfied you are",
                "result": picked["figure"],
            }
        )
    if picked["plan"]:
        entries.append(
            {
                "kind": NewsletterItem.Kind.PLAN,
                "body": (
                    "After our review, this is what we will change, by when, and how you can "
                    "check we did."
                ),
                "plan": picked["plan"],
            }
        )
    if picked["meeting"]:
        entries.append(
            {
                "kind": NewsletterItem.Kind.MEETING,
                "body": "Come and have your say. Tea and biscuits from 6.30.",
                "meeting": picked["meeting"],
            }
        )
    _items(autumn, entries)
    services.send_newsletter(newsletter=autumn, by=None, queue=False)
    before = len(getattr(mail, "outbox", []))
    sending.run(autumn.pk, mailer=EmailBackend(), prepare=False)
    del mail.outbox[before:]  # the in-memory mailer's copies are not kept
    sent = timezone.make_aware(AUTUMN_SENT)
    Newsletter.objects.filter(pk=autumn.pk).update(
        created_at=sent.replace(day=1), send_started_at=sent, sent_at=sent, heartbeat_at=sent
    )
    autumn.deliveries.filter(state="sent").update(sent_at=sent)

    winter = services.save_newsletter(
        newsletter=Newsletter(
            organisation=organisation,
            title="Winter 2026",
            intro="Keeping warm, keeping safe, and what is coming up in the new year.",
            audience=Newsletter.Audience.HOUSEHOLDS,
        ),
        by=None,
    )
    entries = [
        {
            "kind": NewsletterItem.Kind.TEXT,
            "heading": "Damp and mould: tell us early",
            "body": (
                "If you see damp or mould, report it straight away. Since October 2025 the law "
                "says we must look at it within 10 working days."
            ),
        }
    ]
    if picked["meeting"]:
        entries.append({"kind": NewsletterItem.Kind.MEETING, "meeting": picked["meeting"]})
    _items(winter, entries)
    progress(f"{NewsletterPreference.objects.filter(organisation=organisation).count()} choices")
