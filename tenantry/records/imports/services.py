"""Every change around an import: starting a run, matching columns, saving a mapping, running.

The upload page, the mapping page, the background task and `tenantry import` all go through
these, so an import behaves the same wherever it is started.
"""

import logging
from collections.abc import Callable
from typing import IO

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenantry.core.figures import number_text
from tenantry.core.models import User
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from ..changes import records_changed
from ..models import ImportMapping, ImportRun
from ..permissions import can_import_records
from ..selectors.keeping import may_keep_records_of, not_kept_because
from .engine import Matched, Outcome, import_file, match_columns
from .heartbeat import Heartbeat, is_stalled
from .readers import FileProblem, open_table
from .specs import SPECS

logger = logging.getLogger(__name__)


def read_header(*, run: ImportRun) -> list[str]:
    """The stored file's header row (raises FileProblem if it cannot be read)."""
    with run.file.open("rb") as stream:
        table = open_table(stream, run.filename)
        table.rows.close()
        return table.header


def check_may_import(*, organisation: Organisation, kind: str) -> None:
    """Refuse a kind of record the organisation is not responsible for under its agreement."""
    if not may_keep_records_of(organisation=organisation, kind=kind):
        raise ValidationError(
            not_kept_because(organisation=organisation, kind=kind, doing="import"), code="not_kept"
        )


def match_file(*, run: ImportRun, columns: dict[str, str] | None) -> Matched:
    """How the file's headers fit the kind's columns, with `columns` as the mapping."""
    return match_columns(SPECS[run.kind], run.headers, columns)


@transaction.atomic
def start_import(
    *,
    organisation: Organisation,
    kind: str,
    upload: UploadedFile,
    by: User | None,
    columns: dict[str, str] | None = None,
    dry_run: bool = False,
    language: str = "en-gb",
) -> ImportRun:
    """Keep the uploaded file and queue its import, or ask for its columns to be matched first
    when its headers are not the ones Tenantry expects (and no saved mapping fits)."""
    require(can_import_records, user=by, organisation=organisation)
    check_may_import(organisation=organisation, kind=kind)
    run = ImportRun(
        organisation=organisation,
        kind=kind,
        filename=upload.name[:255],
        columns=columns or {},
        dry_run=dry_run,
        by=by,
        language=language,
    )
    run.file.save(upload.name, upload, save=False)
    try:
        run.headers = read_header(run=run)[:500]
    except FileProblem as problem:
        run.file.delete(save=False)
        raise ValidationError(str(problem)) from None
    matched = match_file(run=run, columns=columns)
    run.status = ImportRun.Status.MAPPING if matched.problems else ImportRun.Status.QUEUED
    run.save()
    if run.status == ImportRun.Status.QUEUED:
        _enqueue(run)
    return run


@transaction.atomic
def choose_columns(
    *, run: ImportRun, columns: dict[str, str], by: User | None, save_as: str = ""
) -> ImportRun:
    """The person has matched their headers to ours: remember it (under a name if asked),
    and queue the import."""
    require(can_import_records, user=by, organisation=run.organisation)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportRun.Status.MAPPING:
        raise ValidationError(_("This import has already started."))
    check_may_import(organisation=run.organisation, kind=run.kind)
    if save_as:
        save_mapping(
            organisation=run.organisation, kind=run.kind, name=save_as, columns=columns, by=by
        )
    run.columns = columns
    run.status = ImportRun.Status.QUEUED
    run.save(update_fields=["columns", "status"])
    _enqueue(run)
    return run


@transaction.atomic
def save_mapping(
    *, organisation: Organisation, kind: str, name: str, columns: dict[str, str], by: User | None
) -> ImportMapping:
    """Save (or replace) a source's column mapping under a name."""
    require(can_import_records, user=by, organisation=organisation)
    mapping, _created = ImportMapping.objects.update_or_create(
        organisation=organisation,
        kind=kind,
        name=name,
        defaults={"columns": columns, "created_by": by},
    )
    return mapping


