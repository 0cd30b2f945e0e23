"""One declarative spec per kind of file: its columns, the rules across columns, its key.

A column names the model field it fills and the type of value it holds; limits (lengths,
choices, 1–5 scores, decimal places) come from the model field itself, so the import and the
on-screen forms cannot disagree. docs/imports.md describes every column of every spec (a test
keeps it so).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext as _

from tenantry.homes.models import STOCK_TYPE_OF_TENURE, Home, Household

from .. import asb, validation
from .. import models as records
from ..models import ImportKind

# Column types.
TEXT, INT, DECIMAL, DATE, DATETIME, BOOL, CHOICE = (
    "text", "int", "decimal", "date", "datetime", "bool", "choice"
)  # fmt: skip
HOME, BLOCK, ESTATE, PRIORITY, HOUSEHOLD = "home", "block", "estate", "priority", "household"
CASE = "case"  # an anti-social behaviour case's reference, found or opened after the merge
BLOCK_ON_ESTATE = "block-on-estate"  # a block reference read within the row's estate


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    field: str = ""  # the model field it fills; the column's name unless given
    stored: bool = True  # False: only read to find something else (rent's home → household)

    @property
    def field_name(self) -> str:
        return self.field or self.name


class Row:
    """What a rule sees while it is bound to one file: where each column is, and its header."""

    def __init__(self, positions: dict[str, int], headers: dict[str, str], lookups, organisation):
        self.positions, self.headers = positions, headers
        self.lookups, self.organisation = lookups, organisation
        self.derived: list[str] = []
        # What a rule keeps from the rows for the spec's `after_merge` (by row reference).
        self.kept: dict[str, tuple] = {}

    def at(self, name: str) -> int | None:
        return self.positions.get(name)

    def slot(self, name: str) -> int:
        """The position of a value the rule fills in: the column's, or a new one after them."""
        if name not in self.positions:
            self.positions[name] = len(self.positions)
            self.derived.append(name)
        return self.positions[name]

    def header(self, name: str) -> str:
        return self.headers.get(name, name)


# A bound rule takes one row's values (which it may complete) and returns its problems as
# (our column name, reason) pairs.
Check = Callable[[list], list[tuple[str, str]] | None]
Rule = Callable[[Row], Check | None]


def possible_values(spec: "Spec", present: list[str]) -> list[Rule]:
    """The kind's rules of what its values may be (records/validation.py), bound to the
    columns the file has, and no date before 1900 in any date column."""
    rules: list[Rule] = [_bound(rule) for rule in validation.rules_of(spec.model._meta.model_name)]
    dated = [n for n in present if spec.column(n).type in (DATE, DATETIME)]
    return [*rules, _not_too_early(dated)]


def _bound(rule: validation.Rule) -> Rule:
    def bind(row: Row) -> Check | None:
        message = str(rule.message)
        if isinstance(rule, validation.NotBefore):
            i, j = row.at(rule.later), row.at(rule.earlier)
            if i is None or j is None:
                return None
            earlier = validation.is_earlier  # compares ISO text, a date with a moment by day

            def check(values):
                if (
                    values[i] is not None
                    and values[j] is not None
                    and earlier(values[i], values[j])
                ):
                    return [(rule.later, message)]

            return check
        i = row.at(rule.field)
        if i is None:
            return None
        if isinstance(rule, validation.NotInFuture):
            today = validation.today().isoformat()

            def check(values):
                if values[i] is not None and values[i][:10] > today:
                    return [(rule.field, message)]

            return check

        def check(values):
            if values[i] is not None and values[i] < 0:
                return [(rule.field, message)]

        return check

    return bind


def _not_too_early(names: list[str]) -> Rule:
    earliest = validation.EARLIEST.isoformat()

    def bind(row: Row) -> Check | None:
        positions = [
            (row.at(n), n, str(validation.TOO_EARLY) % {"label": row.header(n)}) for n in names
        ]
        if not positions:
            return None

        def check(values):
            return [
                (name, message)
                for i, name, message in positions
                if values[i] is not None and values[i][:10] < earliest
            ] or None

        return check

    return bind


def repair_due() -> Rule:
    """A repair's target time follows from its priority and when it was reported (RP02)."""

    def bind(row: Row) -> Check | None:
        priority, reported = row.at("priority"), row.at("reported_at")
        due = row.slot("due_at")
        timescales = row.lookups.priority_timescales
        by_day: dict[tuple[int, str], str] = {}  # a target in days depends on the day alone

        def check(values):
            pk, moment = values[priority], values[reported]
            if pk is None or moment is None:
                return
            timescale = timescales[pk]
            # Date-times are UK wall-clock ISO text here (values.py): the day is its first part.
            key = (pk, moment[:10])
            if timescale.unit == "hours" or key not in by_day:
                found = timescale.due(datetime.fromisoformat(moment)).isoformat(sep=" ")
                if timescale.unit == "hours":
                    values[due] = found
                    return
                by_day[key] = found
            values[due] = by_day[key]

        return check

    return bind


