"""A record's choice shown in words (`get_status_display()`), read from a table made once.

Django works out a choice's label afresh on every call: it rebuilds the field's choices as a
dictionary, and hashing each lazy label translates it, so showing one repair's trade translated
all twenty trades (80–170 µs; a list of fifty records spent 5–15 ms on it). Here each choice
field's labels are translated once per language into a dictionary, and every
`get_FOO_display()` that Django made reads it; a field with no fixed choices, or a method a
model defines itself, is left as Django made it. A test compares every label of every choice
field of every model in every language with Django's own."""

from functools import partialmethod

from django.apps import apps
from django.db.models import Field
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_LABELS: dict[tuple[int, str | None], dict] = {}


def labels_of(field: Field) -> dict:
    """{value: label} of the field's choices in the active language, made once per language."""
    key = (id(field), get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = {
            make_hashable(value): force_str(label, strings_only=True)
            for value, label in field.flatchoices
        }
        _LABELS[key] = labels
    return labels


def _display(self, *, field: Field):
    value = getattr(self, field.attname)
    return force_str(labels_of(field).get(make_hashable(value), value), strings_only=True)


def use_label_tables() -> None:
    """Make every `get_FOO_display()` Django made for a field with fixed choices read the
    field's table (called once the models are loaded: `core/apps.py`)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not isinstance(field, Field) or field.choices is None or callable(field.choices):
                continue
            name = f"get_{field.name}_display"
            made = model.__dict__.get(name)
            if isinstance(made, partialmethod) and made.func is model._get_FIELD_display:
                setattr(model, name, partialmethod(_display, field=field))
