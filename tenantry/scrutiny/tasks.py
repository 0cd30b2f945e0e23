"""Background tasks: `TASKS_BACKEND=database` queues them for `tenantry db_worker`; the default
in-process backend runs them at once."""

from django.tasks import task

from .evidence_services import remind_late_evidence_requests
from .report_services import escalate_late_answers as escalate


@task()
def remind_late_evidence() -> int:
    """Remind landlords of the panels' evidence requests that are late (evidence_services)."""
    return remind_late_evidence_requests()


@task()
def escalate_late_answers() -> int:
    """Tell the landlord's senior officer of answers overdue (report_services), once a report."""
    return escalate()
