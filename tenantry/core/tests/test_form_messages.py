"""Every form in Tenantry says which field is wrong and what to do, in the GOV.UK patterns.

The test walks every form class in the project (every module that defines forms is imported)
and tries each field with nothing, nonsense, a number too large and a text too long: no
message Django writes itself ("This field is required.", "Enter a valid date.", "Ensure that
there are no more than 10 digits in total.") may come back.
"""

import copy
import importlib
import pkgutil

import pytest
from django import forms

import tenantry
from tenantry.core.forms import GovukForm, govuk_messages
from tenantry.indicators.performance_forms import LocalIndicatorForm

pytestmark = pytest.mark.django_db

DJANGO_DEFAULTS = (
    "This field is required",
    "Enter a valid",
    "Enter a whole number",
    "Enter a number",
    "Ensure that there are no more than",
    "Ensure this value",
    "Select a valid choice",
    "Enter a list of values",
    "No file was submitted",
    "The submitted file is empty",
)


def _form_classes() -> list[type]:
    for module in pkgutil.walk_packages(tenantry.__path__, "tenantry."):
        last = module.name.rsplit(".", 1)[-1]
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if "forms" in last or "views" in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("tenantry.") and ".tests" not in cls.__module__:
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


FORMS = _form_classes()


def _messages(field: forms.Field, value) -> list[str]:
    try:
        field.clean(value)
    except forms.ValidationError as error:
        return [str(message) for message in error.messages]
    except (TypeError, ValueError, AttributeError):
        return []  # a field that only a real form can feed
    return []


def _bad_values(field: forms.Field) -> list:
    values = ["", "nonsense", "9" * 30, "-" + "9" * 30, "x" * 5000, "12.3456", "31/02/2026"]
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        values += [["nonsense"], "not-a-list"]
    return values


def test_the_walk_finds_the_forms_of_every_app():
    apps = {cls.__module__.split(".")[1] for cls in FORMS}
    assert {"records", "indicators", "surveys", "organisations", "homes"} <= apps
    assert len(FORMS) > 40


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form_gives_govuk_messages(form_class):
    assert issubclass(form_class, GovukForm), "every form takes the GOV.UK mixin"
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    left = []
    for name, original in form_class.base_fields.items():
        field = copy.deepcopy(original)
        model_field = None
        if model is not None:
            try:
                model_field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a field the form declares itself
                model_field = None
        govuk_messages(field, name, model_field=model_field)
        for value in _bad_values(field):
            for message in _messages(field, value):
                if message.startswith(DJANGO_DEFAULTS):
                    left.append((name, value[:20] if isinstance(value, str) else value, message))
        if model_field is not None:
            for validator in getattr(model_field, "validators", ()):
                code = getattr(validator, "code", None)
                if code in ("max_value", "min_value"):
                    assert not str(field.error_messages[code]).startswith(DJANGO_DEFAULTS), name
    assert left == []


def test_the_local_indicator_form_names_each_missing_field():
    form = LocalIndicatorForm(data={})
    assert not form.is_valid()
    messages = [message for errors in form.errors.values() for message in errors]
    assert messages and "This field is required." not in messages
    assert len(set(messages)) == len(messages)  # each names its own field


def test_money_too_large_says_the_largest_amount():
    field = forms.DecimalField(label="Cost (£)", max_digits=10, decimal_places=2)
    govuk_messages(field, "cost")
    with pytest.raises(forms.ValidationError) as error:
        field.clean("123456789012")
    assert error.value.messages == ["Cost must be £99,999,999.99 or less"]
    with pytest.raises(forms.ValidationError) as error:
        field.clean("12.345")
    assert error.value.messages == ["Cost must be in pounds and pence, like 125.50"]


def test_messages_name_the_field_and_keep_a_forms_own():
    name = forms.CharField(label="Target value", max_length=5)
    own = forms.CharField(label="Name", error_messages={"required": "Enter your name"})
    score = forms.IntegerField(label="Score", min_value=1, max_value=5)
    day = forms.DateField(label="Date received")
    pick = forms.ChoiceField(label="Estate", choices=[("a", "A")])
    for field, label in ((name, "n"), (own, "o"), (score, "s"), (day, "d"), (pick, "p")):
        govuk_messages(field, label)
    assert _messages(name, "") == ["Enter the target value"]
    assert _messages(name, "abcdefg") == ["Target value must be 5 characters or fewer"]
    assert _messages(own, "") == ["Enter your name"]
    assert _messages(score, "9") == ["Score must be 5 or less"]
    assert _messages(score, "0") == ["Score must be 1 or more"]
    assert _messages(score, "x") == ["Score must be a whole number"]
    assert _messages(day, "31/02/2026") == ["Date received must be a real date, like 31/3/2026"]
    assert _messages(pick, "") == ["Select the estate"]
    assert _messages(pick, "b") == ["Select the estate from the list"]


def test_a_required_choice_drawn_as_radios_has_no_blank_radio():
    from tenantry.core.forms import Radios
    from tenantry.records.models import EstateInspection

    class WhoInspected(GovukForm, forms.ModelForm):
        class Meta:
            model = EstateInspection
            fields = ["inspector_kind"]
            widgets = {"inspector_kind": Radios}

    class Optional(GovukForm, forms.Form):
        kind = forms.ChoiceField(
            label="Kind", required=False, choices=[("", "Either"), ("a", "A")], widget=Radios
        )

    page = str(WhoInspected())
    assert 'value=""' not in page and "Select an option" not in page
    assert 'value="staff"' in page and 'value="tenant"' in page
    form = WhoInspected(data={})
    assert not form.is_valid() and form.errors["inspector_kind"]
    assert 'value=""' in str(Optional())  # a choice that may be left empty keeps its blank
