"""Sending newsletters in the background: `TASKS_BACKEND=database` queues the work for
`tenantry db_worker`; the default in-process backend does it as soon as the request commits."""

from django.tasks import task

from . import sending_newsletters


@task()
def send_newsletter_task(*, newsletter_id: int) -> None:
    sending_newsletters.run(newsletter_id)
