"""Every change to service records made on screen. Imports write in bulk (see imports/)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.history import named
from tenantry.core.models import User
from tenantry.homes.models import Home
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from . import notifications
from . import permissions as can
from .changes import earliest_date, records_changed
from .kinds import kind_of
from .models import Complaint, Record, Repair, RepairPriority
from .selectors.keeping import may_keep_records_of, not_kept_because


def _check_kept(organisation: Organisation, kind: str) -> None:
    """A new record only of a kind the organisation keeps under its agreement."""
    if not may_keep_records_of(organisation=organisation, kind=kind):
        raise ValidationError(
            not_kept_because(organisation=organisation, kind=kind, doing="record"), code="not_kept"
        )


def _check_resident(organisation: Organisation, home: Home | None, by: User) -> None:
    """Only a resident of `home`, reporting to the organisation that looks after it."""
    roles = roles_in(user=by, organisation=organisation)
    if not can.can_report_for_home(user=by, roles=roles, home=home):
        raise PermissionDenied


def _next_reference(model: type[Record], organisation: Organisation, prefix: str) -> str:
    """References for records made on screen: a prefix and the next free number."""
    count = model.objects.filter(organisation=organisation, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:06d}"


@transaction.atomic
def save_record(*, record: Record, by: User | None) -> Record:
    """Validate and save a record entered or changed on screen, and announce the change (so
    the figures worked out from it are recalculated: `records/changes.py`)."""
    record.full_clean()
    before = type(record).objects.filter(pk=record.pk).first() if record.pk else None
    record.save()
    _announce(record, before)
    return record


def _announce(record: Record, before: Record | None) -> None:
    # A change can take a record out of the periods of its old dates and into those of its
    # new ones, so both count.
    kind = kind_of(record)
    if kind is not None:
        records_changed(
            organisation=record.organisation, kind=kind.slug, since=earliest_date(record, before)
        )


@transaction.atomic
def change_record(*, record: Record, by: User | None) -> Record:
    """Staff (or the landlord) correct a record; inspectors and residents cannot."""
    require(can.can_record_services, user=by, organisation=record.organisation)
    _check_kept(record.organisation, kind_of(record).slug)
    notifications.record_changing(record=record)
    save_record(record=record, by=by)
    _audit(record, by, Action.CHANGED)
    return record


def _audit(record: Record, by: User | None, action: str) -> None:
    record_change(organisation=record.organisation, by=by, action=action, what=named(record))


@transaction.atomic
def report_repair(
    *,
    organisation: Organisation,
    home: Home,
    by: User,
    description: str,
    trade: str,
    priority: RepairPriority,
) -> Repair:
    """A resident (or staff on their behalf) reports a repair to a home."""
    repair = Repair(
        organisation=organisation,
        reference=_next_reference(Repair, organisation, "WEB-R"),
        home=home,
        priority=priority,
        trade=trade,
        description=description,
        reported_at=timezone.now(),
        reported_by=by,
    )
    return save_record(record=repair, by=by)


@transaction.atomic
def rate_repair(*, repair: Repair, by: User, satisfaction: int, comment: str = "") -> Repair:
    """The resident's satisfaction with a completed repair, taken once it is closed."""
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    if repair.status != Repair.Status.COMPLETED:
        raise ValidationError(_("You can rate a repair once it has been completed."))
    if not 1 <= satisfaction <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    repair.satisfaction, repair.satisfaction_comment = satisfaction, comment
    return _save_rating(repair)


_RATING = ("satisfaction", "satisfaction_comment")


def _save_rating(repair: Repair) -> Repair:
    """Only the resident's own fields are checked and written: a rating never trips over a
    rule for staff's records (an Awaab's Law date missing from a completed repair)."""
    repair.clean_fields(exclude=[f.name for f in Repair._meta.fields if f.name not in _RATING])
    repair.save(update_fields=[*_RATING, "updated_at"])
    return repair


@transaction.atomic
def make_complaint(
    *, organisation: Organisation, home: Home | None, by: User, category: str, description: str
) -> Complaint:
    """A resident makes a complaint; the Complaint Handling Code clock starts today."""
    complaint = Complaint(
        organisation=organisation,
        reference=_next_reference(Complaint, organisation, "WEB-C"),
        home=home,
        category=category,
        description=description,
        made_by=by,
        received_on=timezone.localdate(),
    )
    return save_record(record=complaint, by=by)


# --- residents -------------------------------------------------------------------------------


