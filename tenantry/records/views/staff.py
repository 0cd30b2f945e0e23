"""Staff pages for service records: every kind listed, filtered, shown, logged and corrected.

One registry (`KINDS`) says, for each kind of record, its model, form, list columns, filters,
timeline and targets; five generic views serve them all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tenantry.core import paging
from tenantry.core.deadlines import local_date
from tenantry.core.forms import add_errors
from tenantry.core.periods import parse_period
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import current_agreement
from tenantry.records import permissions as can

from .. import forms, safety, services, voids
from .. import kinds as record_kinds
from ..models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    Record,
    RentPeriod,
    Repair,
    SafetyCheck,
    Void,
)
from ..selectors import deadlines, finding, keeping, overdue, timelines

PAGE_SIZE = 50


class Tag(NamedTuple):
    """A GOV.UK tag: words first, the colour only repeats them."""

    text: str
    colour: str


@dataclass(frozen=True)
class Column:
    header: Promise
    value: str | Callable[[Any], Any]  # a field name, or a function of the record
    numeric: bool = False


StatusFilter = tuple[Promise, Callable[[Organisation, datetime], Q]]


@dataclass(frozen=True)
class Kind:
    """How one kind of record is listed, shown and entered."""

    record: record_kinds.RecordKind  # what the kind is: its model, dates, related rows
    form: type[forms.RecordForm]
    title: Promise
    one: Promise  # "a repair": the noun in "Record a repair"
    prefix: str  # references given to records entered here: REP-000001
    period_label: Promise
    columns: tuple[Column, ...]  # besides the record and its tag: one or two, for phones
    details: tuple[str, ...]
    statuses: dict[str, StatusFilter] = field(default_factory=dict)
    has_priority: bool = False
    about: Callable[[Any], str] | None = None  # a line under the place in a list
    tag_names_target: bool = False  # the list says which target its tag is about
    tag: Callable[[Any, datetime], Tag | deadlines.Target | None] | None = None
    timeline: Callable[[Any], list[timelines.Event]] | None = None
    targets: Callable[[Any, datetime], list[deadlines.Target]] | None = None
    initial: Callable[[datetime], dict] = lambda now: {}
    load: Callable[[QuerySet], QuerySet] = lambda records: records  # what a page reads with them
    # What a list works out for its page of records at once, rather than a query per row.
    on_page: Callable[[list, datetime], None] = lambda records, now: None
    note: Callable[[Organisation, date], str] | None = None  # said above the list

    @property
    def model(self) -> type[Record]:
        return self.record.model

    @property
    def date_field(self) -> str:
        return self.record.date_field

    @property
    def related(self) -> tuple[str, ...]:
        return self.record.related

    @property
    def estate_lookups(self) -> tuple[str, ...]:
        return self.record.estate_lookups


def _fields(names: str) -> tuple[str, ...]:
    return tuple(names.split())


def _q(*conditions: Q, **lookups) -> Callable[[Organisation, datetime], Q]:
    return lambda organisation, now: Q(*conditions, **lookups)


def _void_tag(void: Void, now: datetime) -> Tag:
    if void.new_tenancy_started_on:
        return Tag(_("Let"), "green")
    return Tag(_("Empty"), "yellow")


def _rent_tag(period: RentPeriod, now: datetime) -> Tag:
    if period.arrears_carried_forward > 0:
        return Tag(_("In arrears"), "red")
    if period.arrears_carried_forward < 0:
        return Tag(_("In credit"), "green")
    return Tag(_("Clear"), "green")


def _asb_tag(case: AsbCase, now: datetime) -> Tag:
    return Tag(_("Closed"), "grey") if case.closed_on else Tag(_("Open"), "blue")


def _decent_tag(status: DecentHomesStatus, now: datetime) -> Tag:
    if status.meets_standard:
        return Tag(_("Meets the standard"), "green")
    return Tag(_("Does not meet it"), "red")


def _voids_note(organisation: Organisation, today: date) -> str:
    """Which events start and stop the void clock, said above the list of voids."""
    agreement = current_agreement(organisation=organisation, on=today)
    if agreement is None:
        return _(
            "Days to let count only the days strictly between the end of one tenancy and the "
            "start of the next (the Best Value definition)."
        )
    return " ".join(
        (
            _(
                "Days to let count only the days strictly between the events that start and "
                "stop the void clock, as the management agreement in force when the tenancy "
                "ended defines them."
            ),
            voids.clock_of(agreement).text,
        )
    )


def _average_score(inspection: EstateInspection) -> str:
    scores = [getattr(inspection, name) for name in EstateInspection.SCORES]
    return f"{sum(scores) / len(scores):.1f}"


def _now_to_minute(now: datetime) -> datetime:
    return timezone.localtime(now).replace(second=0, microsecond=0)


_COMPLAINT_OPEN_1 = Q(escalated_on__isnull=True, stage1_responded_on__isnull=True)
_COMPLAINT_OPEN_2 = Q(escalated_on__isnull=False, stage2_responded_on__isnull=True)
_WITHDRAWN = Q(outcome=Complaint.Outcome.WITHDRAWN)

KINDS: dict[str, Kind] = {
    "repairs": Kind(
        record=record_kinds.KINDS["repairs"],
        form=forms.RepairForm,
        title=gettext_lazy("Repairs"),
        one=gettext_lazy("a repair"),
        prefix="REP-",
        period_label=gettext_lazy("Reported in"),
        has_priority=True,
        columns=(Column(gettext_lazy("Reported"), "reported_at"),),
        about=lambda r: (
            f"{r.priority.name if r.priority else _('Awaiting triage')} · {r.get_trade_display()}"
        ),
        statuses={
            "open": (gettext_lazy("Open"), _q(status=Repair.Status.OPEN)),
            "overdue": (
                gettext_lazy("Open and past target"),
                lambda organisation, now: overdue.overdue_repairs_q(now=now),
            ),
            "completed": (gettext_lazy("Completed"), _q(status=Repair.Status.COMPLETED)),
            "cancelled": (gettext_lazy("Cancelled"), _q(status=Repair.Status.CANCELLED)),
            "reclassified": (
                gettext_lazy("Reclassified as planned work"),
                _q(status=Repair.Status.RECLASSIFIED),
            ),
            "hazard": (gettext_lazy("Awaab's Law hazards"), lambda o, n: ~Q(hazard="")),
        },
        details=_fields(
            "reference home block kind status priority trade description"
            " reported_as_emergency access_times reported_at appointment_at appointment_kept"
            " completed_at right_first_time contractor cost hazard hazard_dates_reason"
            " satisfaction"
            " satisfaction_comment"
        ),
        tag=deadlines.repair_target,
        timeline=timelines.repair_timeline,
        targets=deadlines.repair_targets,
        initial=lambda now: {"reported_at": _now_to_minute(now)},
    ),
    "voids": Kind(
        record=record_kinds.KINDS["voids"],
        form=forms.VoidForm,
        title=gettext_lazy("Voids and lettings"),
        one=gettext_lazy("a void"),
        prefix="VOID-",
        period_label=gettext_lazy("Tenancy ended in"),
        columns=(
            Column(gettext_lazy("Tenancy ended"), "tenancy_ended_on"),
            Column(gettext_lazy("Days to let"), voids.days_to_let, numeric=True),
        ),
        about=lambda v: v.get_reason_display(),
        statuses={
            "empty": (gettext_lazy("Empty"), _q(new_tenancy_started_on__isnull=True)),
            "let": (gettext_lazy("Let"), _q(new_tenancy_started_on__isnull=False)),
            "major": (gettext_lazy("With major works"), _q(major_works=True)),
        },
        details=_fields(
            "reference home reason major_works tenancy_ended_on keys_returned_on"
            " works_started_on works_completed_on ready_to_let_on"
            " new_tenancy_started_on"
        ),
        tag=_void_tag,
        timeline=timelines.void_timeline,
        on_page=lambda page, now: voids.mark_clock(page),
        note=_voids_note,
    ),
    "rent": Kind(
        record=record_kinds.KINDS["rent"],
        form=forms.RentPeriodForm,
        title=gettext_lazy("Rent"),
        one=gettext_lazy("a rent period"),
        prefix="RENT-",
        period_label=gettext_lazy("Period starting in"),
        columns=(
            Column(gettext_lazy("From"), "starts_on"),
            Column(gettext_lazy("Owed"), "arrears_carried_forward", numeric=True),
        ),
        about=lambda p: _("Tenancy %(reference)s") % {"reference": p.household.reference},
        statuses={
            "arrears": (gettext_lazy("In arrears"), _q(arrears_carried_forward__gt=0)),
            "clear": (gettext_lazy("Clear or in credit"), _q(arrears_carried_forward__lte=0)),
        },
        details=_fields(
            "reference household starts_on ends_on arrears_brought_forward rent_due"
            " collected written_off arrears_carried_forward"
        ),
        tag=_rent_tag,
    ),
    "complaints": Kind(
        record=record_kinds.KINDS["complaints"],
        form=forms.ComplaintForm,
        title=gettext_lazy("Complaints"),
        one=gettext_lazy("a complaint"),
        prefix="COMP-",
        period_label=gettext_lazy("Received in"),
        columns=(Column(gettext_lazy("Received"), "received_on"),),
        about=lambda c: f"{c.get_category_display()} · {_('stage %(n)d') % {'n': c.stage}}",
        statuses={
            "open-1": (gettext_lazy("Open at stage 1"), _q(_COMPLAINT_OPEN_1 & ~_WITHDRAWN)),
            "open-2": (gettext_lazy("Open at stage 2"), _q(_COMPLAINT_OPEN_2 & ~_WITHDRAWN)),
            "answered": (
                gettext_lazy("Answered"),
                lambda o, n: ~_COMPLAINT_OPEN_1 & ~_COMPLAINT_OPEN_2 & ~_WITHDRAWN,
            ),
            "withdrawn": (gettext_lazy("Withdrawn"), lambda o, n: _WITHDRAWN),
        },
        details=_fields(
            "reference home category description received_on outcome referred_to_ombudsman_on"
        ),
        tag=deadlines.next_complaint_target,
        tag_names_target=True,
        timeline=timelines.complaint_timeline,
        targets=deadlines.complaint_targets,
        initial=lambda now: {"received_on": local_date(now)},
    ),
    "asb": Kind(
        record=record_kinds.KINDS["asb"],
        form=forms.AsbCaseForm,
        title=gettext_lazy("Anti-social behaviour"),
        one=gettext_lazy("a report"),
        prefix="ASB-",
        period_label=gettext_lazy("Opened in"),
        columns=(Column(gettext_lazy("Opened"), "opened_on"),),
        about=lambda a: " · ".join(
            [str(a.get_category_display())] + ([_("Hate incident")] if a.is_hate_incident else [])
        ),
        statuses={
            "open": (gettext_lazy("Open"), _q(closed_on__isnull=True)),
            "closed": (gettext_lazy("Closed"), _q(closed_on__isnull=False)),
            "hate": (gettext_lazy("Hate incidents"), _q(is_hate_incident=True)),
        },
        details=_fields("reference estate home category is_hate_incident opened_on closed_on"),
        tag=_asb_tag,
        timeline=timelines.asb_timeline,
        initial=lambda now: {"opened_on": local_date(now)},
    ),
    "safety-checks": Kind(
        record=record_kinds.KINDS["safety-checks"],
        form=forms.SafetyCheckForm,
        title=gettext_lazy("Safety checks"),
        one=gettext_lazy("a safety check"),
        prefix="SAFE-",
        period_label=gettext_lazy("Due in"),
        columns=(Column(gettext_lazy("Due"), "due_on"),),
        about=lambda c: c.get_kind_display(),
        statuses={
            "overdue": (
                gettext_lazy("Past due and not done"),
                lambda o, now: overdue.overdue_safety_checks_q(today=local_date(now)),
            ),
            "to-do": (gettext_lazy("Not done yet"), _q(done_on__isnull=True)),
            "done": (
                gettext_lazy("Done"),
                lambda o, n: Q(done_on__isnull=False) & ~Q(outcome=SafetyCheck.Outcome.NO_ACCESS),
            ),
            "no-access": (gettext_lazy("No access"), _q(outcome=SafetyCheck.Outcome.NO_ACCESS)),
        },
        details=("reference", "kind", "home", "block", "due_on", "done_on", "outcome"),
        tag=deadlines.safety_check_target,
        timeline=timelines.safety_check_timeline,
        targets=lambda check, now: [deadlines.safety_check_target(check, now)],
        on_page=lambda checks, now: safety.mark_cover(checks, today=local_date(now)),
    ),
    "decent-homes": Kind(
        record=record_kinds.KINDS["decent-homes"],
        form=forms.DecentHomesStatusForm,
        title=gettext_lazy("Decent Homes"),
        one=gettext_lazy("a Decent Homes status"),
        prefix="DHS-",
        period_label=gettext_lazy("Since"),
        columns=(Column(gettext_lazy("Since"), "since"),),
        statuses={
            "meets": (gettext_lazy("Meets the standard"), _q(meets_standard=True)),
            "fails": (gettext_lazy("Does not meet the standard"), _q(meets_standard=False)),
        },
        details=("reference", "home", "meets_standard", "since"),
        tag=_decent_tag,
    ),
    "inspections": Kind(
        record=record_kinds.KINDS["inspections"],
        form=forms.EstateInspectionForm,
        title=gettext_lazy("Estate inspections"),
        one=gettext_lazy("an inspection"),
        prefix="INSP-",
        period_label=gettext_lazy("Inspected in"),
        columns=(
            Column(gettext_lazy("Inspected"), "inspected_on"),
            Column(gettext_lazy("Average score (of 5)"), _average_score, numeric=True),
        ),
        about=lambda i: " · ".join(x for x in (i.place, i.get_inspector_kind_display()) if x),
        details=_fields(
            "reference estate block place inspected_on inspector_name"
            " inspector_kind cleanliness litter graffiti lighting repairs_needed"
        ),
        initial=lambda now: {"inspected_on": local_date(now)},
    ),
}


# --- Showing values ----------------------------------------------------------------------------


def _display(record: Record, name: str | Callable, short: bool = False) -> str:
    """A field's value in words: choices by label, dates in full, money in pounds."""
    if callable(name):
        value = name(record)
        return "–" if value is None else str(value)
    model_field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y" if short else "j M Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    return str(value)


