"""The daily escalation of late answers, on Django's tasks framework (like `deliver_email`)."""

from django.tasks import task

from .report_services import escalate_late_answers as escalate


@task()
def escalate_late_answers() -> int:
    return escalate()