def hazard_dates() -> Rule:
    """A completed hazard repair has each Awaab's Law step's date or a reason it was not
    recorded: `Repair.missing_hazard_dates`, the rule the forms and services apply."""
    names = (
        "hazard", "trade", "reported_at", "completed_at", "investigated_at", "made_safe_at",
        "summary_sent_on", "safety_work_done_on", "further_works_started_on",
        "hazard_dates_reason",
    )  # fmt: skip

    def bind(row: Row) -> Check | None:
        at = {name: row.at(name) for name in names if row.at(name) is not None}
        if "hazard" not in at or "completed_at" not in at:
            return None
        parse = {
            "reported_at": datetime.fromisoformat, "completed_at": datetime.fromisoformat,
            "investigated_at": datetime.fromisoformat, "made_safe_at": datetime.fromisoformat,
            "summary_sent_on": date.fromisoformat, "safety_work_done_on": date.fromisoformat,
            "further_works_started_on": date.fromisoformat,
        }  # fmt: skip
        reason = _("is empty: a completed hazard repair needs it, or a %(column)s") % {
            "column": row.header("hazard_dates_reason")
        }

        def check(values):
            if not values[at["hazard"]] or values[at["completed_at"]] is None:
                return None
            fields = {}
            for name, i in at.items():
                value = values[i]
                if value is not None and name in parse:
                    value = parse[name](value)
                fields[name] = value if value is not None else ("" if name in TEXT_FIELDS else None)
            missing = records.Repair(**fields).missing_hazard_dates()
            return [(name, reason) for name in missing]

        return check

    return bind


TEXT_FIELDS = {"hazard", "trade", "hazard_dates_reason"}


def needs_one_of(*names: str) -> Rule:
    def bind(row: Row) -> Check | None:
        positions = [row.at(n) for n in names if row.at(n) is not None]
        shown = _(" or ").join(row.header(n) for n in names)
        reason = _("needs a %(columns)s") % {"columns": shown}

        if len(positions) == 1:
            (i,) = positions
            return lambda values: [(names[0], reason)] if values[i] is None else None
        if len(positions) == 2:
            i, j = positions
            return lambda values: (
                [(names[0], reason)] if values[i] is None and values[j] is None else None
            )
        return lambda values: (
            [(names[0], reason)] if all(values[i] is None for i in positions) else None
        )

    return bind


def required_when(name: str, column: str, value: str) -> Rule:
    def bind(row: Row) -> Check | None:
        i, j = row.at(name), row.at(column)
        if j is None:
            return None
        reason = _("is required when %(column)s is %(value)s") % {
            "column": row.header(column),
            "value": value,
        }
        if i is None:
            return lambda values: [(name, reason)] if values[j] == value else None
        return lambda values: [(name, reason)] if values[j] == value and values[i] is None else None

    return bind


def block_on_estate(block: str = "block", estate: str = "estate") -> Rule:
    """An inspection's block, if given, stands on the inspected estate."""

    def bind(row: Row) -> Check | None:
        i, j = row.at(block), row.at(estate)
        if i is None or j is None:
            return None
        estate_of = row.lookups.block_estates
        reason = _("is not on that %(estate)s") % {"estate": row.header(estate)}

        def check(values):
            if values[i] is not None and estate_of[values[i]] != values[j]:
                return [(block, reason)]

        return check

    return bind


def household_of_home(household: str = "household", home: str = "home") -> Rule:
    """A tenancy reference is unique only within its home, so it is read with the home."""

    def bind(row: Row) -> Check | None:
        i, j = row.at(household), row.at(home)
        households = row.lookups.households
        reason = _("is not a tenancy of that home")

        def check(values):
            if values[i] is None or values[j] is None:
                return None
            found = households.get((values[j], values[i]))
            if found is None:
                return [(household, f"{values[i]} {reason}")]
            values[i] = found

        return check

    return bind


