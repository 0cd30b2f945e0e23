"""`tenantry remind-evidence-requests`: run each day (cron, or the task scheduler) so a landlord
hears when a scrutiny panel's request for evidence is past its due day."""

from django.core.management.base import BaseCommand

from tenantry.scrutiny.evidence_services import remind_late_evidence_requests


class Command(BaseCommand):
    help = "Email landlords about scrutiny panels' evidence requests that are late."

    def handle(self, *args, **options) -> None:
        reminded = remind_late_evidence_requests()
        self.stdout.write(f"{reminded} late evidence requests reminded")
