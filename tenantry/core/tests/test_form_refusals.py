"""A service's refusal lands on the field it names where the form shows it, else at the top."""

from django import forms
from django.core.exceptions import ValidationError

from tenantry.core.forms import add_errors, form_status


class _Form(forms.Form):
    name = forms.CharField()
    home_reference = forms.CharField()


def _refused(error, **kwargs) -> _Form:
    form = _Form({"name": "Ada", "home_reference": "P1"})
    assert form.is_valid() and form_status(form) == 200
    add_errors(form, error, **kwargs)
    return form


def test_a_refusal_naming_a_field_the_form_shows_is_put_on_it():
    form = _refused(ValidationError({"name": "Enter a shorter name"}))
    assert form.errors == {"name": ["Enter a shorter name"]} and form_status(form) == 400


def test_a_refusal_naming_a_field_the_form_does_not_show_goes_to_the_top():
    form = _refused(ValidationError({"status": "The meeting is over"}))
    assert form.non_field_errors() == ["The meeting is over"]


def test_a_refusal_of_a_model_field_is_put_on_the_forms_own_field_for_it():
    form = _refused(ValidationError({"home": "No such home"}), renamed={"home": "home_reference"})
    assert form.errors == {"home_reference": ["No such home"]}


def test_a_refusal_naming_no_field_goes_to_the_top():
    form = _refused(ValidationError("Nominations have closed"))
    assert form.non_field_errors() == ["Nominations have closed"]
