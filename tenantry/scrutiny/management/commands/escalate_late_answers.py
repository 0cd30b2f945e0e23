"""`tenantry escalate_late_answers`: run each day (cron, or the task queue's
`scrutiny.tasks.escalate_late_answers`) so a landlord's late answers to a panel's report reach
its senior officer the day after they fall due, once."""

from django.core.management.base import BaseCommand

from tenantry.scrutiny.report_services import escalate_late_answers


class Command(BaseCommand):
    help = "Email the landlord's senior officer about scrutiny reports whose answers are late."

    def handle(self, *args, **options) -> None:
        sent = escalate_late_answers()
        self.stdout.write(f"{sent} late answers escalated")
