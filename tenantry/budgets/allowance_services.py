"""The management allowance: its budget lines, its actual spend (typed, or imported from the
organisation's accounts), and the landlord's own cost per home to compare it with.

The actuals import follows docs/imports.md: the same reader and cell parsers as the service
record imports (records/imports: `open_table`, `match_columns`, `values`), all or nothing,
every problem reported with its line and column, by reference so that importing a file again
changes nothing."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, DelegatedService, Organisation
from tenantry.organisations.permissions import require
from tenantry.records import validation
from tenantry.records.imports import specs
from tenantry.records.imports.engine import match_columns
from tenantry.records.imports.limits import MAX_PROBLEMS
from tenantry.records.imports.readers import FileProblem, open_table
from tenantry.records.imports.values import (
    Bad,
    choice_parser,
    decimal_parser,
    parse_date,
    text_parser,
)

from . import permissions as can
from .models import Actual, AllowanceLine, Budget, BudgetKind, LandlordCost

Action = AuditEntry.Action

ACTUALS_KIND = "actuals"
ACTUALS_SPEC = specs.Spec(
    ACTUALS_KIND,
    Actual,
    (
        specs.Column("reference", specs.TEXT, required=True),
        specs.Column("date", specs.DATE, required=True, field="on"),
        specs.Column("service", specs.CHOICE, required=True),
        specs.Column("amount", specs.DECIMAL, required=True),
        specs.Column("description", specs.TEXT),
    ),
)


def _allowance(budget: Budget) -> None:
    if budget.kind != BudgetKind.MANAGEMENT_ALLOWANCE:
        raise ValidationError(_("This is not a management allowance"))


def _check_actual(actual: Actual) -> dict[str, str]:
    """What an actual's values may be: the same on the form and in an import."""
    errors = {}
    if actual.on and actual.on > validation.today():
        errors["on"] = _("The date spent must be today or in the past")
    elif actual.on and actual.on < validation.EARLIEST:
        errors["on"] = str(validation.TOO_EARLY) % {"label": _("date")}
    elif actual.on and actual.budget.opened_on and actual.on < actual.budget.opened_on:
        errors["on"] = _("The allowance was opened on %(day)s: enter spend from then on") % {
            "day": actual.budget.opened_on.strftime("%d/%m/%Y")
        }
    if actual.amount is not None and actual.amount == 0:
        errors["amount"] = _("Enter an amount other than nothing")
    return errors


@transaction.atomic
def save_lines(
    *, budget: Budget, year: int, amounts: dict[str, Decimal | None], by: User | None
) -> list[AllowanceLine]:
    """Set the year's budget line for each service; an empty amount removes the line."""
    require(can.can_keep_allowance, user=by, organisation=budget.organisation)
    _allowance(budget)
    kept = []
    for service, amount in amounts.items():
        if service not in DelegatedService.values:
            raise ValidationError({service: _("Unknown service")})
        if amount is None:
            AllowanceLine.objects.filter(budget=budget, year=year, service=service).delete()
            continue
        line = AllowanceLine.objects.filter(budget=budget, year=year, service=service).first()
        line = line or AllowanceLine(budget=budget, year=year, service=service)
        line.amount, line.changed_by = amount, by
        line.full_clean()
        line.save()
        kept.append(line)
    record_change(
        organisation=budget.organisation,
        by=by,
        action=Action.CHANGED,
        what=_("Budget lines of %(budget)s for %(year)s/%(next)02d")
        % {"budget": budget, "year": year, "next": (year + 1) % 100},
    )
    return kept


@transaction.atomic
def save_actual(*, actual: Actual, by: User | None) -> Actual:
    """Add or correct one amount spent."""
    require(can.can_keep_allowance, user=by, organisation=actual.budget.organisation)
    _allowance(actual.budget)
    errors = _check_actual(actual)
    if errors:
        raise ValidationError(errors)
    created = actual.pk is None
    actual.recorded_by = actual.recorded_by or by
    actual.full_clean()
    actual.save()
    record_change(
        organisation=actual.budget.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=_("Actual spend %(reference)s") % {"reference": actual.reference},
    )
    return actual


