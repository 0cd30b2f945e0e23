"""Read every row of every table as an administrator with database access would, and report
anything that joins a secret (an anonymous response, a ballot) to a person or a moment.

A test sends secrets through the real pages, then calls `scan` with:

- `secrets`: the rows that must stay anonymous (`Secret(table, pks, texts)`): their table, their
  primary keys, and texts only they contain (a written answer), so a copy kept elsewhere (a
  draft, a task's arguments, a log) is found too;
- `people`: what identifies each person who sent one (`Person(label, rows, texts, user_ids)`):
  rows by table (household, home, invitation, account…), texts (an address, an email, a code's
  hash) and account ids (looked for inside sessions);
- `moments`: when each secret was sent, as (start, end) around the request.

A finding is any of:

1. a row that refers to a secret (is one, has a foreign key to one, or holds one of its texts)
   and also to a person (a foreign key to one of their rows, or one of their texts);
2. a time finer than the day in a secret row, or in a row that refers to one;
3. a row that refers to a person and carries a time falling in a moment of sending, as is or
   after one of `offsets` (a session's expiry is the moment it was saved plus its age);
4. a secret table whose keys the database hands out in order (an autoincrement or a
   sequence), so the order of keys is the order of sending.

It reads through `connection.introspection`, so it covers tables added later without being
told, on SQLite and PostgreSQL alike. System columns (PostgreSQL's xmin, ctid) and files
outside the tables (the write-ahead log, backups, server logs) are not rows: docs/privacy.md
says what guards them.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection as default_connection


@dataclass(frozen=True)
class Secret:
    table: str
    pks: frozenset
    texts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Person:
    label: str
    rows: dict[str, frozenset] = field(default_factory=dict)  # table → primary keys
    texts: frozenset[str] = frozenset()
    user_ids: frozenset = frozenset()


@dataclass(frozen=True)
class Finding:
    table: str
    row: dict
    why: str

    def __str__(self) -> str:
        return f"{self.table}: {self.why} — {self.row}"


_DATETIME_TEXT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$"
)


def every_row(connection=default_connection) -> Iterator[tuple[str, dict]]:
    """(table, {column: value}) for every row of every table."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=False)
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 – names from the schema
            columns = [column[0] for column in cursor.description]
            for values in cursor.fetchall():
                yield table, dict(zip(columns, values, strict=True))


def _time(value) -> datetime | None:
    """A moment finer than a day, from a column's value as either database returns it."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and _DATETIME_TEXT.match(value.strip()):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    # SQLite keeps UTC without an offset (USE_TZ).
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None or isinstance(value, int | float | date) else str(value)


def _session_users(table: str, row: dict) -> set[str]:
    """The account ids a session row holds (its data is signed and encoded)."""
    if table != Session._meta.db_table or not row.get("session_data"):
        return set()
    data = SessionStore().decode(row["session_data"])
    return {str(value) for key, value in data.items() if key.endswith("_user_id")}


def _relations(connection) -> dict[str, dict[str, str]]:
    """{table: {column: table it refers to}}."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            relations = connection.introspection.get_relations(cursor, table)
            found[table] = {column: related[1] for column, related in relations.items()}
    return found


def _primary_keys(connection) -> dict[str, str | None]:
    with connection.cursor() as cursor:
        return {
            table: connection.introspection.get_primary_key_column(cursor, table)
            for table in connection.introspection.table_names(cursor, include_views=False)
        }


