import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenantry.core.models import User
from tenantry.surveys.contractor_import import import_responses
from tenantry.surveys.models import Survey


class Command(BaseCommand):
    help = (
        "Import a survey contractor's CSV or XLSX file, one row per respondent, into a survey: "
        "every row or none. See docs/survey-results.md for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("survey_id", type=int, help="the survey's number (in its address)")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and count what would be added"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=CODE",
            help="match a column header to a question code or to reference, estate, mode, "
            "language, date, stock_type or household (repeat for each column)",
        )
        parser.add_argument("--by", default="", help="email of the person importing (optional)")

    def handle(self, *args, survey_id, file, dry_run, map, by, **options):
        survey = Survey.objects.select_related("organisation").filter(pk=survey_id).first()
        if survey is None:
            raise CommandError(f"There is no survey number {survey_id}.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        mapping = {}
        for pair in map:
            header, sep, target = pair.rpartition("=")
            if not sep or not header.strip() or not target.strip():
                raise CommandError(f"--map {pair!r} is not HEADER=CODE.")
            mapping[header.strip()] = target.strip()
        user = None
        if by:
            user = User.objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(f"No one signs in as {by!r}.")
        started = time.monotonic()
        with file.open("rb") as stream:
            outcome = import_responses(
                survey=survey,
                stream=stream,
                filename=file.name,
                by=user,
                mapping=mapping,
                dry_run=dry_run,
            )
        seconds = time.monotonic() - started
        if not outcome.accepted:
            self.stdout.write("line\tcolumn\tproblem")
            for problem in outcome.problems:
                self.stdout.write(f"{problem.line or '-'}\t{problem.column}\t{problem.reason}")
            if outcome.problem_count > len(outcome.problems):
                self.stdout.write(
                    f"… and {outcome.problem_count - len(outcome.problems):,} more problems."
                )
            noun = "problem" if outcome.problem_count == 1 else "problems"
            raise CommandError(
                f"{file.name} was not imported: {outcome.problem_count:,} {noun} in "
                f"{outcome.rows:,} rows. Nothing was changed."
            )
        notes = []
        if outcome.already:
            notes.append(f"{outcome.already:,} already imported")
        if outcome.skipped_answers:
            notes.append(f"{outcome.skipped_answers:,} answers to questions skipped left out")
        if outcome.blanked:
            notes.append(f"{outcome.blanked:,} don't-know answers left blank")
        extra = f" ({'; '.join(notes)})" if notes else ""
        if dry_run:
            message = (
                f"Checked {file.name} for “{survey}”: {outcome.rows:,} rows read; it would add "
                f"{outcome.created:,} responses{extra}. Nothing was changed ({seconds:.1f}s)."
            )
        else:
            message = (
                f"Imported {file.name} into “{survey}”: {outcome.rows:,} rows read, "
                f"{outcome.created:,} responses added{extra} ({seconds:.1f}s)."
            )
        self.stdout.write(self.style.SUCCESS(message))
