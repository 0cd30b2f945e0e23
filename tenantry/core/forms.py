"""Forms rendered in the GOV.UK Frontend patterns: label, hint, error message, error summary."""

import html
import re
from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .figures import money_text, number_text


def add_errors(form, error: ValidationError, *, renamed: dict[str, str] | None = None) -> None:
    """A service's refusal shown on the form: against the field it names where the form shows
    that field (`renamed` maps a model field to the form's own, as a property reference for a
    home), otherwise at the top of the form. Every form page shows refusals this way."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (renamed or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def form_status(form) -> int:
    """A form page's status: 400 when what was sent was refused, so it is not taken for done."""
    return 400 if form.errors else 200


# Django's templates for a plain input: each only includes "input.html".
_PLAIN_INPUTS = {
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
}  # fmt: skip
_TEXTAREA = "django/forms/widgets/textarea.html"


class GovukFormRenderer(DjangoTemplates):
    """Forms, fields and widgets drawn by their templates, except the plainest widgets: an
    input or a text box is written here in one pass, with the markup of Django's templates.
    Drawing two nested templates for each of a survey's 150 texts took half its translation
    page's time."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name in _PLAIN_INPUTS:
            widget = context["widget"]
            value = widget["value"]
            shown = "" if value is None else f' value="{_escaped(value)}"'
            return (
                f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
                f"{shown}{_flat_attrs(widget['attrs'])}>"
            )
        if template_name == _TEXTAREA:
            widget = context["widget"]
            value = _escaped(widget["value"]) if widget["value"] else ""
            # The new line after the opening tag is Django's: a browser drops the first one, so
            # a text that starts with a new line keeps it.
            return (
                f'<textarea name="{_escaped(widget["name"])}"{_flat_attrs(widget["attrs"])}>\n'
                f"{value}</textarea>"
            )
        return super().render(template_name, context, request)


CHOICE_OPTION = "core/widgets/choice_option.html"


def _flat_attrs(attrs: dict) -> str:
    """An input's attributes as Django's `attrs.html` writes them: False left out, True bare."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class _ChoicesInOnePass:
    """Radios or checkboxes written in one pass from their options: the markup of their
    templates (`radios.html`, `checkboxes.html` and `choice_option.html`), without an include
    drawn for each option and its attributes: a survey's paper form has hundreds of them.
    A subclass with an option template of its own is drawn by its templates."""

    kind = ""  # "radios" or "checkboxes": GOV.UK's class names

    def render(self, name, value, attrs=None, renderer=None):
        if self.option_template_name != CHOICE_OPTION:
            return super().render(name, value, attrs, renderer)
        kind = self.kind
        parts = [
            f'<div class="govuk-{kind} govuk-{kind}--small" data-module="govuk-{kind}">',
        ]
        for _group, options, _index in self.optgroups(name, self.format_value(value), attrs):
            for option in options:
                option_attrs = option["attrs"]
                value_attr = (
                    "" if option["value"] is None else f' value="{_escaped(option["value"])}"'
                )
                label_for = (
                    f' for="{_escaped(option_attrs["id"])}"' if option_attrs.get("id") else ""
                )
                parts.append(
                    f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" '
                    f'type="{option["type"]}" name="{_escaped(option["name"])}"{value_attr}'
                    f"{_flat_attrs(option_attrs)}><label "
                    f'class="govuk-label govuk-{kind}__label"{label_for}>'
                    f"{_escaped(option['label'])}</label></div>"
                )
        parts.append("</div>")
        return mark_safe("".join(parts))


class Checkboxes(_ChoicesInOnePass, forms.CheckboxSelectMultiple):
    kind = "checkboxes"
    template_name = "core/widgets/checkboxes.html"
    option_template_name = CHOICE_OPTION


class Radios(_ChoicesInOnePass, forms.RadioSelect):
    kind = "radios"
    template_name = "core/widgets/radios.html"
    option_template_name = CHOICE_OPTION


