"""Sending email in the background: `TASKS_BACKEND=database` queues it for `tenantry
db_worker`; the default in-process backend sends at once."""

from django.tasks import task

from .email import message_of


@task()
def deliver_email(*, to: str, subject: str, text: str, html: str) -> None:
    message_of(to=to, subject=subject, text=text, html=html).send()
