"""The kinds of service record, in one registry: what each is, who keeps it, how it is shown.

Every part of Tenantry that deals with "a kind of record" reads this: the staff pages (which add
their forms, columns and filters), the imports (a kind's slug is its `ImportKind` and the name
of its import spec), the rule about who keeps which records, and the lists of records behind
an indicator's figure. A new kind of record is added here first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Model
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.figures import money_text
from tenantry.homes.models import Home
from tenantry.organisations.models import DelegatedService

from .models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    ImportKind,
    Record,
    RentPeriod,
    Repair,
    SafetyCheck,
    Void,
)


def day_text(value: date | datetime | None) -> str:
    """A date ("3 Nov 2025") or a moment in UK time ("3 Nov 2025 09:15") in a line of details."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = localtime(value) if is_aware(value) else value
        return date_format(value, "j M Y H:i")
    return date_format(value, "j M Y")


def _repair(record: Repair) -> list:
    return [
        record.priority.name if record.priority else _("awaiting triage"),
        _("reported %(when)s") % {"when": day_text(record.reported_at)},
        _("target %(when)s") % {"when": day_text(record.due_at)} if record.due_at else "",
        _("completed %(when)s") % {"when": day_text(record.completed_at)}
        if record.completed_at
        else _("not completed"),
    ]


def _complaint(record: Complaint) -> list:
    parts = [
        _("received %(when)s") % {"when": day_text(record.received_on)},
        _("answered %(when)s") % {"when": day_text(record.stage1_responded_on)}
        if record.stage1_responded_on
        else _("not answered"),
    ]
    if record.escalated_on:
        parts += [
            _("escalated %(when)s") % {"when": day_text(record.escalated_on)},
            _("stage 2 answered %(when)s") % {"when": day_text(record.stage2_responded_on)}
            if record.stage2_responded_on
            else _("stage 2 not answered"),
        ]
    return parts


def _asb(record: AsbCase) -> list:
    return [
        record.get_category_display(),
        _("opened %(when)s") % {"when": day_text(record.opened_on)},
        _("closed %(when)s") % {"when": day_text(record.closed_on)} if record.closed_on else "",
        _("hate incident") if record.is_hate_incident else "",
    ]


def _safety_check(record: SafetyCheck) -> list:
    return [
        record.get_kind_display(),
        _("due %(when)s") % {"when": day_text(record.due_on)},
        _("done %(when)s") % {"when": day_text(record.done_on)}
        if record.done_on
        else _("not done"),
        record.get_outcome_display() if record.outcome else "",
    ]


def _void(record: Void) -> list:
    return [
        _("tenancy ended %(when)s") % {"when": day_text(record.tenancy_ended_on)},
        _("let %(when)s") % {"when": day_text(record.new_tenancy_started_on)}
        if record.new_tenancy_started_on
        else _("not let"),
    ]


def _rent(record: RentPeriod) -> list:
    return [
        _("%(start)s to %(end)s")
        % {"start": day_text(record.starts_on), "end": day_text(record.ends_on)},
        _("due £%(due)s, collected £%(collected)s")
        % {
            "due": money_text(record.rent_due),
            "collected": money_text(record.collected),
        },
    ]


def _inspection(record: EstateInspection) -> list:
    return [_("inspected %(when)s") % {"when": day_text(record.inspected_on)}]


def _none(record: Record) -> list:
    return []


@dataclass(frozen=True)
class RecordKind:
    """One kind of service record."""

    slug: str  # in URLs, on the command line and as the import's kind: "safety-checks"
    model: type[Record]
    # The delegated service(s) behind the kind: an organisation other than the landlord keeps
    # these records only while an agreement in force delegates one of them.
    services: tuple[str, ...]
    service_words: Promise  # the service, inside a sentence: "building safety"
    record_words: Promise  # the records, inside a sentence: "safety checks"
    date_field: str  # the date a list is ordered and filtered by
    related: tuple[str, ...]  # what a row in a list shows besides the record itself
    estate_lookups: tuple[str, ...]  # how a record reaches its estate
    details: Callable[[Record], list] = _none  # its dates and what they show, for a list

    @property
    def home_lookup(self) -> str:
        """How a record reaches the home it is about ("home", "household__home"), or ""."""
        return next((path for path in self.related if path.split("__")[-1] == "home"), "")

    @property
    def import_kind(self) -> ImportKind:
        """The import spec (`records.imports.specs.SPECS`) that reads files of this kind."""
        return ImportKind(self.slug)


KINDS: dict[str, RecordKind] = {
    kind.slug: kind
    for kind in (
        RecordKind(
            "repairs", Repair, (DelegatedService.REPAIRS,),
            gettext_lazy("repairs"), gettext_lazy("repairs"),
            "reported_at", ("home", "block", "priority", "organisation"),
            ("home__estate", "block__estate"),
            _repair,
        ),
        RecordKind(
            "voids", Void, (DelegatedService.VOIDS_LETTINGS,),
            gettext_lazy("voids and lettings"), gettext_lazy("voids"),
            "tenancy_ended_on", ("home",), ("home__estate",), _void,
        ),
        RecordKind(
            "rent", RentPeriod, (DelegatedService.RENT_COLLECTION,),
            gettext_lazy("rent collection"), gettext_lazy("rent"),
            "starts_on", ("household__home",), ("household__home__estate",), _rent,
        ),
        RecordKind(
            "complaints", Complaint, (DelegatedService.COMPLAINTS,),
            gettext_lazy("complaints"), gettext_lazy("complaints"),
            "received_on", ("home",), ("home__estate",), _complaint,
        ),
        RecordKind(
            "asb", AsbCase, (DelegatedService.ASB,),
            gettext_lazy("anti-social behaviour"), gettext_lazy("anti-social behaviour cases"),
            "opened_on", ("home", "estate"), ("estate", "home__estate"), _asb,
        ),
        RecordKind(
            "safety-checks", SafetyCheck, (DelegatedService.BUILDING_SAFETY,),
            gettext_lazy("building safety"), gettext_lazy("safety checks"),
            "due_on", ("home", "block"), ("home__estate", "block__estate"), _safety_check,
        ),
        # Decent Homes status is the landlord's asset data; a managing organisation keeps it
        # only when it runs repairs, the service that finds and fixes what makes a home
        # non-decent.
        RecordKind(
            "decent-homes", DecentHomesStatus, (DelegatedService.REPAIRS,),
            gettext_lazy("repairs"), gettext_lazy("Decent Homes statuses"),
            "since", ("home",), ("home__estate",),
        ),
        # Estate inspections check cleaning, litter, graffiti and lighting: caretaking or
        # grounds.
        RecordKind(
            "inspections", EstateInspection,
            (DelegatedService.CARETAKING, DelegatedService.GROUNDS),
            gettext_lazy("caretaking or grounds maintenance"), gettext_lazy("estate inspections"),
            "inspected_on", ("estate", "block"), ("estate",), _inspection,
        ),
    )
}  # fmt: skip
_BY_MODEL: dict[type[Model], RecordKind] = {kind.model: kind for kind in KINDS.values()}


def kind_of(record_or_model: Record | type[Record]) -> RecordKind | None:
    """The kind of a record (or of a model), if it is a service record."""
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return _BY_MODEL.get(model)


def record_details(record: Model) -> str:
    """One line about a record in the list behind a figure: its dates and what they show."""
    kind = kind_of(record)
    if kind is not None:
        parts = kind.details(record)
    elif isinstance(record, Home):  # counted in a denominator
        parts = [str(record.estate)] if record.estate_id else []
    else:
        parts = []
    return " · ".join(str(part) for part in parts if part)
