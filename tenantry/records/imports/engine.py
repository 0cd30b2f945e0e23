"""The one engine every kind of file goes through.

One pass reads each row, checks every cell, the rules across cells and what each kind's values
may be (records/validation.py), and streams the rows into a staging table inside one
transaction. If any row was bad, the transaction is rolled back and every problem is reported
together (line, column as headed in the file, reason): a cell that cannot be read does not hide
the rules about the rest of its row, and a bad row is staged by its key so that a repeated
reference on it is found too.
Otherwise the staging table is merged into the real one by reference: rows that match what
is stored are left alone (so re-importing a file changes nothing and `updated_at` moves only
on a real change), changed rows are updated, new rows inserted. A dry run does all of that
and then rolls back, so its counts are exactly what an import would do.

On PostgreSQL, an organisation's first import of a kind skips the staging table: rows are
copied straight into the real one, and at the first problem the attempt is abandoned and the
file read again, staged, so that every problem is still reported (see staging.Stage).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import IO

import psycopg
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.models import Organisation

from . import specs as s
from .limits import MAX_PROBLEMS
from .lookups import AMBIGUOUS, Lookups
from .readers import FileProblem, open_table
from .staging import Stage
from .values import (
    Bad,
    choice_parser,
    date_text,
    datetime_reader,
    decimal_parser,
    integer_parser,
    lookup_reader,
    memo_reader,
    normalise,
    parse_bool,
    plain_reader,
    text_reader,
)

PROGRESS_EVERY = 10_000

Progress = Callable[[int, int | None], None]


@dataclass
class Outcome:
    kind: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[dict] = field(default_factory=list)
    stopped: bool = False  # rolled back because the run was taken for stopped meanwhile
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    @property
    def accepted(self) -> bool:
        return self.error_count == 0

    @property
    def more_problems(self) -> bool:
        """More problems were found than are listed: reading stopped after MAX_PROBLEMS."""
        return self.error_count > len(self.errors)

    def problem(self, line: int, column: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append({"line": line, "column": column, "reason": str(reason)})


class _Rollback(Exception):
    pass


class _Retry(Exception):
    """Loading straight into the table met a problem: stage the file to report them all."""


# --- matching the file's headers to the spec's columns ---------------------------------------


@dataclass
class Matched:
    positions: dict[str, int]  # our column -> index in the file's rows
    headers: dict[str, str]  # our column -> their header
    problems: list[tuple[str, str]]  # (their header or our column, reason)


def match_columns(spec: s.Spec, header: list[str], columns: dict[str, str] | None) -> Matched:
    """Which of the file's columns fills which of ours: by a saved or chosen mapping
    {our column: their header} where given, else by name (case, spaces and _ ignored)."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        if name:
            index.setdefault(normalise(name), i)
    positions, headers, problems = {}, {}, []
    for column in spec.columns:
        theirs = (columns or {}).get(column.name)
        if theirs:
            if normalise(theirs) not in index:
                problems.append(
                    (
                        theirs,
                        _("The file has no column headed “%(header)s”") % {"header": theirs},
                    )
                )
                continue
            i = index[normalise(theirs)]
        elif columns is not None and column.name in columns:
            continue  # mapped to nothing: left out on purpose
        elif normalise(column.name) in index:
            i = index[normalise(column.name)]
        else:
            if column.required:
                problems.append(
                    (column.name, _("The file has no %(column)s column") % {"column": column.name})
                )
            continue
        positions[column.name], headers[column.name] = i, header[i]
    used = set(positions.values())
    for i, name in enumerate(header):
        if not name or i in used:
            continue
        if i != index[normalise(name)] and index[normalise(name)] in used:
            reason = _("The file has two columns headed “%(header)s”") % {"header": name}
        elif columns is None:
            reason = _(
                "“%(header)s” is not a column of a %(kind)s file: rename it, match it "
                "to one of ours, or remove it"
            ) % {"header": name, "kind": spec.kind}
        else:
            continue  # with a mapping, the columns not chosen are left out
        problems.append((name, reason))
    if spec.needs_one_of and not any(n in positions for n in spec.needs_one_of):
        shown = _(" or ").join(spec.needs_one_of)
        problems.append(
            (spec.needs_one_of[0], _("The file needs a %(columns)s column") % {"columns": shown})
        )
    return Matched(positions, headers, problems)