def _enqueue(run: ImportRun) -> None:
    from .tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(run.pk))


def progress_cache_key(run_id: int) -> str:
    return f"import-progress:{run_id}"


def live_progress(run: ImportRun) -> tuple[int, int | None] | None:
    """(rows done, rows expected) of a running import, from the shared cache, if it is there."""
    return cache.get(progress_cache_key(run.pk))


class _ProgressWriter:
    """Writes a run's progress where the run's page can read it while the import's own
    transaction is still open: in the cache (shared between processes when REDIS_URL is set)
    and, on PostgreSQL, in the run's row through a second connection. SQLite allows one
    writer at a time, so there the row learns the counts when the import finishes."""

    def __init__(self, run: ImportRun):
        self.run_id = run.pk
        self.other = connection.copy() if connection.vendor == "postgresql" else None

    def __call__(self, done: int, total: int | None) -> None:
        cache.set(progress_cache_key(self.run_id), (done, max(total or 0, done)), 3600)
        if self.other is None:
            return
        with self.other.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportRun._meta.db_table} SET rows_done = %s, rows_total = %s "
                "WHERE id = %s",
                [done, max(total or 0, done), self.run_id],
            )

    def close(self) -> None:
        cache.delete(progress_cache_key(self.run_id))
        if self.other is not None:
            self.other.close()


def execute_run(
    *,
    run: ImportRun,
    stream: IO[bytes] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    progress_every: int = 10_000,
) -> Outcome:
    """Run a queued import (or check) and record what it did; the stored upload is deleted
    once it has been read, so residents' data is not kept twice."""
    run.status, run.started_at = ImportRun.Status.RUNNING, timezone.now()
    run.heartbeat_at = run.started_at
    run.save(update_fields=["status", "started_at", "heartbeat_at"])
    writer = _ProgressWriter(run)

    def on_progress(done: int, total: int | None) -> None:
        writer(done, total)
        if progress is not None:
            progress(done, total)

    def still_running() -> bool:
        # Inside the import's transaction, just before it commits: stamping the row locks it
        # until the commit, so the run cannot be taken for stopped while its rows are saved.
        stamp = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING)
        return stamp.update(heartbeat_at=timezone.now()) == 1

    try:
        with translation.override(run.language), Heartbeat(run):
            owned = stream is None
            stream = stream or run.file.open("rb")
            try:
                outcome = import_file(
                    kind=run.kind,
                    stream=stream,
                    filename=run.filename,
                    organisation=run.organisation,
                    columns=run.columns or None,
                    dry_run=run.dry_run,
                    progress=on_progress,
                    progress_every=progress_every,
                    by=run.by,
                    still_running=still_running,
                )
            finally:
                if owned:
                    stream.close()
    except Exception:
        logger.exception("Import %s failed", run.pk)
        run.status, run.finished_at = ImportRun.Status.FAILED, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        raise
    finally:
        writer.close()
    if outcome.stopped:  # taken for stopped while it ran (stop_if_stalled): rolled back
        run.status, run.finished_at = ImportRun.Status.STOPPED, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        return outcome
    run.status = ImportRun.Status.DONE if outcome.accepted else ImportRun.Status.REJECTED
    run.rows_done = run.rows = outcome.rows
    run.rows_total = max(run.rows_total or 0, outcome.rows)
    run.created, run.updated, run.unchanged = outcome.created, outcome.updated, outcome.unchanged
    run.error_count, run.errors = outcome.error_count, outcome.errors
    run.finished_at = timezone.now()
    if run.file:
        run.file.delete(save=False)
    with transaction.atomic():
        run.save()
        if outcome.accepted and not run.dry_run:
            _audit(run, outcome)  # one entry for the run, never one per row
            if outcome.created or outcome.updated:
                # Any date may have been touched: every period's figures are recalculated.
                records_changed(organisation=run.organisation, kind=run.kind, since=None)
    return outcome


