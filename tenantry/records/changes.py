"""Telling the apps above records that service records changed.

Figures worked out from records (the indicators app's stored results) go out of date when the
records behind them change. Records sits below indicators and must not import it, so records
announces each change here and indicators subscribes in its `AppConfig.ready`
(`indicators.recalculation.records_changed`). The announcement is made inside the change's
transaction by the records services (`services.save_record`, `services.refresh_due_times`)
and at the end of an import (`imports.services.execute_run`); a new service that changes or
deletes records without `save_record` calls `records_changed` itself. A listener that starts
background work does so with `transaction.on_commit`.

This is a plain list of functions rather than a Django signal so that the one place that
listens is easy to find: grep for `listen(`.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.db import models
from django.utils import timezone

from tenantry.organisations.models import Organisation

# listener(organisation_ids=…, kind=…, since=…): the organisations whose records of `kind` (a
# slug of `records.kinds.KINDS`) changed, or whose figures count them (a landlord's whole
# stock counts its organisations' records); `since` is the earliest date the change touches, or
# None when any date may be touched (an import).
Listener = Callable[..., None]
_LISTENERS: list[Listener] = []


def listen(listener: Listener) -> None:
    """Call `listener` whenever service records change (once per process is enough)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def records_changed(*, organisation: Organisation, kind: str, since: date | None) -> None:
    """Announce that an organisation's records of one kind changed, from `since` on."""
    ids = [organisation.pk]
    if organisation.landlord_id:
        ids.append(organisation.landlord_id)  # its landlord's whole-stock figures count them
    for listener in _LISTENERS:
        listener(organisation_ids=ids, kind=kind, since=since)


def earliest_date(*records: models.Model | None) -> date | None:
    """The earliest date held on any of the records (a moment taken as its UK day): a change
    to a record can move it in or out of only the periods from that day on. None when the
    records hold no date at all."""
    days = []
    for record in records:
        if record is None:
            continue
        for field in record._meta.concrete_fields:
            if field.name in ("created_at", "updated_at"):
                continue
            if isinstance(field, models.DateTimeField):
                value = getattr(record, field.attname)
                if isinstance(value, datetime):
                    days.append(timezone.localtime(value).date() if timezone.is_aware(value)
                                else value.date())  # fmt: skip
            elif isinstance(field, models.DateField):
                value = getattr(record, field.attname)
                if isinstance(value, date):
                    days.append(value)
    return min(days) if days else None
