"""A running import's sign of life, and the one rule that says its worker has died.

An import runs in one transaction; if its process is killed (a deploy, a restart, the machine
going down) the database rolls that transaction back, so nothing of it is saved, but the run's
row still says "running" and its page would wait for ever. So while it runs, a thread beside
the import gives a sign of life every BEAT_SECONDS: on PostgreSQL it stamps the run's
`heartbeat_at` through a connection of its own (the import's transaction is still open); on
SQLite, which lets one connection write at a time, it touches a file under MEDIA_ROOT (SQLite
keeps everything on one machine anyway). The thread lives as long as the process, so an import
that is slow (a long merge, millions of rows) stays fresh; only a dead process goes quiet.

`is_stalled` is the rule: running, and no sign of life for IMPORT_STALLED_AFTER_SECONDS. The
run's page, the list of imports and `tenantry stop-stalled-imports` all apply it through
services.stop_if_stalled.
"""

import contextlib
import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from ..models import ImportRun

BEAT_SECONDS = 5
logger = logging.getLogger(__name__)


def stalled_after() -> timedelta:
    return timedelta(seconds=settings.IMPORT_STALLED_AFTER_SECONDS)


def _beat_file(run_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "alive" / str(run_id)


def last_beat(run: ImportRun) -> datetime | None:
    """When the run last gave a sign of life (its start counts as one)."""
    beats = [run.heartbeat_at, run.started_at]
    if connection.vendor != "postgresql":
        with contextlib.suppress(OSError):  # no file: no beat yet, or it has ended
            beats.append(datetime.fromtimestamp(_beat_file(run.pk).stat().st_mtime, tz=UTC))
    return max((beat for beat in beats if beat is not None), default=None)


def is_stalled(run: ImportRun, *, now: datetime) -> bool:
    """Whether the run says it is importing but its worker has given no sign of life for
    IMPORT_STALLED_AFTER_SECONDS: its process has died, and with it the import's transaction."""
    if run.status != ImportRun.Status.RUNNING:
        return False
    beat = last_beat(run)
    return beat is None or now - beat > stalled_after()


class Heartbeat:
    """`with Heartbeat(run):` gives the run a sign of life every BEAT_SECONDS until the block
    ends (or the process dies)."""

    def __init__(self, run: ImportRun, every: float = BEAT_SECONDS):
        self.run_id, self.every = run.pk, every
        self.postgres = connection.vendor == "postgresql"
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"import-{run.pk}", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()
        if not self.postgres:
            _beat_file(self.run_id).unlink(missing_ok=True)

    def _beat(self) -> None:
        # A connection of this thread's own: Django's are not shared between threads.
        other = None
        path = _beat_file(self.run_id)
        try:
            while True:
                try:
                    if self.postgres:
                        other = other or connection.copy()
                        with other.cursor() as cursor:
                            cursor.execute(
                                f"UPDATE {ImportRun._meta.db_table} SET heartbeat_at = %s "
                                "WHERE id = %s AND status = %s",
                                [timezone.now(), self.run_id, ImportRun.Status.RUNNING],
                            )
                    else:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.touch()
                except (DatabaseError, OSError):
                    # A missed beat is no reason to stop the import: try again next time.
                    logger.warning("Import %s: no heartbeat this time", self.run_id, exc_info=True)
                    if other is not None:
                        other.close()
                        other = None
                if self.stopping.wait(self.every):
                    return
        finally:
            if other is not None:
                other.close()
