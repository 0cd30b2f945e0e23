"""The emails service records send, through `tenantry.core.email`.

- A resident who reports a repair or makes a complaint gets an acknowledgement with the dates
  they can expect, worked out by the same rules their pages show (`selectors/resident.py`:
  `repair_due`, `inspect_by`, `complaint_stage_deadlines`).
- They get a message when staff change what matters to them: a repair completed, cancelled,
  given an appointment or a priority; a complaint answered or escalated to stage 2.
- The organisation's staff who asked for them get each new report from a resident.

Who hears: a repair's updates go to the person who reported it while they still live in the
home (so an email that names the address reaches nobody else); a complaint's go to the person
who made it. Staff are told what came in and where to read it, never a resident's name, address
or words, which stay behind sign-in. Each function is called once from a service, and nothing
is sent unless that service's change commits.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.homes.models import Resident
from tenantry.homes.selectors import home_of
from tenantry.organisations.selectors import holders_of

from .models import Complaint, Record, Repair
from .selectors.resident import complaint_stage_deadlines, with_progress


def _link(name: str, record: Record, *args) -> str:
    return emails.absolute(reverse(name, args=[record.organisation.slug, *args]))


# --- who hears -------------------------------------------------------------------------------


def repair_resident(repair: Repair) -> User | None:
    """The resident to tell about a repair: its reporter, while they still live in the home."""
    user = repair.reported_by
    if not emails.wants(user, "my_cases") or repair.home_id is None:
        return None
    home = home_of(user=user)
    return user if home is not None and home.pk == repair.home_id else None


def complaint_resident(complaint: Complaint) -> User | None:
    """The resident to tell about a complaint: the person who made it."""
    user = complaint.made_by
    return user if emails.wants(user, "my_cases") else None


def office(record: Record, *, besides: User | None = None) -> list[User]:
    """The organisation's staff who asked to hear of new reports from residents."""
    staff = holders_of(organisation=record.organisation, role=Role.STAFF)
    return [
        user
        for user in staff.filter(emails_about_new_reports=True)
        if emails.wants(user, "new_reports") and (besides is None or user.pk != besides.pk)
    ]


# --- the emails ------------------------------------------------------------------------------


def _for_repair(repair: Repair) -> Repair:
    """The repair with the dates its resident pages show, from the one rule."""
    return with_progress(repair, timezone.now())


def _to_resident(
    user: User, record: Repair | Complaint, email: str, *, language: str | None, **extra
) -> emails.Email:
    """An email to the resident about their own repair or complaint (`email`: "reported" or
    "update"), with the dates its pages give."""
    if isinstance(record, Repair):
        template, url = f"records/email/repair_{email}", "services:my-repair"
        context = {"repair": _for_repair(record)}
    else:
        made = "made" if email == "reported" else email
        template, url = f"records/email/complaint_{made}", "services:my-complaint"
        record.deadlines = complaint_stage_deadlines(complaint=record)
        context = {"complaint": record}
    return emails.Email.to_user(
        user,
        fallback_language=language,
        template=template,
        organisation_name=record.organisation.name,
        reason="my_cases",
        context={
            **context,
            **extra,
            "organisation": record.organisation,
            "url": _link(url, record, record.pk),
        },
    )


def acknowledgement_to(
    user: User, record: Repair | Complaint, *, language: str | None = None
) -> emails.Email:
    """The resident's acknowledgement of their report, with the dates to expect."""
    return _to_resident(user, record, "reported", language=language)


def new_report_to(user: User, record: Repair | Complaint) -> emails.Email:
    """A staff member's notice of a new report: what kind, its reference, where to read it."""
    is_repair = isinstance(record, Repair)
    if is_repair:
        record = _for_repair(record)
    else:
        record.deadlines = complaint_stage_deadlines(complaint=record)
    return emails.Email.to_user(
        user,
        template="records/email/new_report",
        organisation_name=record.organisation.name,
        reason="new_reports",
        context={
            "record": record,
            "is_repair": is_repair,
            "url": _link(
                "services:record", record, "repairs" if is_repair else "complaints", record.pk
            ),
        },
    )


@dataclass(frozen=True)
class Changes:
    """What changed in a record that its resident is told about."""

    completed: bool = False
    cancelled: bool = False
    appointment: bool = False
    priority: bool = False
    answered: int = 0  # the stage answered
    escalated: bool = False

    def __bool__(self) -> bool:
        return any(vars(self).values())


def changes_between(before: Record, after: Record) -> Changes:
    """The changes a resident hears about, from the stored record to the one being saved."""
    if isinstance(after, Repair):
        cancelled = (Repair.Status.CANCELLED, Repair.Status.RECLASSIFIED)
        return Changes(
            completed=after.status == Repair.Status.COMPLETED != before.status,
            cancelled=after.status in cancelled and before.status not in cancelled,
            appointment=after.appointment_at is not None
            and after.appointment_at != before.appointment_at
            and after.status == Repair.Status.OPEN,
            priority=after.priority_id != before.priority_id and after.status == Repair.Status.OPEN,
        )
    if isinstance(after, Complaint):
        answered = 0
        if after.stage2_responded_on and not before.stage2_responded_on:
            answered = 2
        elif after.stage1_responded_on and not before.stage1_responded_on:
            answered = 1
        return Changes(
            answered=answered,
            escalated=bool(after.escalated_on and not before.escalated_on),
        )
    return Changes()


def update_to(
    user: User, record: Repair | Complaint, changes: Changes, *, language: str | None = None
) -> emails.Email:
    """The message to a resident about what changed in their repair or complaint."""
    return _to_resident(user, record, "update", language=language, changes=changes)


def resident_of(record: Repair | Complaint) -> User | None:
    """The resident who hears about a record (see the module's docstring)."""
    return repair_resident(record) if isinstance(record, Repair) else complaint_resident(record)


# --- called from services --------------------------------------------------------------------


def report_received(*, record: Repair | Complaint, by: User) -> None:
    """A resident's new report: their acknowledgement, and the office's notice."""
    resident = resident_of(record)
    # The acknowledgement answers what they did just now: the language they did it in.
    language = translation.get_language()
    emails.send(
        [
            *([acknowledgement_to(resident, record, language=language)] if resident else []),
            *(new_report_to(user, record) for user in office(record, besides=by)),
        ]
    )


def _resident_language(user: User) -> str | None:
    """The language the organisation records for a resident, for emails staff's changes send."""
    return Resident.objects.filter(user=user).values_list("language", flat=True).first()


def _send_update(record: Repair | Complaint, changes: Changes) -> None:
    resident = resident_of(record)
    if resident is not None:
        language = _resident_language(resident)
        emails.send([update_to(resident, record, changes, language=language)])


def record_changing(*, record: Record) -> None:
    """Before staff save a change: once it commits, tell the resident what changed."""
    if not isinstance(record, (Repair, Complaint)) or record.pk is None:
        return
    before = type(record).objects.filter(pk=record.pk).first()
    changes = changes_between(before, record) if before else Changes()
    if changes:
        # Built after the commit, so the dates are those of the record as saved.
        transaction.on_commit(lambda: _send_update(record, changes))