def stop_if_stalled(*, run: ImportRun, now=None) -> bool:
    """Mark a run whose worker has died (heartbeat.is_stalled) as stopped; True if it was.

    Marked only if its heartbeat has not moved since it was read, so an import that gives a
    sign of life meanwhile (or is committing: see execute_run) is left running.
    """
    now = now or timezone.now()
    if not is_stalled(run, now=now):
        return False
    marked = ImportRun.objects.filter(
        pk=run.pk, status=ImportRun.Status.RUNNING, heartbeat_at=run.heartbeat_at
    ).update(status=ImportRun.Status.STOPPED, finished_at=now)
    if marked:
        logger.warning("Import %s stopped before it finished (no sign of life)", run.pk)
        run.status, run.finished_at = ImportRun.Status.STOPPED, now
        cache.delete(progress_cache_key(run.pk))
    else:
        run.refresh_from_db()
    return bool(marked)


def stop_stalled_imports(*, now=None) -> list[ImportRun]:
    """Every running import whose worker has died, marked stopped (the periodic sweep)."""
    now = now or timezone.now()
    running = ImportRun.objects.filter(status=ImportRun.Status.RUNNING).defer("errors", "headers")
    return [run for run in running if stop_if_stalled(run=run, now=now)]


@transaction.atomic
def restart_import(*, run: ImportRun, by: User | None) -> ImportRun:
    """Start a stopped import again from the file it kept, as a new run."""
    require(can_import_records, user=by, organisation=run.organisation)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportRun.Status.STOPPED or not run.file:
        raise ValidationError(_("This import cannot be started again: upload the file again."))
    check_may_import(organisation=run.organisation, kind=run.kind)
    again = ImportRun.objects.create(
        organisation=run.organisation,
        kind=run.kind,
        file=run.file.name,  # the stored upload passes to the new run
        filename=run.filename,
        headers=run.headers,
        columns=run.columns,
        dry_run=run.dry_run,
        by=by,
        language=run.language,
        status=ImportRun.Status.QUEUED,
    )
    run.file = ""
    run.save(update_fields=["file"])
    _enqueue(again)
    return again


def _audit(run: ImportRun, outcome: Outcome) -> None:
    with translation.override(run.language):
        detail = _(
            "%(rows)s rows: %(created)s new, %(updated)s changed, %(unchanged)s unchanged"
        ) % {
            "rows": number_text(outcome.rows),
            "created": number_text(outcome.created),
            "updated": number_text(outcome.updated),
            "unchanged": number_text(outcome.unchanged),
        }
    record_change(
        organisation=run.organisation,
        by=run.by,
        action=Action.IMPORTED,
        what=str(run),
        detail=detail,
    )


@transaction.atomic
def change_mapping(
    *, mapping: ImportMapping, name: str, columns: dict[str, str], by: User | None
) -> ImportMapping:
    """Rename a saved column mapping and change which header fills which column."""
    require(can_import_records, user=by, organisation=mapping.organisation)
    name = name.strip()
    taken = (
        ImportMapping.objects.filter(
            organisation_id=mapping.organisation_id, kind=mapping.kind, name=name
        )
        .exclude(pk=mapping.pk)
        .exists()
    )
    if taken:
        raise ValidationError({"name": _name_taken(mapping, name)})
    mapping.name, mapping.columns = name, columns
    # The name's uniqueness is checked above in words; the constraint still guards a race.
    mapping.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            mapping.save(update_fields=["name", "columns", "updated_at"])
    except IntegrityError:
        raise ValidationError({"name": _name_taken(mapping, name)}) from None
    return mapping


def _name_taken(mapping: ImportMapping, name: str) -> str:
    return _(
        "There is already a saved mapping called “%(name)s” for this kind of file "
        "(%(kind)s). Choose another name."
    ) % {"kind": mapping.get_kind_display(), "name": name}


def delete_mapping(*, mapping: ImportMapping, by: User | None) -> None:
    """Forget a saved column mapping; imports already made with it are not affected."""
    require(can_import_records, user=by, organisation=mapping.organisation)
    mapping.delete()
