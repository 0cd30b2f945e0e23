"""`tenantry lapse-memberships`: run each day (cron, or the task scheduler) so a membership whose
tenancy ended lapses on the day it ended, whatever recorded the end."""

from django.core.management.base import BaseCommand

from tenantry.democracy.services import lapse_ended_tenancies


class Command(BaseCommand):
    help = "Lapse the memberships of households whose tenancy has ended."

    def handle(self, *args, **options) -> None:
        lapsed = lapse_ended_tenancies()
        self.stdout.write(f"{lapsed} memberships lapsed")
