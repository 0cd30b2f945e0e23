"""Files prepared in the background: letters to print, large downloads.

Work that takes longer than a page should wait for (survey letters for a thousand households,
a workbook of every response) is not done in the web request. The page asks `prepare` for the
file and sends the person to the file's own page, which follows the work and offers the file
when it is ready. A task queue worker (`TASKS_BACKEND=database` and `tenantry db_worker`) makes
it; the default in-process backend makes it as soon as it is asked for.

Each app registers the kinds of file it offers (`register(Kind(...))` in its `AppConfig.ready`):
who may ask for one, and the function that writes it. That function writes to an open file a
part at a time and reports its progress, so memory stays bounded whatever the size; each report
is also the file's heartbeat, and a running file whose heartbeat stops was left by a worker that
died (`is_stale`).

A prepared file belongs to the person who asked for it: anyone else gets a 404, as for a file
that does not exist. Files are removed `PREPARED_FILES_KEEP_DAYS` days after they were asked for.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core.models import User
from tenantry.core.permissions import Roles

from .audit import record_change
from .models import AuditEntry, Organisation, PreparedFile
from .permissions import require

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Kind:
    """A kind of prepared file: who may ask for it (and download it), and how it is written.

    `write(prepared, out, progress)` writes the whole file to `out`, calling `progress(done,
    total)` after each part (at least every few seconds: it is the heartbeat). It raises
    `ValidationError` with a message for the person when the file cannot be made (the survey
    was deleted meanwhile); any other exception is a failure on Tenantry's side."""

    slug: str
    rule: Callable[[Roles], bool]
    write: Callable[[PreparedFile, IO[bytes], Progress], None]
    content_type: str  # "" to take it from the file's name
    # How the page counts the work, with %(done)s and %(total)s: "%(done)s of %(total)s letters".
    counted: str = gettext_noop("%(done)s of %(total)s done")


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.slug] = kind


STOPPED = gettext_noop("The work stopped before the file was ready: the process making it ended.")
FAILED = gettext_noop(
    "Something went wrong on our side while preparing the file. Start it again; if it keeps "
    "happening, tell your site administrator."
)


@transaction.atomic
def prepare(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    filename: str,
    params: dict[str, Any],
    by: User,
    language: str = "en-gb",
) -> PreparedFile:
    """Queue a file to be prepared for `by`; its page follows the work."""
    require(KINDS[kind].rule, user=by, organisation=organisation)
    prepared = PreparedFile.objects.create(
        organisation=organisation,
        requested_by=by,
        kind=kind,
        title=title[:300],
        filename=filename[:255],
        params=params,
        language=language,
    )
    record_change(
        organisation=organisation,
        by=by,
        action=AuditEntry.Action.CREATED,
        what=prepared.title,
        detail=_("File prepared to download"),
    )
    from .tasks import prepare_file

    transaction.on_commit(lambda: prepare_file.enqueue(prepared.pk))
    return prepared


def prepare_again(*, prepared: PreparedFile, by: User) -> PreparedFile:
    """Ask again for a file that failed (or expired), as it was asked for the first time."""
    return prepare(
        organisation=prepared.organisation,
        kind=prepared.kind,
        title=prepared.title,
        filename=prepared.filename,
        params=prepared.params,
        by=by,
        language=prepared.language,
    )


def kept_until(prepared: PreparedFile) -> datetime:
    """When the file will be removed."""
    return prepared.created_at + timedelta(days=settings.PREPARED_FILES_KEEP_DAYS)


def is_stale(prepared: PreparedFile, now: datetime | None = None) -> bool:
    """Whether a running file's worker has died: no heartbeat for
    `PREPARED_FILES_STALE_SECONDS`. A queued file is not stale: it waits for a free worker."""
    if prepared.status != PreparedFile.Status.RUNNING:
        return False
    beat = prepared.heartbeat_at or prepared.started_at or prepared.created_at
    limit = timedelta(seconds=settings.PREPARED_FILES_STALE_SECONDS)
    return (now or timezone.now()) - beat > limit


def fail_if_stale(prepared: PreparedFile) -> PreparedFile:
    """Mark a stale file failed, with a message that says so, so its page stops waiting and
    the person can ask again."""
    if is_stale(prepared):
        with translation.override(prepared.language):
            message = _(STOPPED)
        PreparedFile.objects.filter(
            pk=prepared.pk, status=PreparedFile.Status.RUNNING, heartbeat_at=prepared.heartbeat_at
        ).update(status=PreparedFile.Status.FAILED, error=message, finished_at=timezone.now())
        prepared.refresh_from_db()
    return prepared


def run(*, prepared: PreparedFile) -> None:
    """Make a queued file (the task's work): claim it, write it a part at a time to the data
    folder, then mark it ready, or failed with a message for the person."""
    now = timezone.now()
    claimed = PreparedFile.objects.filter(pk=prepared.pk, status=PreparedFile.Status.QUEUED).update(
        status=PreparedFile.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return  # already made, or being made, by another worker
    kind = KINDS[prepared.kind]
    name = f"prepared/{now:%Y/%m}/{uuid.uuid4().hex}-{Path(prepared.filename).name}"
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int, total: int) -> None:
        PreparedFile.objects.filter(pk=prepared.pk).update(
            done=done, total=total, heartbeat_at=timezone.now()
        )

    try:
        with translation.override(prepared.language), path.open("wb") as out:
            kind.write(prepared, out, progress)
    except Exception as error:
        path.unlink(missing_ok=True)
        if isinstance(error, ValidationError):
            message = " ".join(error.messages)
        else:
            logger.exception("Prepared file %s failed", prepared.pk)
            with translation.override(prepared.language):
                message = _(FAILED)
        PreparedFile.objects.filter(pk=prepared.pk).update(
            status=PreparedFile.Status.FAILED, error=message, finished_at=timezone.now()
        )
        return
    PreparedFile.objects.filter(pk=prepared.pk).update(
        status=PreparedFile.Status.DONE,
        file=name,
        done=F("total"),
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    remove_expired()


def remove_expired(now: datetime | None = None) -> int:
    """Delete prepared files (and their rows) asked for more than `PREPARED_FILES_KEEP_DAYS`
    days ago; how many went."""
    before = (now or timezone.now()) - timedelta(days=settings.PREPARED_FILES_KEEP_DAYS)
    expired = list(PreparedFile.objects.filter(created_at__lt=before).only("pk", "file"))
    for prepared in expired:
        if prepared.file:
            prepared.file.delete(save=False)
    PreparedFile.objects.filter(pk__in=[prepared.pk for prepared in expired]).delete()
    return len(expired)
