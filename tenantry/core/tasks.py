"""Sending email in the background: `TASKS_BACKEND=database` queues it for `tenantry
db_worker`; the default in-process backend sends at once."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def deliver_email(*, to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[to],
        # Tells mail servers and out-of-office replies that no person sent this (RFC 3834).
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
