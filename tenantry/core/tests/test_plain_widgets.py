"""Inputs and text boxes are written in one pass by the form renderer, byte for byte as
Django's own templates write them."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from tenantry.core.forms import GovukFormRenderer

TEXT = 'a "b" <c> & d'
WIDGETS = [
    (forms.TextInput(attrs={"class": "govuk-input", "data-x": True, "data-y": False}), TEXT),
    (forms.TextInput(attrs={"lang": "cy", "dir": "rtl"}), None),
    (forms.TextInput(), ""),
    (forms.NumberInput(attrs={"min": 0, "step": "0.01"}), 5),
    (forms.EmailInput(), "x@example.org"),
    (forms.HiddenInput(), mark_safe("<b>")),  # already safe: not escaped again
    (forms.PasswordInput(render_value=False), "secret"),
    (forms.DateInput(attrs={"type": "date"}), "2026-01-01"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.Textarea(attrs={"rows": 3}), "\nfirst line kept & <escaped>"),
    (forms.Textarea(), None),
    (forms.Textarea(), ""),
    (forms.FileInput(), None),
    (forms.URLInput(), "https://example.org/?a=1&b=2"),
    (forms.TimeInput(), "10:00"),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS, ids=lambda w: type(w).__name__)
def test_a_plain_widget_is_written_as_djangos_template_writes_it(widget, value):
    attrs = {"id": "id_field", "aria-describedby": "id_field_helptext"}
    ours = widget.render("field", value, attrs=attrs, renderer=GovukFormRenderer())
    djangos = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == djangos


def test_other_widgets_are_still_drawn_by_their_templates():
    widget = forms.ClearableFileInput()
    ours = widget.render("photo", None, renderer=GovukFormRenderer())
    assert ours == widget.render("photo", None, renderer=DjangoTemplates())
