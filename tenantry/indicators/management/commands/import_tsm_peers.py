from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenantry.core.periods import financial_year
from tenantry.indicators.peers import PeerWorkbookError, import_peer_workbook, read_peer_workbook


class Command(BaseCommand):
    help = (
        "Load the Regulator of Social Housing's TSM Full Data workbook for one year as peer data "
        "for benchmarking, replacing that year's. All or nothing. See docs/indicators.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the workbook, as published (.xlsx)")
        parser.add_argument(
            "--year", required=True, help='the year it reports, e.g. "2024/25" (April to March)'
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check the file, change nothing"
        )

    def handle(self, *args, file: Path, year: str, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            year_label = financial_year(year).label
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            if dry_run:
                _, _, summary = read_peer_workbook(file, year_label=year_label)
            else:
                summary = import_peer_workbook(file, year_label=year_label)
        except PeerWorkbookError as error:
            raise CommandError(
                f"{file.name} was not imported:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from None
        for line in summary.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