def _label(record: Record, name: str) -> str:
    return capfirst(record._meta.get_field(name).verbose_name)


def _summary(record: Record, names: tuple[str, ...], organisation: Organisation) -> list:
    rows = []
    for name in names:
        value = _display(record, name)
        url = None
        if name == "home" and record.home_id:
            url = reverse("homes:home", args=[organisation.slug, record.home_id])
        if name == "household":
            value = f"{record.household.reference} – {record.household.home}"
        if value == "–" and record._meta.get_field(name).blank:
            continue  # not recorded (yet): the timeline and targets say what is still to come
        rows.append({"label": _label(record, name), "value": value, "url": url})
    return rows


def _void_clock(void: Void) -> dict:
    """The re-let time by the void's own clock (`tenantry.records.voids`), and what it counts."""
    clock = voids.void_clock_of(void)
    if clock.by_agreement:
        counts = _(
            "Only the days strictly between the two count, as the management agreement in "
            "force when the tenancy ended defines them."
        )
    else:
        counts = _(
            "Only the days strictly between the two count, as the Best Value definition says."
        )
    days = voids.days_to_let(void)
    return {
        "label": _("Re-let time"),
        "value": _("Still empty: the clock has not stopped.")
        if days is None
        else ngettext("%(n)d calendar day", "%(n)d calendar days", days) % {"n": days},
        "hint": f"{clock.text} {counts}",
    }