# --- reading cells -----------------------------------------------------------------------------


def _limits(model_field: models.Field) -> tuple[int | None, int | None]:
    positive = (
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveBigIntegerField,
    )
    low = 0 if isinstance(model_field, positive) else None
    high = None
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value if low is None else max(low, validator.limit_value)
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value if high is None else min(high, validator.limit_value)
    return low, high


def _choices(model_field: models.Field) -> list[tuple[str, str]]:
    with translation.override("en"):
        english = [(value, str(label)) for value, label in model_field.choices]
    return english + [(value, str(label)) for value, label in model_field.choices]


def _reader(column: s.Column, model_field: models.Field, lookups: Lookups):
    """The one function that reads every cell of this column (see values.py)."""
    kind, required = column.type, column.required
    blank = _blank(model_field) if model_field is not None else None
    if kind == s.TEXT:
        return text_reader(max_length=model_field.max_length, required=required)
    if kind in (s.HOUSEHOLD, s.BLOCK_ON_ESTATE):
        # Resolved by a rule, with the row's home or estate; here they are text.
        return text_reader(max_length=40, required=required)
    if kind == s.CASE:  # found or opened after the merge (the spec's after_merge)
        return text_reader(max_length=60, required=required)
    if kind == s.DATETIME:
        return datetime_reader(required=required)
    if kind == s.DECIMAL:
        parse = decimal_parser(max_digits=model_field.max_digits, places=model_field.decimal_places)
        return plain_reader(parse, blank=blank, required=required)
    if kind == s.INT:
        low, high = _limits(model_field)
        parse = integer_parser(minimum=low, maximum=high)
        return memo_reader(parse, blank=blank, required=required)
    if kind == s.DATE:
        return memo_reader(date_text, blank=blank, required=required)
    if kind == s.BOOL:
        return memo_reader(parse_bool, blank=blank, required=required)
    if kind == s.CHOICE:
        return memo_reader(choice_parser(_choices(model_field)), blank=blank, required=required)
    found, what = {
        s.HOME: (
            lambda: lookups.homes,
            _("is not one of the homes %(organisation)s is responsible for"),
        ),
        s.ESTATE: (lambda: lookups.estates, _("is not one of the estates of %(organisation)s")),
        s.BLOCK: (lambda: lookups.blocks, _("is not one of the blocks of %(organisation)s")),
        s.PRIORITY: (
            lambda: lookups.priorities,
            _("is not one of the landlord's repair priorities"),
        ),
    }[kind]
    found = found()
    reason = what % {"organisation": lookups.organisation.name}
    ambiguous = _("is the reference of blocks on more than one estate")

    def parse(text: str):
        pk = found.get(text)
        if pk is None and kind == s.PRIORITY:
            pk = found.get(normalise(text))
        if pk is None:
            raise Bad(f"{text} {reason}")
        if pk is AMBIGUOUS:
            raise Bad(f"{text} {ambiguous}")
        return pk

    if kind == s.PRIORITY:
        return memo_reader(parse, blank=None, required=required)
    return lookup_reader(found, parse=parse, required=required, ambiguous=AMBIGUOUS)


def _read_each(funcs, cells, names) -> tuple[list, list[tuple[str, str]]]:
    """A row with a cell that cannot be read: every cell's value (None where it cannot be
    read) and every cell's problem, so that the rules still check the rest of the row."""
    values, problems = [], []
    for read, cell, name in zip(funcs, cells, names):  # noqa: B905
        try:
            values.append(read(cell))
        except Bad as bad:
            values.append(None)
            problems.append((name, str(bad)))
    return values, problems


