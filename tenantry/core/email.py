"""Every email Tenantry sends, and what each person chooses to receive.

One way to send: a service builds `Email`s and calls `send`. Each is rendered from three
templates (`<name>_subject.txt`, `<name>_message.txt` and `<name>_message.html`, allauth's
naming, extending `core/email/base.*`) in the
recipient's language, names the organisation it is from in the subject and the body, says why
the person got it and links to their Email settings, and is handed to the task queue
(`settings.TASKS`) only once the change that caused it is committed — so a change that is
rolled back sends nothing.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import User

# Why a person got an email: said at the foot of every one, in their language.
REASONS = {
    "sign_in": _("You got this email because someone asked to sign in with this address."),
    "added": _("You got this email because you were given a role in %(organisation)s."),
    "my_cases": _(
        "You got this email because you asked for updates on the repairs and complaints you "
        "report to %(organisation)s."
    ),
    "member": _("You got this email because you are a member of %(organisation)s."),
    "new_reports": _(
        "You got this email because you work for %(organisation)s and asked to hear about "
        "new reports from residents."
    ),
    "evidence_request": _(
        "You got this email because %(organisation)s asked your organisation, its landlord, "
        "for evidence."
    ),
    "landlord_officer": _(
        "You got this email because you are an officer of the landlord %(organisation)s works with."
    ),
    "registered_interest": _(
        "You got this email because someone registered a tenant group's interest with "
        "%(organisation)s and gave this address."
    ),
    "network_adviser": _(
        "You got this email because you follow up tenant groups for %(organisation)s."
    ),
    "group_invited": _(
        "You got this email because %(organisation)s invited you to follow your tenant "
        "group's journey on Tenantry."
    ),
    "training": _(
        "You got this email because you booked, or were booked, on a training session run by "
        "%(organisation)s."
    ),
    "senior_officer": _(
        "You got this email because %(organisation)s's terms of reference name you as the "
        "landlord's senior officer to whom late answers are escalated."
    ),
    "visit_host": _(
        "You got this email because you are on the committee or staff of %(organisation)s, "
        "which welcomes visits from tenant groups."
    ),
    "visit_group": _(
        "You got this email because you work on a tenant group's visit to %(organisation)s."
    ),
    "household": _("You got this email because you live in a home %(organisation)s looks after."),
}

# What a person may choose to receive, and the field on `User` that holds their choice. Sign-in
# codes and being given a role are always sent: they are what the person asked for or must know.
TOPICS = {
    "my_cases": "emails_about_my_cases",
    "new_reports": "emails_about_new_reports",
}


def wants(user: User | None, topic: str) -> bool:
    """Whether a person has an address and has not turned this kind of email off."""
    if user is None or not user.is_active or not user.email:
        return False
    return topic not in TOPICS or getattr(user, TOPICS[topic])


def language_for(user: User | None, fallback: str | None = None) -> str:
    """The language to write to someone in: their choice, else `fallback` (the language they
    are using the site in, for an email they asked for just now), else the site's default."""
    supported = {code for code, _name in settings.LANGUAGES}
    for code in (user.language if user else "", fallback or ""):
        if code in supported:
            return code
        if code and code.split("-")[0] in supported:
            return code.split("-")[0]
    return settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    """A link that works from an email, which is read outside any request."""
    return f"{settings.SITE_URL}{path}"


@dataclass
class Email:
    """One email to one person: which templates, what goes in them, and why they get it."""

    to: str
    template: str
    organisation_name: str
    reason: str
    context: dict = field(default_factory=dict)
    language: str = settings.LANGUAGE_CODE
    name: str = ""

    @classmethod
    def to_user(cls, user: User, *, fallback_language: str | None = None, **kwargs) -> "Email":
        return cls(
            to=user.email,
            name=user.get_short_name() if user.name else "",
            language=language_for(user, fallback_language),
            **kwargs,
        )


@dataclass(frozen=True)
class Rendered:
    to: str
    subject: str
    text: str
    html: str
    language: str


def render(email: Email) -> Rendered:
    """The subject, plain text and HTML of an email, in the recipient's language."""
    with translation.override(email.language):
        reason = REASONS[email.reason] % {"organisation": email.organisation_name}
        context = {
            **email.context,
            "organisation_name": email.organisation_name,
            "recipient_name": email.name,
            "reason": reason,
            "settings_url": absolute(reverse("email-settings")),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "LANGUAGE_CODE": email.language,
        }
        subject = " ".join(render_to_string(f"{email.template}_subject.txt", context).split())
        return Rendered(
            to=email.to,
            # The organisation first, so the sender is plain before the email is opened.
            subject=f"{email.organisation_name}: {subject}",
            text=_tidy(render_to_string(f"{email.template}_message.txt", context)),
            html=render_to_string(f"{email.template}_message.html", context),
            language=email.language,
        )


def _tidy(text: str) -> str:
    """Plain text as a person would type it: one blank line between paragraphs, a list's
    items together, no spaces at line ends (templates leave all three behind)."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n\s*\n(?=- )", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def message_of(
    *, to: str, subject: str, text: str, html: str, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    """A rendered email as it is handed to the mail server, with `headers` added (a
    newsletter's `List-Unsubscribe`)."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[to],
        # Tells mail servers and out-of-office replies that no person sent this (RFC 3834).
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


def send(emails: Iterable[Email]) -> None:
    """Queue the emails once the current transaction commits (at once outside one)."""
    emails = list(emails)
    if emails:
        transaction.on_commit(lambda: send_now(emails))


def send_now(emails: Iterable[Email]) -> None:
    """Queue emails that answer a request and wait on no change (a sign-in code)."""
    from .tasks import deliver_email

    for email in emails:
        message = render(email)
        deliver_email.enqueue(
            to=message.to, subject=message.subject, text=message.text, html=message.html
        )


@transaction.atomic
def change_email_settings(
    *,
    user: User,
    by: User,
    language: str,
    emails_about_my_cases: bool,
    emails_about_new_reports: bool,
) -> User:
    """A person chooses their own email language and what they receive; nobody else can."""
    if by.pk != user.pk:
        raise PermissionDenied
    user.language = language
    user.emails_about_my_cases = emails_about_my_cases
    user.emails_about_new_reports = emails_about_new_reports
    user.full_clean(exclude=["password"])
    user.save(update_fields=["language", "emails_about_my_cases", "emails_about_new_reports"])
    return user