def numbered_in_order(table: str, connection=default_connection) -> bool:
    """Whether the database hands out the table's keys in order (autoincrement, sequence)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            (sql,) = cursor.fetchone()
            return "AUTOINCREMENT" in sql.upper()
        if connection.vendor == "postgresql":
            return bool(connection.introspection.get_sequences(cursor, table))
    raise NotImplementedError(connection.vendor)


def scan(
    *,
    secrets: Iterable[Secret],
    people: Iterable[Person],
    moments: Iterable[tuple[datetime, datetime]],
    offsets: Iterable[timedelta] | None = None,
    connection=default_connection,
) -> list[Finding]:
    secrets, people, moments = list(secrets), list(people), list(moments)
    offsets = (
        list(offsets)
        if offsets is not None
        else [timedelta(0), timedelta(seconds=settings.SESSION_COOKIE_AGE)]
    )
    windows = moments  # both databases keep microseconds
    relations = _relations(connection)
    primary = _primary_keys(connection)
    secret_keys = {secret.table: {str(pk) for pk in secret.pks} for secret in secrets}
    secret_texts = [text for secret in secrets for text in secret.texts if text]
    person_rows: dict[str, dict[str, str]] = {}  # table → {pk: person}
    for person in people:
        for table, pks in person.rows.items():
            for pk in pks:
                person_rows.setdefault(table, {})[str(pk)] = person.label
    user_ids = {str(pk): person.label for person in people for pk in person.user_ids}
    findings = []
    for table, row in every_row(connection):
        texts = " ".join(_text(value) for value in row.values())
        pk = primary.get(table)
        # What in this row refers to a secret…
        refers = []
        if pk and str(row.get(pk)) in secret_keys.get(table, ()):
            refers.append(f"is a secret row ({pk}={row[pk]})")
        for column, target in relations.get(table, {}).items():
            if str(row.get(column)) in secret_keys.get(target, ()):
                refers.append(f"{column} refers to secret {target} {row[column]}")
        refers += [f"holds the secret text {text!r}" for text in secret_texts if text in texts]
        # …and to a person.
        whose = []
        if pk and (label := person_rows.get(table, {}).get(str(row.get(pk)))):
            whose.append(f"is {label}'s row")
        for column, target in relations.get(table, {}).items():
            if label := person_rows.get(target, {}).get(str(row.get(column))):
                whose.append(f"{column} refers to {label}'s {target}")
        for person in people:
            whose += [f"holds {person.label}'s {text!r}" for text in person.texts if text in texts]
        whose += [f"session of {user_ids[u]}" for u in _session_users(table, row) if u in user_ids]

        if refers and whose:
            findings.append(Finding(table, row, "; ".join(refers + whose)))
        times = {column: moment for column, value in row.items() if (moment := _time(value))}
        if refers and times:
            findings.append(Finding(table, row, f"a time beside a secret: {', '.join(times)}"))
        if whose:
            for column, moment in times.items():
                for offset in offsets:
                    if any(start <= moment - offset <= end for start, end in windows):
                        findings.append(
                            Finding(
                                table,
                                row,
                                f"{column} is a moment of sending (+{offset}); " + "; ".join(whose),
                            )
                        )
    for secret in secrets:
        if numbered_in_order(secret.table, connection):
            findings.append(
                Finding(secret.table, {}, "keys are handed out in order: the order of sending")
            )
    return findings


def shared_transactions(
    *, secrets: Iterable[Secret], people: Iterable[Person], connection=default_connection
) -> list[Finding]:
    """PostgreSQL only: secret rows written by the same transaction as a person's row, read
    from the system column `xmin` (which `SELECT *` does not show, but anyone who may read
    the table can ask for). docs/privacy.md says why this is a known limit."""
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    primary = _primary_keys(connection)

    def xmins(table: str, pks) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT xmin::text, {quote(primary[table])}::text FROM {quote(table)}"  # noqa: S608
            )
            return {pk: xmin for xmin, pk in cursor.fetchall() if pk in {str(p) for p in pks}}

    written = {}
    for secret in secrets:
        for pk, xmin in xmins(secret.table, secret.pks).items():
            written.setdefault(xmin, []).append(f"{secret.table} {pk}")
    findings = []
    for person in people:
        for table, pks in person.rows.items():
            for pk, xmin in xmins(table, pks).items():
                if xmin in written:
                    why = f"{person.label}'s {table} {pk} was written with {written[xmin]}"
                    findings.append(Finding(table, {"xmin": xmin}, why))
    return findings