def _escaped(value) -> str:
    """`value` escaped for HTML unless it is already safe (Django's `conditional_escape`)."""
    if type(value) is str:  # most values: no other check needed
        return html.escape(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


# From this many choices a select can also be searched by typing (`long-selects.js`, with
# GOV.UK's accessible-autocomplete): scrolling a phone's picker through a council's 2,929 blocks
# is no way to find one. Below it, the plain select is quicker.
SEARCHABLE_FROM = 50


def _searchable_texts() -> dict[str, str]:
    """What the search tells a screen reader, in the page's language; `long-selects.js` puts
    the numbers and the option in place of the words in braces."""
    return {
        "data-tenantry-searchable": "",
        "data-no-results": _("Nothing matches what you typed"),
        "data-results": _("Results: {count}"),
        "data-highlighted": _("{option}, {position} of {count}, is highlighted"),
        "data-hint": _(
            "Type to narrow the list, then choose with the up and down arrows and Enter. On a "
            "touch screen, explore by touch or swipe."
        ),
    }


class LongSelect(forms.Select):
    """A select written in one pass from its choices: Django's own select makes a dictionary
    and renders a template for each option, which took 200 ms for a council's 2,929 blocks and
    several milliseconds for a list of periods. The same markup as Django's, option groups
    included; `GovukForm` gives it to every plain select. With `SEARCHABLE_FROM` choices or
    more, not in groups, it can be searched by typing where JavaScript runs."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(each) for each in self.format_value(value)}
        options: list[str] = []
        grouped = False
        # "None" or "Choose…" is not a choice to search for.
        choices = 0

        def option(option_value, label) -> str:
            nonlocal choices
            raw = "" if option_value is None else str(option_value)
            choices += raw != ""
            selected = " selected" if raw in chosen else ""
            # Escaped as `format_html` would, without its cost per option; a key needs none.
            written = raw if type(option_value) is int else _escaped(raw)
            return f'<option value="{written}"{selected}>{_escaped(label)}</option>'

        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                grouped = True
                options.append(format_html('<optgroup label="{}">', option_value))
                options.extend(option(*each) for each in label)
                options.append(mark_safe("</optgroup>"))
            else:
                options.append(option(option_value, label))
        attrs = self.build_attrs(self.attrs, attrs)
        # Choices in groups (periods: years, quarters, months) are a list to look through, not
        # names to type.
        if choices >= SEARCHABLE_FROM and not grouped:
            attrs.update(_searchable_texts())
        opening = format_html('<select name="{}"{}>', name, flatatt(attrs))
        return mark_safe("".join([opening, *options, "</select>"]))


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


class OneQueryChoices(forms.models.ModelChoiceIterator):
    """A model choice's options read in one query. Django reads them through `iterator()`,
    which on PostgreSQL is a server-side cursor: three round trips (declare, fetch, close) for
    every select on every form, for lists of at most a few thousand rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class RowChoices(BaseChoiceIterator):
    """A model choice's options straight from `rows` of (pk, label), the field's empty label
    first, read when the select is drawn: no model made for each of a council's thousands of
    blocks or hundreds of estates, and no pass of Django's over a list of them to normalise it.
    What is chosen is still checked against the field's queryset."""

    def __init__(self, field: forms.ModelChoiceField, rows):
        self.field = field
        self.rows = rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.rows


class GovukForm:
    """Mixin giving each widget its GOV.UK class and each field GOV.UK error messages that
    name it and say what to do (`govuk_messages`); the templates do the rest."""

    def full_clean(self):
        # Filled when the form is checked, so labels changed after __init__ are used.
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            govuk_messages(field, name, model_field=_model_field(model, name))
        super().full_clean()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = OneQueryChoices
                field.widget.choices = field.choices
            if type(field.widget) is forms.Select:  # not its subclasses: the same markup
                field.widget = LongSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            widget = field.widget
            if (
                isinstance(widget, forms.RadioSelect)
                and field.required
                and not isinstance(field, forms.ModelChoiceField)  # Django leaves it out there
            ):
                # A required choice drawn as radios offers its real choices only: the blank
                # one Django adds for a model field without a default ("- Select an option -")
                # would be a radio button of its own.
                field.choices = [choice for choice in field.choices if choice[0] != ""]
            if isinstance(widget, (Checkboxes, Radios)):
                continue
            css = next((c for w, c in _CLASSES.items() if isinstance(widget, w)), "govuk-input")
            if isinstance(widget, (forms.DateInput, forms.NumberInput)):
                css += " govuk-input--width-10"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()


# --- error messages ----------------------------------------------------------------------------
#
# Django's own messages ("This field is required.", "Enter a valid date.", "Ensure that there
# are no more than 10 digits in total.") do not say which field they are about. Every form
# gets messages in the GOV.UK patterns instead, made from the field's label: "Enter the target
# value", "Select the estate", "Cost must be £99,999,999.99 or less". A message a form sets
# itself is kept; only Django's defaults are replaced.

_DETERMINERS = {"a", "an", "the", "your", "this", "who", "what", "when", "which", "how", "why"}


def _defaults(field: forms.Field) -> dict:
    found: dict = {}
    for cls in reversed(type(field).__mro__):
        found.update(getattr(cls, "default_error_messages", {}))
    return found


def _noun(field: forms.Field, name: str) -> tuple[str, bool]:
    """The field's label as a noun in a sentence ("cost"), and whether it is money."""
    label = str(field.label or "").strip().rstrip(":") or name.replace("_", " ")
    money = "(£)" in label
    label = re.sub(r"\s*\([^ ()]{1,12}\)$", "", label)  # a unit: "Cost (£)", "Figure (%)"
    if not (len(label) > 1 and label[1].isupper()):  # "TSM …", "UPRN" keep their capitals
        label = label[:1].lower() + label[1:]
    return label, money


def _the(noun: str) -> str:
    """The noun after "the" ("the reference"), unless it has its own ("your comment")."""
    return (
        noun
        if noun.split(" ", 1)[0].lower() in _DETERMINERS
        else _("the %(noun)s") % {"noun": noun}
    )


def _model_field(model, name: str):
    """A model form's field's model field: its validators run too (in the model's checks)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field the form adds itself
        return None


def _limit(checks: list, kind: type, pick) -> object | None:
    limits = [v.limit_value for v in checks if isinstance(v, kind)]
    limits = [limit() if callable(limit) else limit for limit in limits]
    return pick(limits) if limits else None


def _largest(field: forms.DecimalField) -> Decimal | None:
    if field.max_digits is None:
        return None
    places = field.decimal_places or 0
    return Decimal(10) ** (field.max_digits - places) - Decimal(1).scaleb(-places)


def govuk_messages(field: forms.Field, name: str, *, model_field=None) -> None:
    """Replace Django's default error messages on `field` by GOV.UK ones naming it."""
    checks = [*field.validators, *getattr(model_field, "validators", ())]
    defaults = _defaults(field)
    noun, money = _noun(field, name)
    question = noun.endswith("?")
    title = capfirst(noun)
    choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField)
    choose = choose or isinstance(field, forms.BooleanField)
    messages: dict[str, str] = {}
    if question:
        messages["required"] = (
            _("Select an answer to “%(question)s”")
            if choose
            else _("Enter an answer to “%(question)s”")
        ) % {"question": capfirst(noun)}
    elif choose:
        messages["required"] = _("Select %(noun)s") % {"noun": _the(noun)}
    else:
        messages["required"] = _("Enter %(noun)s") % {"noun": _the(noun)}
    shown = (lambda v: f"£{money_text(v)}") if money else number_text
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = _("%(field)s must be a real date and time, like 31/3/2026 14:30")
    elif isinstance(field, forms.DateField):
        messages["invalid"] = _("%(field)s must be a real date, like 31/3/2026")
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = _("%(field)s must be a real time, like 14:30")
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = _("%(field)s must be a whole number")
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = (
            _("%(field)s must be an amount of money, like 125.50")
            if money
            else _("%(field)s must be a number")
        )
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )
    elif isinstance(field, forms.URLField):
        messages["invalid"] = _(
            "Enter a web address in the correct format, like https://www.example.org"
        )
    elif isinstance(field, forms.SlugField):
        messages["invalid"] = _(
            "%(field)s must contain only letters, numbers, hyphens and underscores"
        )
    elif isinstance(field, forms.FileField):
        messages["invalid"] = _("The selected file must be a file")
        messages["missing"] = _("Select %(noun)s") % {"noun": _the(noun)}
        messages["empty"] = _("The selected file is empty")
        messages["invalid_image"] = _("The selected file must be a picture")
    else:
        messages["invalid"] = _("Enter %(noun)s in the correct format") % {"noun": _the(noun)}
    pick = _("Select %(noun)s from the list") % {"noun": _the(noun)}
    messages["invalid_choice"] = messages["invalid_list"] = messages["invalid_pk_value"] = pick
    if (high := _limit(checks, validators.MaxValueValidator, min)) is not None:
        messages["max_value"] = _("%(field)s must be %(limit)s or less") % {
            "field": title,
            "limit": shown(high),
        }
    if (low := _limit(checks, validators.MinValueValidator, max)) is not None:
        messages["min_value"] = _("%(field)s must be %(limit)s or more") % {
            "field": title,
            "limit": shown(low),
        }
    if isinstance(field, forms.DecimalField) and (largest := _largest(field)) is not None:
        too_big = _("%(field)s must be %(limit)s or less") % {
            "field": title,
            "limit": shown(largest),
        }
        messages["max_digits"] = messages["max_whole_digits"] = too_big
        places = field.decimal_places or 0
        messages["max_decimal_places"] = (
            _("%(field)s must be in pounds and pence, like 125.50")
            if money and places == 2
            else _("%(field)s must have %(places)s decimal places or fewer")
            % {"field": title, "places": places}
        )
    if (longest := getattr(field, "max_length", None)) is not None:
        messages["max_length"] = _("%(field)s must be %(limit)s characters or fewer") % {
            "field": title,
            "limit": number_text(longest),
        }
    if (shortest := getattr(field, "min_length", None)) is not None:
        messages["min_length"] = _("%(field)s must be %(limit)s characters or more") % {
            "field": title,
            "limit": number_text(shortest),
        }
    for code, message in messages.items():
        current = field.error_messages.get(code)
        if current is not None and (code not in defaults or str(current) != str(defaults[code])):
            continue  # the form's own message
        if current is None and code not in _VALIDATOR_CODES and code not in defaults:
            continue
        if "%(field)s" in message:
            message = message % {"field": title}
        # Messages with parameters are %-formatted when raised: keep a literal % as it is.
        field.error_messages[code] = message.replace("%", "%%") if code in _FORMATTED else message


# Codes raised by validators (not in the field's defaults) and codes raised with parameters.
_VALIDATOR_CODES = {"invalid", "max_value", "min_value", "max_length", "min_length", "max_digits",
                    "max_whole_digits", "max_decimal_places"}  # fmt: skip
_FORMATTED = {"max_value", "min_value", "max_length", "min_length", "max_digits",
              "max_whole_digits", "max_decimal_places", "invalid_choice",
              "invalid_pk_value", "step_size"}  # fmt: skip
