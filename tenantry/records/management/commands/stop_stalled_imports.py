from django.core.management.base import BaseCommand

from tenantry.records.imports.services import stop_stalled_imports


class Command(BaseCommand):
    help = (
        "Mark as stopped every import whose worker has given no sign of life for "
        "IMPORT_STALLED_AFTER_SECONDS (its server restarted or was killed): nothing of it was "
        "saved, and its page then says so and offers to start it again. Run it every few "
        "minutes (cron or a systemd timer); the import pages apply the same rule when viewed."
    )

    def handle(self, *args, **options):
        stopped = stop_stalled_imports()
        for run in stopped:
            self.stdout.write(f"Stopped import {run.pk} ({run}) of {run.organisation_id}.")
        if options["verbosity"] >= 1:
            self.stdout.write(f"{len(stopped)} stalled imports stopped.")