@transaction.atomic
def report_repair_as_resident(
    *,
    organisation: Organisation,
    home: Home,
    by: User,
    trade: str,
    description: str,
    emergency: bool,
    damp_or_mould: bool,
) -> Repair:
    """A resident reports a repair to their home; staff triage its priority and any hazard."""
    from .selectors.resident import resident_starting_priority

    _check_resident(organisation, home, by)
    _check_kept(organisation, "repairs")
    priority = resident_starting_priority(landlord=home.landlord, emergency=emergency)
    if priority is None:
        raise ValidationError(_("Your landlord has not set up its repair timescales yet."))
    repair = report_repair(
        organisation=organisation,
        home=home,
        by=by,
        description=description,
        trade=trade,
        priority=priority,
    )
    if damp_or_mould or trade == Repair.Trade.DAMP_MOULD:
        # Awaab's Law: reported damp or mould is treated as a significant hazard until staff
        # have investigated (within 10 working days) and decided otherwise.
        repair.hazard = Repair.Hazard.SIGNIFICANT
        save_record(record=repair, by=by)
    _audit(repair, by, Action.CREATED)
    notifications.report_received(record=repair, by=by)
    return repair


@transaction.atomic
def rate_repair_once(*, repair: Repair, by: User, satisfaction: int) -> Repair:
    """A resident's one-tap rating of a completed repair; the rating is taken once."""
    # Lock first so two taps at once cannot both find the repair unrated.
    locked = Repair.objects.select_for_update().get(pk=repair.pk)
    _check_resident(locked.organisation, locked.home, by)
    if locked.satisfaction is not None:
        raise ValidationError(_("You have already rated this repair. We take one rating."))
    rate_repair(repair=locked, by=by, satisfaction=satisfaction)
    _audit(locked, by, Action.CHANGED)
    return locked


@transaction.atomic
def comment_on_rating(*, repair: Repair, by: User, comment: str) -> Repair:
    """The resident's optional comment after rating a repair, added once."""
    locked = Repair.objects.select_for_update().get(pk=repair.pk)
    _check_resident(locked.organisation, locked.home, by)
    if locked.satisfaction is None:
        raise ValidationError(_("Rate the repair before adding a comment."))
    if locked.satisfaction_comment:
        raise ValidationError(_("You have already commented on this repair."))
    locked.satisfaction_comment = comment.strip()
    _save_rating(locked)
    _audit(locked, by, Action.CHANGED)
    return locked


@transaction.atomic
def make_complaint_as_resident(
    *,
    organisation: Organisation,
    home: Home | None,
    by: User,
    category: str,
    what_happened: str,
    put_right: str = "",
) -> Complaint:
    """A resident makes a complaint: what happened and, if they say, what would put it right."""
    if home is None:  # a resident whose home Tenantry does not know may still complain
        require(can.can_report_as_resident, user=by, organisation=organisation)
    else:
        _check_resident(organisation, home, by)
    _check_kept(organisation, "complaints")
    description = what_happened.strip()
    if put_right.strip():
        # The model keeps one description; staff read the resident's remedy under its heading.
        heading = _("What would put it right:")
        description = f"{description}\n\n{heading}\n{put_right.strip()}"
    complaint = make_complaint(
        organisation=organisation, home=home, by=by, category=category, description=description
    )
    _audit(complaint, by, Action.CREATED)
    notifications.report_received(record=complaint, by=by)
    return complaint


# --- staff -----------------------------------------------------------------------------------


def _free_reference(model: type[Record], organisation: Organisation, prefix: str) -> str:
    """The next number after the prefix that no record of the organisation has yet."""
    taken = model.objects.filter(organisation=organisation, reference__startswith=prefix)
    number = taken.count() + 1
    while taken.filter(reference=f"{prefix}{number:06d}").exists():
        number += 1  # a record was deleted, or typed in with one of our numbers
    return f"{prefix}{number:06d}"


@transaction.atomic
def record_service(*, record: Record, by: User, reference_prefix: str) -> Record:
    """Staff log a new record; a blank reference is given the next number after the prefix."""
    require(can.can_record_services, user=by, organisation=record.organisation)
    _check_kept(record.organisation, kind_of(record).slug)
    _save_numbered(record, by, reference_prefix)
    _audit(record, by, Action.CREATED)
    return record


def _save_numbered(record: Record, by: User, reference_prefix: str) -> None:
    from django.db import IntegrityError

    if record.reference:
        save_record(record=record, by=by)
        return
    for _attempt in range(3):
        record.reference = _free_reference(type(record), record.organisation, reference_prefix)
        try:
            with transaction.atomic():
                save_record(record=record, by=by)
                return
        except IntegrityError:
            continue  # someone else took that number a moment ago: take the next
    raise ValidationError({"reference": _("Could not number the record. Please try again.")})


@transaction.atomic
def refresh_due_times(*, priority: RepairPriority) -> int:
    """Re-time every repair of a priority after its target changes; returns how many."""
    timescale = priority.timescale
    repairs = list(Repair.objects.filter(priority=priority).only("pk", "reported_at"))
    for repair in repairs:
        repair.due_at = timescale.due(repair.reported_at)
    Repair.objects.bulk_update(repairs, ["due_at"], batch_size=5000)
    if repairs:
        since = min(timezone.localtime(r.reported_at).date() for r in repairs)
        for organisation in Organisation.objects.filter(
            pk__in=Repair.objects.filter(priority=priority).values("organisation")
        ):
            records_changed(organisation=organisation, kind="repairs", since=since)
    return len(repairs)
