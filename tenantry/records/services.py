"""Every change to service records made on screen. Imports write in bulk (see imports/)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
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
from .models import Complaint, Record, Repair, RepairPhoto, RepairPriority
from .selectors.finding import repair_priorities_of
from .selectors.keeping import may_keep_records_of, not_kept_because


@dataclass(frozen=True)
class Photo:
    """A photo checked by the form (`resident_forms.PhotosField`): its bytes and its type."""

    file: File
    content_type: str


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
    priority: RepairPriority | None,
    **details,
) -> Repair:
    """A resident (or staff on their behalf) reports a repair to a home; without a priority
    it awaits triage."""
    repair = Repair(
        organisation=organisation,
        reference=_next_reference(Repair, organisation, "WEB-R"),
        home=home,
        priority=priority,
        trade=trade,
        description=description,
        reported_at=timezone.now(),
        reported_by=by,
        **details,
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
    access_times: str = "",
    photos: Iterable[Photo] = (),
) -> Repair:
    """A resident reports a repair to their home. It awaits triage: no priority and no target
    until staff look at it (`set_repair_priority`); the resident is told when that will be."""
    _check_resident(organisation, home, by)
    _check_kept(organisation, "repairs")
    if not repair_priorities_of(organisation=organisation).exists():
        raise ValidationError(_("Your landlord has not set up its repair timescales yet."))
    repair = report_repair(
        organisation=organisation,
        home=home,
        by=by,
        description=description,
        trade=trade,
        priority=None,
        reported_as_emergency=emergency,
        access_times=access_times.strip(),
        # Awaab's Law: reported damp or mould is treated as a significant hazard until staff
        # have investigated (within 10 working days) and decided otherwise.
        hazard=Repair.Hazard.SIGNIFICANT
        if damp_or_mould or trade == Repair.Trade.DAMP_MOULD
        else Repair.Hazard.NONE,
    )
    for photo in photos:
        _add_photo(repair, photo)
    _audit(repair, by, Action.CREATED)
    notifications.report_received(record=repair, by=by)
    return repair


def _add_photo(repair: Repair, photo: Photo) -> RepairPhoto:
    stored = RepairPhoto(repair=repair, content_type=photo.content_type)
    # The storage writes the file; should the transaction roll back, the row goes with it and
    # the file is left unreferenced, never served.
    stored.file.save(f"photo.{stored.extension}", photo.file, save=False)
    stored.full_clean()
    stored.save()
    return stored


@transaction.atomic
def set_repair_priority(
    *, repair: Repair, priority: RepairPriority, trade: str | None = None, by: User | None
) -> Repair:
    """Staff give a resident's report its priority (and correct what it is about, if needed):
    the repair is then timed by that priority from when it was reported, and the resident's
    page shows the real target. The one place a triaged repair gets its priority."""
    require(can.can_triage_repairs, user=by, organisation=repair.organisation)
    locked = Repair.objects.select_for_update().get(pk=repair.pk)
    if locked.status != Repair.Status.OPEN:
        raise ValidationError(_("This repair is no longer open, so its priority stays."))
    if not repair_priorities_of(organisation=locked.organisation).filter(pk=priority.pk).exists():
        raise ValidationError({"priority": _("Select a priority from your landlord's scheme")})
    locked.priority = priority  # save() works out the target time from this priority
    if trade:
        locked.trade = trade
    notifications.record_changing(record=locked)  # the resident hears the real target
    save_record(record=locked, by=by)
    record_change(
        organisation=locked.organisation,
        by=by,
        action=Action.CHANGED,
        what=named(locked),
        detail=_("Priority set: %(priority)s") % {"priority": priority},
    )
    return locked


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


@transaction.atomic
def escalate_complaint_as_resident(*, complaint: Complaint, by: User, reason: str) -> Complaint:
    """The resident who made a complaint asks for stage 2, saying why. The Code's stage 2 clock
    starts today: acknowledge within 5 working days, answer within 20 after that."""
    from .selectors.resident import may_ask_for_stage_two

    # Lock first, so two taps cannot both find the complaint still at stage 1.
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    require(can.can_report_as_resident, user=by, organisation=locked.organisation)
    if by is None or locked.made_by_id != by.pk:
        raise PermissionDenied
    if locked.escalated_on:
        raise ValidationError(_("You have already asked for stage 2 of this complaint."))
    today = timezone.localdate()
    if not may_ask_for_stage_two(complaint=locked, today=today):
        raise ValidationError(
            _("You can ask for stage 2 once we have answered, or if our answer is late.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us why you are not happy with our answer")})
    locked.escalated_on = today
    locked.escalation_reason = reason
    notifications.record_changing(record=locked)  # the stage 2 dates, in writing
    save_record(record=locked, by=by)
    _audit(locked, by, Action.CHANGED)
    return locked


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
