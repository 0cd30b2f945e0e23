"""Turn django-simple-history records into readable changes: who changed what, and when."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.utils.text import capfirst


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    action: str  # "created", "changed" or "deleted"; an audit entry's own action in words
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # label, before, after
    detail: str = ""


def named(obj) -> str:
    """How a change names what it changed, on the History page and in the audit trail:
    "Repair: R000123", "Management agreement: Kingsmead TMO management agreement"."""
    return f"{capfirst(obj._meta.verbose_name)}: {obj}"


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _shown(record, name: str) -> str:
    model_field = record.instance_type._meta.get_field(name)
    value = getattr(record, model_field.attname)
    if model_field.choices and value is not None and not isinstance(value, list):
        return str(dict(model_field.flatchoices).get(value, value))
    if value in (None, "", []):
        return "–"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def changes(records, *, limit: int = 100) -> list[Change]:
    """Newest first. `records` are historical rows of one or more models, fetched with users."""
    by_object = sorted(records, key=lambda r: (type(r).__name__, r.id, r.history_date))
    result = []
    for _key, group in groupby(by_object, key=lambda r: (type(r).__name__, r.id)):
        previous = None
        for record in group:
            entry = Change(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "Tenantry",
                what=named(record.instance),
                action=_ACTIONS[record.history_type],
            )
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                entry.fields = [
                    (
                        str(record.instance_type._meta.get_field(c.field).verbose_name),
                        _shown(previous, c.field),
                        _shown(record, c.field),
                    )
                    for c in delta.changes
                ]
            previous = record
            result.append(entry)
    result.sort(key=lambda c: c.when, reverse=True)
    return result[:limit]
