"""The shapes of the annual report pages' input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, GovukForm, Radios

from .models import REPORT_LANGUAGES

TEXT_LIMIT = 20_000


class StartForm(GovukForm, forms.Form):
    year = forms.ChoiceField(label=_("Which financial year is the report for?"), widget=Radios)

    def __init__(self, *args, years: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(year.start.year), year.label) for year in years]
        self.fields["year"].error_messages["required"] = _("Select the year the report is for")


class SectionForm(GovukForm, forms.Form):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    actions = forms.CharField(
        label=_("What we did"),
        required=False,
        max_length=TEXT_LIMIT,
        help_text=_("The actions taken this year, one a line."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outcomes = forms.CharField(
        label=_("What changed for tenants"),
        required=False,
        max_length=TEXT_LIMIT,
        help_text=_("The outcomes: what is different because of those actions."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self, *args, commitment: bool, body_label: str = "", body_hint: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        if not commitment:
            del self.fields["actions"]
            del self.fields["outcomes"]
        if body_label:
            self.fields["body"].label = body_label
        if body_hint:
            self.fields["body"].help_text = body_hint


class LanguagesForm(GovukForm, forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Publish the report in"),
        help_text=_("English is always included."),
        choices=REPORT_LANGUAGES,
        widget=Checkboxes,
        required=False,
    )
