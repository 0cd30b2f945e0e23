"""Forms rendered in the GOV.UK Frontend patterns: label, hint, error message, error summary."""

from django import forms
from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class Checkboxes(forms.CheckboxSelectMultiple):
    template_name = "core/widgets/checkboxes.html"
    option_template_name = "core/widgets/choice_option.html"


class Radios(forms.RadioSelect):
    template_name = "core/widgets/radios.html"
    option_template_name = "core/widgets/choice_option.html"


class DateInput(forms.DateInput):
    """A native date picker; typed dates in dd/mm/yyyy or ISO form are read too."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
}


class GovukForm:
    """Mixin giving each widget its GOV.UK class; the templates do the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (Checkboxes, Radios)):
                continue
            css = next((c for w, c in _CLASSES.items() if isinstance(widget, w)), "govuk-input")
            if isinstance(widget, (forms.DateInput, forms.NumberInput)):
                css += " govuk-input--width-10"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