def _kind(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal, the home and household against the references the form asks for."""
    add_errors(form, error, renamed={"home": "home_reference", "household": "tenancy_reference"})


# --- Views -------------------------------------------------------------------------------------


@organisation_view(can.can_view_service_records)
def records(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    counts = finding.record_counts(
        organisation=organisation, models={slug: kind.model for slug, kind in KINDS.items()}
    )
    kept = keeping.record_kinds_kept_by(organisation=organisation)
    return render(
        request,
        "records/staff/records.html",
        {
            "kinds": [(slug, kind, counts[slug], slug in kept) for slug, kind in KINDS.items()],
            "kept_by_landlord": organisation.landlord if len(kept) < len(KINDS) else None,
            "overdue": overdue.recent_overdue_work(organisation=organisation, now=timezone.now()),
        },
    )


@organisation_view(can.can_view_service_records)
def record_list(request: OrgRequest, kind: str) -> HttpResponse:
    slug, kind = kind, _kind(kind)
    organisation, now = request.organisation, timezone.now()
    priorities = (
        finding.repair_priorities_of(organisation=organisation) if kind.has_priority else None
    )
    form = forms.FilterForm(
        request.GET,
        organisation=organisation,
        statuses=kind.statuses,
        priorities=priorities,
        period_label=kind.period_label,
        today=local_date(now),
        by_home=bool(kind.record.home_lookup),
    )
    form.is_valid()  # a filter that makes no sense is shown as an error and left out
    chosen = form.cleaned_data
    status = kind.statuses.get(chosen.get("status") or "")
    found = finding.records_of(
        organisation=organisation,
        model=kind.model,
        estate=chosen.get("estate"),
        estate_lookups=kind.estate_lookups,
        period=parse_period(chosen["period"]) if chosen.get("period") else None,
        date_field=kind.date_field,
        where=status[1](organisation, now) if status else None,
    )
    if chosen.get("priority"):
        found = found.filter(priority=chosen["priority"])
    if chosen.get("home"):
        found = found.filter(**{kind.record.home_lookup: chosen["home"]})
    found = kind.load(found).select_related(*kind.related)
    found = found.order_by(*kind.model._meta.ordering, "-pk")
    page = paging.page_of(found, request.GET, per_page=PAGE_SIZE)
    kind.on_page(list(page), now)
    rows = [
        {
            "record": record,
            "noun": kind.model._meta.verbose_name,
            "place": finding.place_of(record),
            "about": kind.about(record) if kind.about else "",
            "cells": [(_display(record, c.value, short=True), c.numeric) for c in kind.columns],
            "tag": kind.tag(record, now) if kind.tag else None,
        }
        for record in page
    ]
    for row in rows:
        row["tag_about"] = row["tag"].label if kind.tag_names_target and row["tag"] else ""
    params = request.GET.copy()
    params.pop("page", None)
    kept = keeping.may_keep_records_of(organisation=organisation, kind=slug)
    return render(
        request,
        "records/staff/record_list.html",
        {
            "slug": slug,
            "kind": kind,
            "kept": kept,
            "not_kept_because": ""
            if kept
            else keeping.not_kept_because(organisation=organisation, kind=slug, doing="record"),
            "form": form,
            "page": page,
            "rows": rows,
            # The registry's functions must not be called by the template: it asks these.
            "has_tag": kind.tag is not None,
            "has_targets": kind.targets is not None,
            "query": params.urlencode(),
            "filtered": any(chosen.values()),
            "home": chosen.get("home"),
            "note": kind.note(organisation, local_date(now)) if kind.note else "",
        },
    )


@organisation_view(can.can_view_service_records)
def record(request: OrgRequest, kind: str, pk: int) -> HttpResponse:
    slug, kind = kind, _kind(kind)
    organisation, now = request.organisation, timezone.now()
    record = object_in(
        organisation, kind.load(kind.model.objects.select_related(*kind.related)), pk=pk
    )
    summary = _summary(record, kind.details, organisation)
    if isinstance(record, Void):
        summary.append(_void_clock(record))
    return render(
        request,
        "records/staff/record.html",
        {
            "slug": slug,
            "kind": kind,
            "kept": keeping.may_keep_records_of(organisation=organisation, kind=slug),
            "record": record,
            "noun": kind.model._meta.verbose_name,
            "place": finding.place_of(record),
            "summary": summary,
            "timeline": kind.timeline(record) if kind.timeline else None,
            "targets": kind.targets(record, now) if kind.targets else None,
        },
    )


def _form_page(
    request: OrgRequest, slug: str, kind: Kind, form, record=None, reference=""
) -> HttpResponse:
    return render(
        request,
        "records/staff/form.html",
        {
            "slug": slug,
            "kind": kind,
            "form": form,
            "record": record,
            "reference": reference,
            "no_priorities": "priority" in form.fields
            and not form.fields["priority"].queryset.exists(),
        },
    )


def _not_kept(request: OrgRequest, slug: str, kind: Kind) -> HttpResponse | None:
    """The page that says why this organisation does not keep this kind of record, if it does not.

    A 403: the person may keep records, but this organisation is not responsible for these.
    """
    organisation = request.organisation
    if keeping.may_keep_records_of(organisation=organisation, kind=slug):
        return None
    because = keeping.not_kept_because(organisation=organisation, kind=slug, doing="record")
    return render(
        request,
        "records/staff/not_kept.html",
        {"slug": slug, "kind": kind, "because": because, "landlord": organisation.landlord},
        status=403,
    )


@organisation_view(can.can_record_services)
def create_record(request: OrgRequest, kind: str) -> HttpResponse:
    slug, kind = kind, _kind(kind)
    if refused := _not_kept(request, slug, kind):
        return refused
    form = kind.form(
        request.POST or None,
        request.FILES or None,
        organisation=request.organisation,
        initial=kind.initial(timezone.now()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_service(
                record=form.save(commit=False), by=request.user, reference_prefix=kind.prefix
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(reference)s is saved.") % {"reference": record})
            return redirect("services:record", request.organisation.slug, slug, record.pk)
    return _form_page(request, slug, kind, form)


@organisation_view(can.can_record_services)
def edit_record(request: OrgRequest, kind: str, pk: int) -> HttpResponse:
    slug, kind = kind, _kind(kind)
    record = object_in(request.organisation, kind.model, pk=pk)
    if refused := _not_kept(request, slug, kind):
        return refused
    reference = record.reference  # the form may change it; the page keeps the name it had
    form = kind.form(
        request.POST or None,
        request.FILES or None,
        instance=record,
        organisation=request.organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.change_record(record=form.save(commit=False), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your changes to %(reference)s are saved.") % {"reference": record}
            )
            return redirect("services:record", request.organisation.slug, slug, record.pk)
    return _form_page(request, slug, kind, form, record, reference)


@organisation_view(can.can_view_service_records)
def inspection_photo(request: OrgRequest, pk: int) -> FileResponse:
    """Photos are served through the app so only those who may see the record can see them."""
    inspection = object_in(request.organisation, EstateInspection.objects.exclude(photo=""), pk=pk)
    return FileResponse(inspection.photo.open("rb"), filename=inspection.photo.name.rsplit("/")[-1])


urlpatterns = [
    path("records/", records, name="records"),
    path("records/inspections/<int:pk>/photo/", inspection_photo, name="inspection-photo"),
    path("records/<slug:kind>/", record_list, name="record-list"),
    path("records/<slug:kind>/new/", create_record, name="create-record"),
    path("records/<slug:kind>/<int:pk>/", record, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", edit_record, name="edit-record"),
]
