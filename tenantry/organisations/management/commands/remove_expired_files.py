"""`tenantry remove_expired_files`: delete the prepared files kept past their days.

Files are also removed after every file made; run this from cron where few are made, so that
letters with residents' codes do not stay on disc longer than `PREPARED_FILES_KEEP_DAYS`."""

from django.core.management.base import BaseCommand

from tenantry.organisations.prepared import remove_expired


class Command(BaseCommand):
    help = "Delete prepared files asked for more than PREPARED_FILES_KEEP_DAYS days ago."

    def handle(self, *args, **options) -> None:
        removed = remove_expired()
        self.stdout.write(f"{removed} prepared file{'s' if removed != 1 else ''} removed")