def rent_balances() -> Rule:
    """Arrears carried forward = brought forward + due − collected − written off; worked out
    when the column is left out or empty."""

    def bind(row: Row) -> Check | None:
        bf, due, paid = row.at("arrears_brought_forward"), row.at("rent_due"), row.at("collected")
        off = row.at("written_off")
        carried = row.slot("arrears_carried_forward")

        def check(values):
            if values[bf] is None or values[due] is None or values[paid] is None:
                return None  # a cell that could not be read: its own problem is reported
            expected = values[bf] + values[due] - values[paid] - (values[off] if off else 0)
            if values[carried] is None:
                values[carried] = expected
            elif values[carried] != expected:
                reason = _(
                    "should be %(expected)s: brought forward + due − collected − written off"
                ) % {"expected": expected}
                return [("arrears_carried_forward", reason)]

        return check

    return bind


def home_details() -> Rule:
    """A home's block is looked up on its estate, and its stock type follows its tenure. A
    managing organisation corrects the homes it manages; new homes come from the landlord."""

    def bind(row: Row) -> Check | None:
        estate, block = row.at("estate"), row.at("block")
        tenure, reference = row.at("tenure"), row.at("reference")
        stock = row.slot("stock_type") if tenure is not None else None
        blocks = row.lookups.blocks_by_estate
        managed = None if row.organisation.is_landlord else row.lookups.homes
        not_on_estate = _("is not a block on that %(estate)s") % {"estate": row.header("estate")}
        not_managed = _(
            "is not one of the homes %(organisation)s manages: new homes are added by the landlord"
        ) % {"organisation": row.organisation.name}

        def check(values):
            problems = []
            if block is not None:
                if values[block]:
                    found = blocks.get((values[estate], values[block]))
                    if found is None:
                        problems.append(("block", f"{values[block]} {not_on_estate}"))
                    values[block] = found
                else:
                    values[block] = None
            if stock is not None and values[tenure] is not None:
                values[stock] = STOCK_TYPE_OF_TENURE[values[tenure]]
            if managed is not None and values[reference] and values[reference] not in managed:
                problems.append(("reference", f"{values[reference]} {not_managed}"))
            return problems

        return check

    return bind


def asb_case_given() -> Rule:
    """A report's row may name its case and the day that case closed: kept, by the report's
    reference, for placing the file's reports in their cases after the merge."""

    def bind(row: Row) -> Check | None:
        reference, case, closed = row.at("reference"), row.at("case"), row.at("case_closed_on")
        kept = row.kept

        def check(values):
            kept[values[reference]] = (
                values[case] if case is not None else None,
                values[closed] if closed is not None else None,
            )

        return check

    return bind


@dataclass(frozen=True)
class Spec:
    kind: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...] = ()
    # The upsert key: the fields that identify a row, besides the owner.
    key: tuple[str, ...] = ("reference",)
    # Which foreign key ties a row to who imports it: the responsible organisation, the
    # landlord (homes), or nothing because the key's home already does (households).
    owner: str = "organisation"
    # Other unique pairs in the model, checked against the file and the stored rows.
    also_unique: tuple[tuple[str, ...], ...] = ()
    timestamps: bool = True
    history: bool = False
    needs_one_of: tuple[str, ...] = field(default=())
    # Run after the rows are merged, in the same transaction: (organisation, row.kept).
    after_merge: Callable | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def model_field(self, column: Column) -> models.Field | None:
        return self.model._meta.get_field(column.field_name) if column.stored else None


REFERENCE = Column("reference", TEXT, required=True)

SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (
        Spec(
            ImportKind.REPAIRS,
            records.Repair,
            (
                REFERENCE,
                Column("home", HOME),
                Column("block", BLOCK),
                Column("priority", PRIORITY, required=True),
                Column("reported_at", DATETIME, required=True),
                Column("kind", CHOICE),
                Column("status", CHOICE),
                Column("trade", CHOICE),
                Column("description", TEXT),
                Column("appointment_at", DATETIME),
                Column("appointment_kept", BOOL),
                Column("completed_at", DATETIME),
                Column("right_first_time", BOOL),
                Column("cost", DECIMAL),
                Column("contractor", TEXT),
                Column("satisfaction", INT),
                Column("satisfaction_comment", TEXT),
                Column("hazard", CHOICE),
                Column("investigated_at", DATETIME),
                Column("made_safe_at", DATETIME),
                Column("summary_sent_on", DATE),
                Column("safety_work_done_on", DATE),
                Column("further_works_started_on", DATE),
                Column("hazard_dates_reason", TEXT),
            ),
            rules=(
                required_when("completed_at", "status", "completed"),
                repair_due(),
                hazard_dates(),
            ),
            needs_one_of=("home", "block"),
        ),
        Spec(
            ImportKind.VOIDS,
            records.Void,
            (
                REFERENCE,
                Column("home", HOME, required=True),
                Column("reason", CHOICE, required=True),
                Column("tenancy_ended_on", DATE, required=True),
                Column("keys_returned_on", DATE),
                Column("works_started_on", DATE),
                Column("works_completed_on", DATE),
                Column("major_works", BOOL),
                Column("ready_to_let_on", DATE),
                Column("new_tenancy_started_on", DATE),
            ),
        ),
        Spec(
            ImportKind.RENT,
            records.RentPeriod,
            (
                REFERENCE,
                Column("home", HOME, required=True, stored=False),
                Column("household", HOUSEHOLD, required=True),
                Column("starts_on", DATE, required=True),
                Column("ends_on", DATE, required=True),
                Column("arrears_brought_forward", DECIMAL, required=True),
                Column("rent_due", DECIMAL, required=True),
                Column("collected", DECIMAL, required=True),
                Column("written_off", DECIMAL),
                Column("arrears_carried_forward", DECIMAL),
            ),
            rules=(household_of_home(), rent_balances()),
        ),
        Spec(
            ImportKind.COMPLAINTS,
            records.Complaint,
            (
                REFERENCE,
                Column("home", HOME),
                Column("category", CHOICE, required=True),
                Column("description", TEXT),
                Column("received_on", DATE, required=True),
                Column("stage1_acknowledged_on", DATE),
                Column("stage1_responded_on", DATE),
                Column("stage1_extension_days", INT),
                Column("escalated_on", DATE),
                Column("stage2_acknowledged_on", DATE),
                Column("stage2_responded_on", DATE),
                Column("stage2_extension_days", INT),
                Column("outcome", CHOICE),
                Column("referred_to_ombudsman_on", DATE),
            ),
        ),
        # Each row is one report; `records.asb` then puts each new report in its case (the
        # case the row names, else the open case of the same matter, else a new one).
        Spec(
            ImportKind.ASB,
            records.AsbReport,
            (
                REFERENCE,
                Column("case", CASE, stored=False),
                Column("home", HOME),
                Column("estate", ESTATE),
                Column("category", CHOICE, required=True),
                Column("is_hate_incident", BOOL),
                Column("received_on", DATE, required=True),
                Column("channel", CHOICE),
                Column("reporter_name", TEXT),
                Column("description", TEXT),
                Column("case_closed_on", DATE, stored=False),
            ),
            rules=(*map(_bound, validation.ASB_CASE_CLOSED_RULES), asb_case_given()),
            needs_one_of=("home", "estate"),
            after_merge=lambda organisation, kept: asb.place_imported_reports(
                organisation=organisation, given=kept
            ),
        ),
        Spec(
            ImportKind.SAFETY_CHECKS,
            records.SafetyCheck,
            (
                REFERENCE,
                Column("kind", CHOICE, required=True),
                Column("home", HOME),
                Column("block", BLOCK),
                Column("due_on", DATE, required=True),
                Column("done_on", DATE),
                Column("outcome", CHOICE),
            ),
            needs_one_of=("home", "block"),
        ),
        Spec(
            ImportKind.DECENT_HOMES,
            records.DecentHomesStatus,
            (
                REFERENCE,
                Column("home", HOME, required=True),
                Column("meets_standard", BOOL, required=True),
                Column("since", DATE, required=True),
            ),
            also_unique=(("home", "since"),),
        ),
        Spec(
            ImportKind.INSPECTIONS,
            records.EstateInspection,
            (
                REFERENCE,
                Column("estate", ESTATE, required=True),
                Column("block", BLOCK),
                Column("inspected_on", DATE, required=True),
                Column("place", TEXT),
                Column("inspector_name", TEXT, required=True),
                Column("inspector_kind", CHOICE, required=True),
                Column("cleanliness", INT, required=True),
                Column("litter", INT, required=True),
                Column("graffiti", INT, required=True),
                Column("lighting", INT, required=True),
                Column("repairs_needed", TEXT),
            ),
            rules=(block_on_estate(),),
        ),
        Spec(
            ImportKind.HOMES,
            Home,
            (
                REFERENCE,
                Column("estate", ESTATE, required=True),
                Column("block", BLOCK_ON_ESTATE),
                Column("address", TEXT, required=True),
                Column("postcode", TEXT, required=True),
                Column("home_type", CHOICE, required=True),
                Column("bedrooms", INT, required=True),
                Column("tenure", CHOICE, required=True),
            ),
            rules=(home_details(),),
            owner="landlord",
            timestamps=False,
            history=True,
        ),
        Spec(
            ImportKind.HOUSEHOLDS,
            Household,
            (
                Column("home", HOME, required=True),
                REFERENCE,
                Column("started_on", DATE, required=True),
                Column("ended_on", DATE),
            ),
            key=("home", "reference"),
            owner="",
            timestamps=False,
        ),
    )
}
