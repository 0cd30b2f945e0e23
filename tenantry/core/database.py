"""What the database keeps of rows once they are changed or deleted, and how to make it forget.

SQLite (the embedded default) runs in write-ahead-log mode: a change is written to the
`-wal` file beside the database, and reaches the database itself only at a checkpoint, so the
log holds every version of a row written since the last one — a draft's invitation and each of
its answers among them. `secure_delete` makes SQLite overwrite with zeros what a deletion or
an update frees in the database file, instead of leaving it in free space.

`forget_old_versions()` asks, once the current transaction has committed, for a checkpoint
that copies the log into the database and truncates the log to nothing. Where a reader is still
in the middle of a query the checkpoint cannot finish; the log is then reset at a later
checkpoint. PostgreSQL keeps old row versions until VACUUM reclaims them, and its own
write-ahead log and backups beyond that: docs/privacy.md says what to configure.
"""

import logging

from django.db import OperationalError, connection

logger = logging.getLogger(__name__)

# The connection settings for SQLite (tenantry/settings.py). WAL lets the web process read
# while a worker or import writes; secure_delete zeroes freed content.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"


def checkpoint() -> tuple[int, int, int] | None:
    """Copy SQLite's write-ahead log into the database and truncate it: (busy, log frames,
    frames copied), as SQLite answers; None on any other database, or when it cannot run now:
    inside a transaction (SQLite refuses while the connection holds its tables), or while
    another connection writes. The log is then copied at a later checkpoint, or SQLite's own
    automatic one."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return cursor.fetchone()
    except OperationalError as error:
        logger.warning("SQLite checkpoint postponed: %s", error)
        return None


def forget_old_versions() -> None:
    """After the current transaction commits, leave no earlier version of its rows in SQLite's
    write-ahead log (an anonymous response sent, a draft deleted). Nothing to do on PostgreSQL,
    whose old versions go at VACUUM (autovacuum)."""
    if connection.vendor == "sqlite":
        connection.on_commit(checkpoint)
