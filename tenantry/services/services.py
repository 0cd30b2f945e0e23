"""Every change to service records made on screen. Imports write in bulk (see imports/)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.homes.models import Home
from tenantry.organisations.models import Organisation

from .models import Complaint, Record, Repair, RepairPriority


def _next_reference(model: type[Record], organisation: Organisation, prefix: str) -> str:
    """References for records made on screen: a prefix and the next free number."""
    count = model.objects.filter(organisation=organisation, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:06d}"


@transaction.atomic
def save_record(*, record: Record, by: User | None) -> Record:
    """Validate and save a record entered or changed by staff."""
    record.full_clean()
    record.save()
    return record


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
    return save_record(record=repair, by=by)


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