@transaction.atomic
def save_landlord_cost(
    *, landlord: Organisation, year: int, service: str, cost_per_home: Decimal, by: User | None
) -> LandlordCost:
    """The landlord's own cost per home for a service in a year."""
    require(can.can_give_landlord_costs, user=by, organisation=landlord)
    cost = LandlordCost.objects.filter(landlord=landlord, year=year, service=service).first()
    cost = cost or LandlordCost(landlord=landlord, year=year, service=service)
    cost.cost_per_home = cost_per_home
    cost.full_clean()
    cost.save()
    record_change(
        organisation=landlord,
        by=by,
        action=Action.CHANGED,
        what=_("Own cost per home of %(service)s") % {"service": cost.get_service_display()},
    )
    return cost


# --- importing actuals ------------------------------------------------------------------------


@dataclass
class Problem:
    line: int
    column: str
    reason: str


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def accepted(self) -> bool:
        return self.problem_count == 0

    def add(self, line: int, column: str, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, column, str(reason)))


class _Rollback(Exception):
    pass


def import_actuals(
    *, budget: Budget, stream: IO[bytes], filename: str, dry_run: bool = False, by: User | None
) -> ImportOutcome:
    """Import (or with `dry_run`, only check) a file of actual spend into the allowance."""
    require(can.can_keep_allowance, user=by, organisation=budget.organisation)
    _allowance(budget)
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        table = open_table(stream, filename)
    except FileProblem as problem:
        outcome.add(problem.line or 1, "", str(problem))
        return outcome
    matched = match_columns(ACTUALS_SPEC, table.header, None)
    for column, reason in matched.problems:
        outcome.add(1, column, reason)
    if not outcome.accepted:
        return outcome
    where, headed = matched.positions, matched.headers
    readers = {
        "reference": text_parser(max_length=60),
        "date": parse_date,
        "service": choice_parser([(v, str(label)) for v, label in DelegatedService.choices]),
        "amount": decimal_parser(max_digits=12, places=2),
        "description": text_parser(max_length=300),
    }
    required = {c.name for c in ACTUALS_SPEC.columns if c.required}
    rows: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    try:
        for line, cells in table.rows:
            if not any(cells):
                continue
            outcome.rows += 1
            values: dict = {}
            for name, index in where.items():
                text = cells[index].strip() if index < len(cells) else ""
                if not text:
                    if name in required:
                        outcome.add(line, headed[name], _("is empty"))
                    values[name] = "" if name == "description" else None
                    continue
                try:
                    values[name] = readers[name](text)
                except Bad as bad:
                    outcome.add(line, headed[name], str(bad))
                    values[name] = None
            reference = values.get("reference")
            if reference:
                if reference in seen:
                    outcome.add(
                        line,
                        headed["reference"],
                        _("%(reference)s is also on line %(line)s")
                        % {"reference": reference, "line": seen[reference]},
                    )
                else:
                    seen[reference] = line
            actual = Actual(
                budget=budget,
                reference=reference or "",
                on=values.get("date"),
                service=values.get("service") or "",
                amount=values.get("amount"),
                description=values.get("description", ""),
            )
            for name, reason in _check_actual(actual).items():
                column = "date" if name == "on" else name
                outcome.add(line, headed.get(column, column), reason)
            rows.append((line, values))
            if outcome.problem_count > MAX_PROBLEMS:
                break
    except FileProblem as problem:
        outcome.add(problem.line or 0, "", str(problem))
    outcome.problems.sort(key=lambda p: p.line)
    if not outcome.accepted:
        return outcome
    try:
        with transaction.atomic():
            _merge(budget, rows, outcome, by)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return outcome


def _merge(budget: Budget, rows: list[tuple[int, dict]], outcome: ImportOutcome, by) -> None:
    stored = {
        a.reference: a
        for a in Actual.objects.select_for_update().filter(
            budget=budget, reference__in=[v["reference"] for _line, v in rows]
        )
    }
    new = []
    for _line, values in rows:
        actual = stored.get(values["reference"])
        wanted = {
            "on": values["date"],
            "service": values["service"],
            "amount": values["amount"],
        }
        if "description" in values:
            wanted["description"] = values["description"]
        if actual is None:
            new.append(
                Actual(budget=budget, reference=values["reference"], recorded_by=by, **wanted)
            )
        elif any(getattr(actual, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(actual, k, v)
            actual.save()
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    Actual.objects.bulk_create(new)
    outcome.created = len(new)
    record_change(
        organisation=budget.organisation,
        by=by,
        action=Action.IMPORTED,
        what=_("Actual spend of %(budget)s: %(created)s added, %(updated)s changed")
        % {"budget": budget, "created": outcome.created, "updated": outcome.updated},
    )
