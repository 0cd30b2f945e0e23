"""What a record's values may possibly be: one home for every kind's rules.

A repair cannot be reported tomorrow, completed before it was reported or cost less than
nothing. Each kind of record lists its rules here once, and every way a record comes in calls
them: the staff forms (`RecordForm.clean`), the imports (`imports/specs.py` binds them to a
file's columns) and, where the database can hold a rule without knowing today's date, a
`CheckConstraint` (`constraints()`, used in each model's `Meta`).

- **Not in the future.** What has happened (reported, completed, opened, closed, received,
  answered, done, let) is on or before today, England's date (`today()`). What is planned (an
  appointment, a safety check's due date, the end of a rent period or tenancy) may be later.
- **In order.** What follows an event is on or after it: completed, appointment and the
  Awaab's Law steps on or after the report; a case closed on or after it opened; void works
  finished after they started; ready to let and the new tenancy after the old one ended, and
  the new tenancy after the home was ready to let.
- **Not negative.** Costs and rent charged, collected and written off are £0 or more. Arrears
  brought and carried forward may be negative: a household that has paid ahead is in credit.
- **Not before 1900.** No record Tenantry keeps is older; an earlier date is a mistyped year.

Each rule carries the message a person is shown, naming the field and saying what to do (the
GOV.UK pattern): on a form beside the field, in an import beside the line and column.
Values are compared as they are given: dates, aware date-times and Decimals from a form;
ISO text (dates) and UK wall-clock ISO text (date-times) from an import (see imports/values.py).
A date is compared with a date-time by the date-time's day in England.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import CheckConstraint, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)


def today() -> date:
    """Today's date in England (settings.TIME_ZONE is Europe/London), the one "today" every
    rule is judged against."""
    return timezone.localdate()


@dataclass(frozen=True)
class NotInFuture:
    field: str
    message: Promise


@dataclass(frozen=True)
class NotBefore:
    later: str
    earlier: str
    message: Promise


@dataclass(frozen=True)
class NotNegative:
    field: str
    message: Promise


Rule = NotInFuture | NotBefore | NotNegative

RULES: dict[str, tuple[Rule, ...]] = {
    "repair": (
        NotInFuture(
            "reported_at", _("The date the repair was reported must be today or in the past")
        ),
        NotInFuture("completed_at", _("The completion date must be today or in the past")),
        NotInFuture(
            "investigated_at", _("The date of the investigation must be today or in the past")
        ),
        NotInFuture(
            "made_safe_at", _("The date the hazard was made safe must be today or in the past")
        ),
        NotInFuture(
            "summary_sent_on", _("The date the summary was sent must be today or in the past")
        ),
        NotInFuture(
            "safety_work_done_on", _("The date of the safety work must be today or in the past")
        ),
        NotInFuture(
            "further_works_started_on",
            _("The date further works started must be today or in the past"),
        ),
        NotBefore(
            "completed_at",
            "reported_at",
            _("Enter a completion date on or after the reported date"),
        ),
        NotBefore(
            "appointment_at", "reported_at", _("Enter an appointment on or after the reported date")
        ),
        NotBefore(
            "investigated_at",
            "reported_at",
            _("Enter an investigation date on or after the reported date"),
        ),
        NotBefore(
            "made_safe_at", "reported_at", _("Enter a made safe date on or after the reported date")
        ),
        NotNegative("cost", _("Enter a cost of £0 or more")),
    ),
    "void": (
        NotInFuture(
            "tenancy_ended_on", _("The date the tenancy ended must be today or in the past")
        ),
        NotInFuture(
            "keys_returned_on", _("The date the keys were returned must be today or in the past")
        ),
        NotInFuture("works_started_on", _("The date works started must be today or in the past")),
        NotInFuture(
            "works_completed_on", _("The date works were completed must be today or in the past")
        ),
        NotInFuture("ready_to_let_on", _("The ready to let date must be today or in the past")),
        NotInFuture(
            "new_tenancy_started_on",
            _("The date the new tenancy started must be today or in the past"),
        ),
        NotBefore(
            "works_completed_on",
            "works_started_on",
            _("Enter a works completed date on or after the works started date"),
        ),
        NotBefore(
            "ready_to_let_on",
            "tenancy_ended_on",
            _("Enter a ready to let date on or after the date the tenancy ended"),
        ),
        NotBefore(
            "new_tenancy_started_on",
            "tenancy_ended_on",
            _("Enter a new tenancy date on or after the date the tenancy ended"),
        ),
        NotBefore(
            "new_tenancy_started_on",
            "ready_to_let_on",
            _("Enter a new tenancy date on or after the ready to let date"),
        ),
    ),
    "rentperiod": (
        NotInFuture("starts_on", _("The first day of the period must be today or in the past")),
        NotBefore(
            "ends_on", "starts_on", _("Enter a last day of the period on or after its first day")
        ),
        NotNegative("rent_due", _("Enter rent due of £0 or more")),
        NotNegative("collected", _("Enter rent collected of £0 or more")),
        NotNegative("written_off", _("Enter an amount written off of £0 or more")),
    ),
    "complaint": (
        NotInFuture(
            "received_on", _("The date the complaint was received must be today or in the past")
        ),
        NotInFuture(
            "stage1_acknowledged_on",
            _("The stage 1 acknowledgement date must be today or in the past"),
        ),
        NotInFuture(
            "stage1_responded_on", _("The stage 1 answer date must be today or in the past")
        ),
        NotInFuture("escalated_on", _("The escalation date must be today or in the past")),
        NotInFuture(
            "stage2_acknowledged_on",
            _("The stage 2 acknowledgement date must be today or in the past"),
        ),
        NotInFuture(
            "stage2_responded_on", _("The stage 2 answer date must be today or in the past")
        ),
        NotInFuture(
            "referred_to_ombudsman_on", _("The referral date must be today or in the past")
        ),
        NotBefore(
            "stage1_acknowledged_on",
            "received_on",
            _("Enter a stage 1 acknowledgement on or after the day the complaint was received"),
        ),
        NotBefore(
            "stage1_responded_on",
            "received_on",
            _("Enter a stage 1 answer date on or after the day the complaint was received"),
        ),
        NotBefore(
            "stage1_responded_on",
            "stage1_acknowledged_on",
            _("Enter a stage 1 answer date on or after the acknowledgement"),
        ),
        NotBefore(
            "escalated_on",
            "received_on",
            _("Enter an escalation date on or after the day the complaint was received"),
        ),
        NotBefore(
            "stage2_acknowledged_on",
            "escalated_on",
            _("Enter a stage 2 acknowledgement date on or after the escalation"),
        ),
        NotBefore(
            "stage2_responded_on",
            "escalated_on",
            _("Enter a stage 2 answer date on or after the escalation"),
        ),
        NotBefore(
            "stage2_responded_on",
            "stage2_acknowledged_on",
            _("Enter a stage 2 answer date on or after the acknowledgement"),
        ),
        NotBefore(
            "referred_to_ombudsman_on",
            "received_on",
            _("Enter a referral date on or after the day the complaint was received"),
        ),
    ),
    "asbcase": (
        NotInFuture("opened_on", _("The date the case was opened must be today or in the past")),
        NotInFuture("closed_on", _("The date the case was closed must be today or in the past")),
        NotBefore("closed_on", "opened_on", _("Enter a closing date on or after the opening date")),
    ),
    "asbreport": (
        NotInFuture(
            "received_on", _("The date the report was received must be today or in the past")
        ),
    ),
    "safetycheck": (
        NotInFuture("done_on", _("The date the check was done must be today or in the past")),
    ),
    "decenthomesstatus": (
        NotInFuture("since", _("The date the home's status changed must be today or in the past")),
    ),
    "estateinspection": (
        NotInFuture("inspected_on", _("The date of the inspection must be today or in the past")),
    ),
    "household": (
        NotBefore(
            "ended_on", "started_on", _("Enter a tenancy end date on or after the date it started")
        ),
    ),
}

TOO_EARLY = _("%(label)s must be in 1900 or later")


def rules_of(model_name: str) -> tuple[Rule, ...]:
    """The rules of one kind of record, by its model's name (`Model._meta.model_name`)."""
    return RULES.get(model_name, ())