def _same(cells):
    return cells


def _blank(model_field: models.Field):
    if model_field.null:
        return None
    if isinstance(model_field, models.ForeignKey):
        return None
    return model_field.get_default()


# --- the import --------------------------------------------------------------------------------


def import_file(
    *,
    kind: str,
    stream: IO[bytes],
    filename: str,
    organisation: Organisation,
    columns: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
    by: User | None = None,
    still_running: Callable[[], bool] | None = None,
) -> Outcome:
    """Import (or with `dry_run`, check) one file of one kind into one organisation;
    `still_running` is asked just before the commit, and a False rolls everything back."""
    spec = s.SPECS[kind]
    outcome = Outcome(kind=kind, dry_run=dry_run)
    try:
        table = open_table(stream, filename)
    except FileProblem as problem:
        outcome.problem(problem.line or 1, "", str(problem))
        return outcome
    matched = match_columns(spec, table.header, columns)
    for column, reason in matched.problems:
        outcome.problem(1, column, reason)
    if not outcome.accepted:
        return outcome

    lookups = Lookups(organisation)
    present = sorted(matched.positions, key=lambda n: [c.name for c in spec.columns].index(n))
    readers, names, fields = [], [], []
    for name in present:
        column = spec.column(name)
        model_field = spec.model_field(column)
        readers.append((matched.positions[name], _reader(column, model_field, lookups)))
        names.append(name)
        fields.append(model_field)
    # Columns only read to find something else (rent's home) are not staged.
    stored = [i for i, f in enumerate(fields) if f is not None]
    every_column_stored = len(stored) == len(fields)
    fields = [f for f in fields if f is not None]
    row = s.Row({n: i for i, n in enumerate(names)}, matched.headers, lookups, organisation)
    rules = [*spec.rules, *s.possible_values(spec, present)]
    if spec.needs_one_of:
        rules.insert(0, s.needs_one_of(*[n for n in spec.needs_one_of if n in row.positions]))
    checks = [check for rule in rules if (check := rule(row)) is not None]
    fields += [spec.model._meta.get_field(name) for name in row.derived]
    if not every_column_stored:
        stored += list(range(len(names), len(names) + len(row.derived)))
    key_names = set(spec.key).union(*spec.also_unique)
    keys = {k for k, model_field in enumerate(fields) if model_field.name in key_names}
    width = max(matched.positions.values()) + 1
    funcs = [read for _i, read in readers]
    indices = [i for i, _read in readers]
    if indices == list(range(len(indices))):
        pick = _same  # the file's columns are ours, in our order: no need to pick
    elif len(indices) == 1:
        pick = lambda cells: (cells[indices[0]],)  # noqa: E731
    else:
        pick = itemgetter(*indices)
    estimate = table.estimated_rows

    def report(line: int, problems) -> None:
        for name, reason in problems:
            outcome.problem(line, matched.headers.get(name, name), reason)

    clock = time.monotonic()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.monotonic()
        outcome.timings[phase] = round(now - clock, 3)
        clock = now

    def load(direct: bool) -> None:
        """One attempt, in one transaction; `direct` loads straight into the table (see
        staging.py) and gives up at the first problem, for a staged run to report them all."""
        with transaction.atomic():
            stage = Stage(connection, spec, fields, organisation, direct=direct)
            rows = 0
            with stage.writer() as write:
                for line, cells in table.rows:
                    if not any(cells):
                        continue
                    rows += 1
                    if rows % progress_every == 0 and progress is not None:
                        progress(rows, estimate)
                    if len(cells) < width:
                        cells = cells + [""] * (width - len(cells))
                    try:
                        values = [read(c) for read, c in zip(funcs, pick(cells), strict=False)]
                        unreadable = ()
                    except Bad:
                        if stage.direct:
                            raise _Retry from None
                        values, problems = _read_each(funcs, pick(cells), names)
                        report(line, problems)
                        unreadable = {name for name, _reason in problems}
                    values.extend([None] * len(row.derived))
                    bad_row = bool(unreadable)
                    for check in checks:
                        try:
                            problems = check(values)
                        except (TypeError, KeyError):
                            if not unreadable:
                                raise
                            continue  # a rule about a cell that could not be read
                        if problems and unreadable:
                            # A cell that could not be read has said why already.
                            problems = [p for p in problems if p[0] not in unreadable]
                        if problems:
                            if stage.direct:
                                raise _Retry
                            report(line, problems)
                            bad_row = True
                    staged = values if every_column_stored else [values[i] for i in stored]
                    if bad_row:
                        # A bad row is staged by its key alone, so that a reference repeated
                        # on it is found in the same pass; the file is then rolled back.
                        staged = [v if k in keys else None for k, v in enumerate(staged)]
                    write(line, staged)
                    if bad_row and outcome.error_count > MAX_PROBLEMS:
                        break  # enough to fix first: the rest is not read
            outcome.rows = rows
            if progress is not None:
                progress(rows, rows)
            lap("read and load" if stage.direct else "read and stage")
            if not stage.direct:
                repeated, unlisted = stage.duplicates(limit=MAX_PROBLEMS)
                # The first problems by line, whichever check found them.
                for line, name, reason in repeated:
                    column = matched.headers.get(name, name)
                    outcome.errors.append({"line": line, "column": column, "reason": reason})
                outcome.error_count += len(repeated) + unlisted
                outcome.errors.sort(key=lambda error: error["line"])
                del outcome.errors[MAX_PROBLEMS:]
                lap("check duplicates")
            if outcome.error_count:
                raise _Rollback
            try:
                with transaction.atomic():
                    unchanged, created, updated, created_ids, updated_ids = stage.merge()
            except IntegrityError as error:
                outcome.problem(
                    0,
                    "",
                    _("The file clashes with records already stored: %(error)s")
                    % {"error": str(error).splitlines()[0]},
                )
                raise _Rollback from None
            outcome.unchanged, outcome.created, outcome.updated = unchanged, created, updated
            lap("merge")
            if spec.history:
                _record_history(spec.model, created_ids, updated_ids, by=by)
            if spec.after_merge is not None:
                try:
                    spec.after_merge(organisation, row.kept)
                except ValidationError as error:
                    outcome.problem(0, "", " ".join(error.messages))
                    raise _Rollback from None
                lap("after merge")
            stage.drop()
            if still_running is not None and not still_running():
                outcome.stopped = True
                raise _Rollback
            if dry_run:
                raise _Rollback
            if stage.direct:
                # The foreign keys are checked at commit (Django makes them deferrable); do it
                # here, so that the time shows as this phase and any failure is reported.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                lap("check foreign keys")

    direct = connection.vendor == "postgresql" and not spec.history and bool(spec.owner)
    try:
        try:
            load(direct=direct)
        except (_Retry, DatabaseError, psycopg.Error):
            if not direct:
                raise
            # The fast path met a problem: read the file again, staged, to report every one.
            table.rows.close()
            stream.seek(0)
            table = open_table(stream, filename)
            outcome = Outcome(kind=kind, dry_run=dry_run)
            load(direct=False)
    except FileProblem as problem:
        outcome.problem(problem.line or 0, "", str(problem))
    except _Rollback:
        pass
    lap("commit" if outcome.accepted and not dry_run else "roll back")
    return outcome


def _record_history(model, created_ids: list[int], updated_ids: list[int], *, by) -> None:
    """Homes keep their history: one entry for each home the file added or changed."""
    reason = "import"
    for ids, update in ((created_ids, False), (updated_ids, True)):
        for start in range(0, len(ids), 2000):
            objs = list(model.objects.filter(pk__in=ids[start : start + 2000]))
            model.history.bulk_history_create(
                objs, update=update, default_user=by, default_change_reason=reason
            )
