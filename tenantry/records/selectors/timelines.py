"""Timelines: what happened to a record, in order, in words."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    AsbCase,
    Complaint,
    Repair,
    SafetyCheck,
    Void,
)
from .finding import start_of_day


@dataclass(frozen=True)
class Event:
    """Something that happened to a record, and when."""

    when: date | datetime
    label: str
    note: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def moment(self) -> datetime:
        return self.when if isinstance(self.when, datetime) else start_of_day(self.when)


def _in_order(events: Iterable[Event | None]) -> list[Event]:
    # Sorted by date; events on the same day keep the order the process runs in.
    return sorted((e for e in events if e is not None and e.when), key=lambda e: e.moment)


def _event(when, label: str, note: str = "") -> Event | None:
    return Event(when, label, note) if when else None


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "" if value is None else (yes if value else no)


def repair_timeline(repair: Repair) -> list[Event]:
    return _in_order(
        [
            _event(repair.reported_at, _("Reported")),
            _event(
                repair.appointment_at,
                _("Appointment"),
                _yes_no(repair.appointment_kept, _("Kept"), _("Not kept")),
            ),
            _event(repair.investigated_at, _("Hazard investigated")),
            _event(repair.made_safe_at, _("Made safe")),
            _event(repair.summary_sent_on, _("Written summary sent to the resident")),
            _event(repair.safety_work_done_on, _("Safety work done")),
            _event(repair.further_works_started_on, _("Further works started")),
            _event(
                repair.completed_at,
                _("Completed"),
                _yes_no(repair.right_first_time, _("Right first time"), _("Not right first time")),
            ),
        ]
    )


def void_timeline(void: Void) -> list[Event]:
    return _in_order(
        [
            _event(void.tenancy_ended_on, _("Tenancy ended"), void.get_reason_display()),
            _event(void.keys_returned_on, _("Keys returned")),
            _event(void.works_started_on, _("Works started")),
            _event(
                void.works_completed_on,
                _("Works completed"),
                _("Major works") if void.major_works else "",
            ),
            _event(void.ready_to_let_on, _("Ready to let")),
            _event(void.new_tenancy_started_on, _("New tenancy started")),
        ]
    )


def complaint_timeline(complaint: Complaint) -> list[Event]:
    def extended(days: int) -> str:
        return (
            ngettext("Extended by %(n)d working day", "Extended by %(n)d working days", days)
            % {"n": days}
            if days
            else ""
        )

    return _in_order(
        [
            _event(complaint.received_on, _("Received"), complaint.get_category_display()),
            _event(complaint.stage1_acknowledged_on, _("Acknowledged at stage 1")),
            _event(
                complaint.stage1_responded_on,
                _("Answered at stage 1"),
                extended(complaint.stage1_extension_days),
            ),
            _event(complaint.escalated_on, _("Escalated to stage 2")),
            _event(complaint.stage2_acknowledged_on, _("Acknowledged at stage 2")),
            _event(
                complaint.stage2_responded_on,
                _("Answered at stage 2"),
                extended(complaint.stage2_extension_days),
            ),
            _event(complaint.referred_to_ombudsman_on, _("Referred to the Housing Ombudsman")),
        ]
    )


def asb_timeline(case: AsbCase) -> list[Event]:
    return _in_order([_event(case.opened_on, _("Opened")), _event(case.closed_on, _("Closed"))])


def safety_check_timeline(check: SafetyCheck) -> list[Event]:
    return _in_order([_event(check.done_on, _("Visited"), check.get_outcome_display())])
