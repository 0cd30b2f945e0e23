import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenantry.core.models import User
from tenantry.organisations.models import Organisation
from tenantry.records.imports.services import check_may_import, execute_run
from tenantry.records.models import ImportKind, ImportMapping, ImportRun


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file of one kind into one organisation: all rows or none. "
        "See docs/imports.md for each kind's columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="the organisation's short name (slug)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and count what would change"
        )
        parser.add_argument("--mapping", default="", help="a saved column mapping's name")
        parser.add_argument("--by", default="", help="email of the person importing (optional)")
        parser.add_argument(
            "--progress-every", type=int, default=50_000, help="rows between progress lines"
        )

    def handle(self, *args, kind, file, org, dry_run, mapping, by, progress_every, **options):
        organisation = Organisation.objects.select_related("landlord").filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation is called {org!r}.")
        try:
            check_may_import(organisation=organisation, kind=kind)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        columns = None
        if mapping:
            saved = ImportMapping.objects.filter(
                organisation=organisation, kind=kind, name=mapping
            ).first()
            if saved is None:
                raise CommandError(f"{organisation.name} has no {kind} mapping called {mapping!r}.")
            columns = saved.columns
        user = None
        if by:
            user = User.objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(f"No one signs in as {by!r}.")
        run = ImportRun.objects.create(
            organisation=organisation,
            kind=kind,
            filename=str(file)[-255:],
            columns=columns or {},
            dry_run=dry_run,
            by=user,
        )
        started = time.monotonic()

        def progress(done: int, total: int | None) -> None:
            about = f" of about {total:,}" if total and total > done else ""
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stderr.write(f"  {done:,} rows{about} checked ({rate:,.0f} a second)")
            self.stderr.flush()

        with file.open("rb") as stream:
            outcome = execute_run(
                run=run, stream=stream, progress=progress, progress_every=progress_every
            )
        seconds = time.monotonic() - started
        if options["verbosity"] >= 2:
            for phase, spent in outcome.timings.items():
                self.stderr.write(f"  {phase}: {spent:.1f}s")
        counts = (
            f"{outcome.rows:,} rows read, {outcome.created:,} created, "
            f"{outcome.updated:,} updated, {outcome.unchanged:,} unchanged"
        )
        if not outcome.accepted:
            self.stdout.write("line\tcolumn\tproblem")
            for error in outcome.errors:
                self.stdout.write(f"{error['line'] or '-'}\t{error['column']}\t{error['reason']}")
            if outcome.error_count > len(outcome.errors):
                self.stdout.write(
                    f"… and {outcome.error_count - len(outcome.errors):,} more problems."
                )
            raise CommandError(
                f"{file.name} was not imported: {outcome.error_count:,} problems "
                f"in {outcome.rows:,} rows. Nothing was changed."
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Checked {file.name} for {organisation.name}: {outcome.rows:,} rows read; "
                    f"it would create {outcome.created:,}, update {outcome.updated:,} and leave "
                    f"{outcome.unchanged:,} unchanged. Nothing was changed ({seconds:.1f}s)."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {kind} from {file.name} into {organisation.name}: {counts} "
                    f"({seconds:.1f}s)."
                )
            )
