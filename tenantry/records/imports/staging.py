"""The staging table a file's good rows stream into, and the merge into the real table.

PostgreSQL: rows go in with `COPY` (psycopg 3's `cursor.copy()`), so the server stores them
while Python reads the next ones. SQLite: `executemany` in batches. The merge is the same SQL
on both: leave out rows equal to what is stored, count the rest that exist, then
`INSERT … SELECT … ON CONFLICT (key) DO UPDATE … WHERE (stored) IS DISTINCT FROM (new)`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import DatabaseError, models
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg.copy import QueuedLibpqWriter

from .specs import Spec

NAME = "tenantry_import_stage"
SQLITE_BATCH = 2000
LINE = "import_line"


class Stage:
    """Where a file's good rows go during the pass, and how they reach the real table.

    `direct`: when nothing is stored yet that the file could match (an organisation's first
    import of a kind), PostgreSQL rows are copied straight into the real table, so the server
    inserts while Python reads on, and there is nothing to merge. Any problem (a bad row, a
    repeated reference) abandons that attempt and the engine stages the file instead, to find
    and report every problem with its line.
    """

    def __init__(
        self, connection, spec: Spec, fields: list[models.Field], organisation, direct=False
    ):
        self.connection, self.spec, self.fields = connection, spec, fields
        self.postgres = connection.vendor == "postgresql"
        q = self.q = connection.ops.quote_name
        meta = spec.model._meta
        self.target = q(meta.db_table)
        self.columns = [f.column for f in fields]
        self.key = [meta.get_field(name).column for name in spec.key]
        self.compare = [c for c in self.columns if c not in self.key]
        self.owner: tuple[str, int] | None = None
        if spec.owner == "organisation":
            self.owner = (meta.get_field("organisation").column, organisation.pk)
        elif spec.owner == "landlord":
            landlord = organisation if organisation.is_landlord else organisation.landlord
            self.owner = (meta.get_field("landlord").column, landlord.pk)
        self.written = 0
        definitions = [f"{q(f.column)} {f.db_type(connection)}" for f in fields]
        with connection.cursor() as cursor:
            self.direct = direct and self.postgres and not self._stored_rows_possible(cursor)
            if self.direct:
                return
            if self.postgres:
                # Room for the staged rows in memory; allowed only before the session's first
                # temporary table, so a long-lived connection may keep its default.
                cursor.execute("SAVEPOINT tenantry_temp_buffers")
                try:
                    cursor.execute("SET temp_buffers = '256MB'")
                except DatabaseError:
                    cursor.execute("ROLLBACK TO SAVEPOINT tenantry_temp_buffers")
                cursor.execute("RELEASE SAVEPOINT tenantry_temp_buffers")
            cursor.execute(f"DROP TABLE IF EXISTS {NAME}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {NAME} ({', '.join(definitions)}, {LINE} integer)"
            )

    # --- filling -----------------------------------------------------------------------------

    @contextmanager
    def writer(self) -> Iterator[Callable[[int, list], None]]:
        """`write(line, values)` for each good row, in the order of `fields`."""
        if self.direct:
            with self._direct_writer() as write:
                yield write
            return
        columns = ", ".join(self.q(c) for c in [*self.columns, LINE])
        with self.connection.cursor() as cursor:
            if self.postgres:
                # A queued writer sends to the server from a thread while this one reads on.
                raw = cursor.cursor
                sql = f"COPY {NAME} ({columns}) FROM STDIN"
                with raw.copy(sql, writer=QueuedLibpqWriter(raw)) as copy:
                    write_row = copy.write_row

                    def write(line: int, values: list) -> None:
                        values.append(line)
                        write_row(values)
                        self.written += 1

                    yield write
                return
            adapters = [self._adapter(f) for f in self.fields]
            sql = (
                f"INSERT INTO {NAME} ({columns}) VALUES ({', '.join(['%s'] * (len(adapters) + 1))})"
            )
            batch: list[list] = []

            def write(line: int, values: list) -> None:
                pairs = zip(adapters, values, strict=True)
                batch.append([None if v is None else adapt(v) for adapt, v in pairs] + [line])
                self.written += 1
                if len(batch) >= SQLITE_BATCH:
                    cursor.executemany(sql, batch)
                    batch.clear()

            yield write
            if batch:
                cursor.executemany(sql, batch)

    @contextmanager
    def _direct_writer(self) -> Iterator[Callable[[int, list], None]]:
        """COPY into the real table: the file's columns, then the same tail on every row (the
        owner, defaults for the columns the file leaves out, the time stamps)."""
        insert, tail = self._constant_columns()
        columns = ", ".join(self.q(c) for c in [*self.columns, *insert])
        with self.connection.cursor() as cursor:
            raw = cursor.cursor
            sql = f"COPY {self.target} ({columns}) FROM STDIN"
            with raw.copy(sql, writer=QueuedLibpqWriter(raw)) as copy:
                write_row = copy.write_row

                def write(line: int, values: list) -> None:
                    values.extend(tail)
                    write_row(values)
                    self.written += 1

                yield write

    def _constant_columns(self) -> tuple[list[str], list]:
        """Columns every inserted row gets the same value in, and those values."""
        columns: list[str] = []
        values: list = []
        if self.owner:
            columns.append(self.owner[0])
            values.append(self.owner[1])
        filled = set(self.columns) | set(columns)
        now = timezone.now()
        for model_field in self.spec.model._meta.concrete_fields:
            if model_field.primary_key or model_field.column in filled or model_field.null:
                continue
            columns.append(model_field.column)
            if self.spec.timestamps and model_field.name in ("created_at", "updated_at"):
                values.append(self._value(model_field, now))
            else:
                values.append(self._value(model_field, model_field.get_default()))
        return columns, values

    def _adapter(self, model_field: models.Field):
        connection = self.connection
        if isinstance(model_field, models.DateTimeField):  # read as UK ISO text (values.py)
            return lambda value: connection.ops.adapt_datetimefield_value(
                datetime.fromisoformat(value)
            )
        if isinstance(model_field, models.DateField):
            return str  # already ISO text, as SQLite stores dates
        return lambda value: model_field.get_db_prep_save(value, connection)

    def _value(self, model_field: models.Field, value):
        return None if value is None else model_field.get_db_prep_save(value, self.connection)

    # --- checks across rows ------------------------------------------------------------------

    def duplicates(self, limit: int) -> tuple[list[tuple[int, str, str]], int]:
        """Rows that repeat another row's key, or (for Decent Homes) another row's home and
        day; and rows whose home and day another stored record already has. Gives the first
        `limit` of each sort as (line, column, reason), and how many more there are."""
        found, more = [], 0
        meta = self.spec.model._meta
        pairs = [(self.spec.key, _("%(value)s is also on line %(line)s"))] + [
            (names, _("is also given for the same %(first)s on line %(line)s"))
            for names in self.spec.also_unique
        ]
        with self.connection.cursor() as cursor:
            for names, reason in pairs:
                columns = [meta.get_field(n).column for n in names]
                if any(c not in self.columns for c in columns):
                    continue
                listed = ", ".join(self.q(c) for c in columns)
                # A bad row is staged by its key, or without one if its key could not be read.
                known = " AND ".join(f"{self.q(c)} IS NOT NULL" for c in columns)
                repeated = (
                    f"SELECT count(*) AS n FROM {NAME} WHERE {known} "
                    f"GROUP BY {listed} HAVING count(*) > 1"
                )
                cursor.execute(f"SELECT coalesce(sum(n - 1), 0) FROM ({repeated}) d")
                total = cursor.fetchone()[0]
                if not total:
                    continue
                cursor.execute(
                    f"SELECT {LINE}, {listed}, first_line FROM (SELECT {LINE}, {listed}, "
                    f"min({LINE}) OVER (PARTITION BY {listed}) AS first_line FROM {NAME} "
                    f"WHERE {known}) d "
                    f"WHERE {LINE} > first_line ORDER BY {LINE} LIMIT %s",
                    [limit],
                )
                rows = cursor.fetchall()
                for line, *key, first in rows:
                    context = {"value": key[-1], "line": first, "first": names[0]}
                    found.append((line, names[-1], reason % context))
                more += total - len(rows)
            if self.owner and self.spec.also_unique:
                owner, owner_id = self.owner
                for names in self.spec.also_unique:
                    columns = [meta.get_field(n).column for n in names]
                    joined = " AND ".join(f"t.{self.q(c)} = s.{self.q(c)}" for c in columns)
                    cursor.execute(
                        f"SELECT s.{LINE} FROM {NAME} s JOIN {self.target} t ON {joined} "
                        f"WHERE NOT (t.{self.q(owner)} = %s AND t.reference = s.reference) "
                        f"ORDER BY s.{LINE} LIMIT %s",
                        [owner_id, limit],
                    )
                    reason = _(
                        "another record for the same %(first)s on that day is already stored"
                    ) % {"first": names[0]}
                    found += [(line, names[-1], reason) for (line,) in cursor.fetchall()]
        return sorted(found), more

    # --- merging -----------------------------------------------------------------------------

    def _matches(self, stage: str) -> tuple[str, list]:
        """SQL matching a stored row `t` to the staged row by key (and owner)."""
        conditions = [f"t.{self.q(c)} = {stage}.{self.q(c)}" for c in self.key]
        params = []
        if self.owner:
            conditions.insert(0, f"t.{self.q(self.owner[0])} = %s")
            params.append(self.owner[1])
        return " AND ".join(conditions), params

    def merge(self) -> tuple[int, int, int, list[int], list[int]]:
        """(unchanged, created, updated, created ids, updated ids); ids only for models with
        history, whose rows need a history entry each."""
        if self.direct:
            return 0, self.written, 0, [], []
        target = self.target
        unchanged = existing = 0
        existing_ids: set[int] = set()
        with self.connection.cursor() as cursor:
            if self.postgres and self.written > 10_000:
                cursor.execute(f"ANALYZE {NAME}")  # a temporary table has no statistics
            if self._stored_rows_possible(cursor):
                unchanged = self._drop_unchanged(cursor)
                match, params = self._matches("s")
                if self.spec.history:
                    cursor.execute(f"SELECT t.id FROM {NAME} s JOIN {target} t ON {match}", params)
                    existing_ids = {pk for (pk,) in cursor.fetchall()}
                    existing = len(existing_ids)
                else:
                    cursor.execute(
                        f"SELECT count(*) FROM {NAME} s JOIN {target} t ON {match}", params
                    )
                    existing = cursor.fetchone()[0]
            remaining = self.written - unchanged
            if remaining == 0:
                return unchanged, 0, 0, [], []
            sql, params = self._upsert()
            if self.spec.history:
                cursor.execute(sql + " RETURNING id", params)
                ids = [pk for (pk,) in cursor.fetchall()]
                created_ids = [pk for pk in ids if pk not in existing_ids]
                updated_ids = [pk for pk in ids if pk in existing_ids]
                return unchanged, len(created_ids), len(updated_ids), created_ids, updated_ids
            cursor.execute(sql, params)
        return unchanged, remaining - existing, existing, [], []

    def _stored_rows_possible(self, cursor) -> bool:
        """Whether anything is stored that the file could match (a first import skips the
        comparison entirely)."""
        if not self.owner:
            return True
        cursor.execute(
            f"SELECT 1 FROM {self.target} WHERE {self.q(self.owner[0])} = %s LIMIT 1",
            [self.owner[1]],
        )
        return cursor.fetchone() is not None

    def _drop_unchanged(self, cursor) -> int:
        q = self.q
        match, params = self._matches(NAME if not self.postgres else "s")
        if self.postgres:
            same = (
                f"({', '.join(f't.{q(c)}' for c in self.compare)}) IS NOT DISTINCT FROM "
                f"({', '.join(f's.{q(c)}' for c in self.compare)})"
                if self.compare
                else "TRUE"
            )
            cursor.execute(
                f"DELETE FROM {NAME} s USING {self.target} t WHERE {match} AND {same}", params
            )
        else:
            same = " AND ".join(f"t.{q(c)} IS {NAME}.{q(c)}" for c in self.compare) or "1"
            cursor.execute(
                f"DELETE FROM {NAME} WHERE EXISTS "
                f"(SELECT 1 FROM {self.target} t WHERE {match} AND {same})",
                params,
            )
        return cursor.rowcount

    def _upsert(self) -> tuple[str, list]:
        q = self.q
        constant, params = self._constant_columns()
        insert = list(self.columns) + constant
        select = [f"s.{q(c)}" for c in self.columns] + ["%s"] * len(constant)
        updates = [f"{q(c)} = EXCLUDED.{q(c)}" for c in self.compare]
        if self.spec.timestamps:
            updates.append(f"{q('updated_at')} = EXCLUDED.{q('updated_at')}")
        if self.postgres:
            differs = (
                f"({', '.join(f'{self.target}.{q(c)}' for c in self.compare)}) IS DISTINCT FROM "
                f"({', '.join(f'EXCLUDED.{q(c)}' for c in self.compare)})"
            )
        else:
            differs = " OR ".join(
                f"{self.target}.{q(c)} IS NOT EXCLUDED.{q(c)}" for c in self.compare
            )
        conflict = ", ".join(q(c) for c in ([self.owner[0]] if self.owner else []) + self.key)
        action = (
            f"DO UPDATE SET {', '.join(updates)} WHERE {differs}" if self.compare else "DO NOTHING"
        )
        sql = (
            f"INSERT INTO {self.target} ({', '.join(q(c) for c in insert)}) "
            f"SELECT {', '.join(select)} FROM {NAME} s WHERE TRUE "
            f"ON CONFLICT ({conflict}) {action}"
        )
        return sql, params

    def drop(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {NAME}")