def fields_of(rule: Rule) -> tuple[str, ...]:
    """The fields a rule reads."""
    return (rule.later, rule.earlier) if isinstance(rule, NotBefore) else (rule.field,)


# --- comparing values ----------------------------------------------------------------------


def comparable(value):
    """A date or moment as text that sorts like it (an aware date-time as its wall-clock time
    in England, as an import reads it); text is already so; anything else as it is."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def is_earlier(a: str, b: str) -> bool:
    """Whether `a` is before `b`; a date and a date-time are compared by day."""
    if len(a) != len(b) and (len(a) == 10 or len(b) == 10):
        return a[:10] < b[:10]
    return a < b


def broken(rule: Rule, values: Mapping, *, today_text: str) -> bool:
    """Whether `values` (field name -> value; missing or None is not checked) break `rule`.
    Dates are compared as `comparable` text; `today_text` is `today().isoformat()`."""
    if isinstance(rule, NotInFuture):
        value = values.get(rule.field)
        return value is not None and comparable(value)[:10] > today_text
    if isinstance(rule, NotBefore):
        later, earlier = values.get(rule.later), values.get(rule.earlier)
        if later is None or earlier is None:
            return False
        return is_earlier(comparable(later), comparable(earlier))
    value = values.get(rule.field)
    return value is not None and Decimal(value) < 0


def too_early(value) -> bool:
    """Whether a date (or moment) is before 1900."""
    return value is not None and comparable(value)[:10] < EARLIEST.isoformat()


def problems(model_name: str, values: Mapping, *, on: date | None = None) -> list[tuple[str, str]]:
    """Every rule of the kind that `values` break, as (field, message); at most one a field,
    the first rule listed for it."""
    today_text = (on or today()).isoformat()
    found: dict[str, str] = {}
    for rule in rules_of(model_name):
        field = fields_of(rule)[0]
        if field not in found and broken(rule, values, today_text=today_text):
            found[field] = str(rule.message)
    return list(found.items())


# --- in the database -----------------------------------------------------------------------


def constraints(model_name: str) -> list[CheckConstraint]:
    """The rules the database holds too: amounts not negative (no date is needed to check
    them). Orders the database already held are declared beside their models."""
    return [
        CheckConstraint(
            condition=Q(**{f"{rule.field}__isnull": True}) | Q(**{f"{rule.field}__gte": 0}),
            name=f"{model_name}_{rule.field}_not_negative",
        )
        for rule in rules_of(model_name)
        if isinstance(rule, NotNegative)
    ]


# An ASB report's row may give the day its case closed (a column the report does not keep).
ASB_CASE_CLOSED_RULES: tuple[Rule, ...] = (
    NotInFuture("case_closed_on", _("The date the case was closed must be today or in the past")),
    NotBefore(
        "case_closed_on",
        "received_on",
        _("Enter a case closing date on or after the day the report was received"),
    ),
)
