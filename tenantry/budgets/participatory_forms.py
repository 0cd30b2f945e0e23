"""The forms of the participatory budget's pages: input shape only; the services hold the
rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, LongSelect, Radios
from tenantry.democracy.ballots.forms import DateTimeInput
from tenantry.democracy.election_forms import candidate_photo
from tenantry.records.selectors.finding import estates_for_filter

from .models import VotingRule

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
_MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class RoundForm(GovukForm, forms.Form):
    title = forms.CharField(
        label=_("Name of the round"),
        max_length=200,
        help_text=_("For example: Kingsmead Estate community budget 2026"),
    )
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=None, widget=LongSelect)
    amount = forms.DecimalField(label=_("Money to spend (£)"), **_MONEY)
    proposals_close_on = forms.DateField(label=_("Proposals close on"), widget=DateInput)
    rule = forms.ChoiceField(
        label=_("How residents vote"),
        choices=VotingRule.choices,
        initial=VotingRule.WITHIN_BUDGET,
        widget=Radios,
    )
    explanation = forms.CharField(
        label=_("What the money is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Residents read this when they propose and vote."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates_for_filter(organisation=organisation)


class ProposalForm(GovukForm, forms.Form):
    title = forms.CharField(
        label=_("Your idea in a few words"),
        max_length=200,
        help_text=_("For example: Benches by the playground"),
    )
    description = forms.CharField(
        label=_("What it is and who it helps"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, keyed_by_staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if keyed_by_staff:
            self.fields["proposer_name"] = forms.CharField(
                label=_("Who proposed it"),
                max_length=150,
                required=False,
                help_text=_(
                    "The resident's name, for a proposal taken on paper at a stall or door to "
                    "door. Leave it empty for your own."
                ),
            )


class AssessForm(GovukForm, forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Can it be done?"),
        choices=[("yes", _("Yes: it is costed")), ("no", _("No: it cannot be done"))],
        coerce=lambda value: value == "yes",
        widget=Radios,
    )
    cost = forms.DecimalField(label=_("What it will cost (£)"), required=False, **_MONEY)
    reason = forms.CharField(
        label=_("Why it cannot be done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Residents read this on the round's page: say it plainly."),
    )

    def clean(self):
        data = super().clean()
        if data.get("feasible") is True and data.get("cost") is None:
            self.add_error("cost", _("Enter what it will cost"))
        if data.get("feasible") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why it cannot be done"))
        return data


class VoteForm(GovukForm, forms.Form):
    opens_at = forms.DateTimeField(
        label=_("When voting opens"), input_formats=_DATETIME_FORMATS, widget=DateTimeInput
    )
    closes_at = forms.DateTimeField(
        label=_("When voting closes"), input_formats=_DATETIME_FORMATS, widget=DateTimeInput
    )
    channels = forms.MultipleChoiceField(
        label=_("Ways to vote"),
        choices=[
            ("online", _("Online, with the code on the resident's ballot paper")),
            ("paper", _("On paper, at a stall or door to door, keyed in by staff")),
        ],
        widget=Checkboxes,
        initial=["online", "paper"],
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens"))
        return data


class SpendForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Paid on"), widget=DateInput, initial=timezone.localdate)
    amount = forms.DecimalField(label=_("Amount paid (£)"), **_MONEY)
    description = forms.CharField(label=_("What it paid for"), max_length=300)
    reference = forms.CharField(label=_("Invoice or receipt number"), max_length=60, required=False)


class CompleteForm(GovukForm, forms.Form):
    delivered_on = forms.DateField(
        label=_("Delivered on"), widget=DateInput, initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Residents read this on the round's page."),
    )
    photo = forms.FileField(
        label=_("A photo of it (optional)"),
        required=False,
        help_text=_("A JPG or PNG, smaller than 5 MB."),
    )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return candidate_photo(upload) if upload else None
