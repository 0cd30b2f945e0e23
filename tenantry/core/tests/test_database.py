"""SQLite, the embedded default, keeps no earlier version of a row once an anonymous response is
sent: the write-ahead log is checkpointed and truncated, and what a deletion frees is zeroed."""

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from tenantry.core import database


def _sqlite(path):
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": {"init_command": database.SQLITE_INIT},
            }
        }
    )
    wrapper = handler["default"]
    wrapper.alias = "wal-test"
    connections["wal-test"] = wrapper  # so transaction.atomic(using=…) finds it
    return wrapper


def test_a_deleted_row_leaves_nothing_in_the_log_or_the_file(
    tmp_path, monkeypatch, django_db_blocker
):
    django_db_blocker.unblock()
    path = tmp_path / "data.sqlite3"
    connection = _sqlite(path)
    monkeypatch.setattr(database, "connection", connection)
    secret = b"Draft answer QX7 for Flat 5"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE draft (id INTEGER PRIMARY KEY, answers TEXT)")
        cursor.execute("INSERT INTO draft (answers) VALUES ('another household''s')")
        cursor.execute("INSERT INTO draft (answers) VALUES (%s)", [secret.decode() + " v1"])
        cursor.execute("UPDATE draft SET answers = %s WHERE id = 2", [secret.decode() + " v2"])
        cursor.execute("INSERT INTO draft (answers) VALUES ('a third')")
        # On whatever SQLite Python brings (Debian's is built with it on; others are not).
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone() == (1,)
    wal = tmp_path / "data.sqlite3-wal"
    assert secret in wal.read_bytes()  # each version, as SQLite keeps it until a checkpoint

    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM draft WHERE id = 2")
        database.forget_old_versions()

    assert wal.read_bytes() == b""
    assert secret not in path.read_bytes()
    connection.close()
    del connections["wal-test"]
    django_db_blocker.restore()


def test_nothing_to_do_on_another_database(monkeypatch):
    class Other:
        vendor = "postgresql"

    monkeypatch.setattr(database, "connection", Other())
    assert database.checkpoint() is None


@pytest.mark.django_db
def test_inside_a_transaction_the_checkpoint_waits_instead_of_failing():
    # A response sent inside a larger transaction (the demo, a test) must not fail on the
    # checkpoint: SQLite refuses one while this connection holds its tables.
    with transaction.atomic():
        assert database.checkpoint() is None
