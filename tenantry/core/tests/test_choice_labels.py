"""A choice shown in words reads a table made once per language, and says exactly what Django
would: every value of every choice field of every model, in every language the site offers,
and a value that is not one of the choices shown as it is."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Field, Model
from django.utils import translation

from tenantry.records.models import Repair


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, Field) and field.choices is not None:
                yield model, field


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_choice_reads_as_django_would_say_it(language):
    checked = 0
    with translation.override(language):
        for model, field in _choice_fields():
            shown = getattr(model, f"get_{field.name}_display")
            record = model()
            for value, _label in [*field.flatchoices, ("not-a-choice", None)]:
                setattr(record, field.attname, value)
                assert shown(record) == Model._get_FIELD_display(record, field), (model, field)
                checked += 1
    assert checked > 500


def test_a_repairs_trade_is_read_from_the_table_in_the_readers_language():
    repair = Repair(trade="plumbing", status="open")
    with translation.override("cy"):
        welsh = repair.get_status_display()
    assert (repair.get_status_display(), welsh) == ("Open", "Ar agor")
    assert type(Repair.__dict__["get_trade_display"]).__name__ == "partialmethod"
    assert Repair.__dict__["get_trade_display"].func.__module__ == "tenantry.core.choices"
