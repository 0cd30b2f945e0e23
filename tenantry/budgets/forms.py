"""The shapes of the budgets pages' input; the rules are the services' (and the ledger's)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, LongSelect, Radios
from tenantry.core.periods import years_offered
from tenantry.democracy.election_forms import candidate_photo
from tenantry.organisations.models import DelegatedService

from .models import Actual, Bid, BudgetKind, CashbackService, EntryKind, EstateRules

EARLIEST = date(1990, 1, 1)


def _not_too_early(form, cleaned, *names) -> None:
    for name in names:
        day = cleaned.get(name)
        if day and day < EARLIEST:
            form.add_error(name, _("The date must be in 1990 or later"))


class YearChoice(forms.TypedChoiceField):
    """A financial year by the calendar year it starts in: "2025/26" is 2025."""

    def __init__(self, *, today: date, ahead: int = 0, not_before: date | None = None, **kwargs):
        years = years_offered(today=today, ahead=ahead, not_before=not_before)
        super().__init__(
            choices=[(p.start.year, p.label) for p in reversed(years)],
            coerce=int,
            label=_("Financial year"),
            **kwargs,
        )


class YearForm(GovukForm, forms.Form):
    def __init__(self, *args, today: date, ahead: int = 0, not_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = YearChoice(today=today, ahead=ahead, not_before=not_before)


class OpenBudgetForm(GovukForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of budget"),
        widget=Radios,
        choices=[
            (BudgetKind.MANAGEMENT_ALLOWANCE, BudgetKind.MANAGEMENT_ALLOWANCE.label),
            (BudgetKind.CASHBACK, BudgetKind.CASHBACK.label),
        ],
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "opened_on")
        return cleaned


class RulesForm(GovukForm, forms.ModelForm):
    class Meta:
        model = EstateRules
        fields = [
            "per_home", "carry_over", "carry_over_limit", "quick_bid_limit",
            "bids_per_group_per_year", "representatives",
        ]  # fmt: skip
        widgets = {"representatives": Checkboxes}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representatives"].queryset = people
        self.fields["representatives"].help_text = _(
            "Residents chosen by the estate to decide quick bids."
        )


class EstateBudgetForm(RulesForm):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=None, widget=LongSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())

    field_order = ["estate", "name", "opened_on"]

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "opened_on")
        return cleaned


class SpendForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Date paid"), widget=DateInput())
    description = forms.CharField(label=_("What it was for"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount, £"), max_digits=12, decimal_places=2, min_value=0.01
    )
    reference = forms.CharField(label=_("Receipt or invoice number"), max_length=60)

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class MoneyInForm(SpendForm):
    kind = forms.ChoiceField(
        label=_("What the money is"),
        widget=Radios,
        choices=[
            (EntryKind.ALLOCATION, _("A payment of the allowance or budget")),
            (EntryKind.REFUND, EntryKind.REFUND.label),
        ],
    )
    field_order = ["kind", "on", "description", "amount", "reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Date received")
        self.fields["reference"].required = False
        self.fields["reference"].label = _("Reference (optional)")


class ReverseForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Date of the correction"), widget=DateInput())
    reason = forms.CharField(label=_("Why the entry is wrong"), max_length=200)

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class LinesForm(GovukForm, forms.Form):
    """The year's budget for each delegated service; leave one empty for no line."""

    def __init__(self, *args, services: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for service in services:
            self.fields[service] = forms.DecimalField(
                label=DelegatedService(service).label,
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
            )


class ActualForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Actual
        fields = ["reference", "on", "service", "description", "amount"]
        widgets = {"on": DateInput()}
        labels = {"on": _("Date spent")}
        help_texts = {"amount": _("A credit note is a negative amount, like -25.00")}

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class ImportForm(GovukForm, forms.Form):
    file = forms.FileField(
        label=_("File of actual spend"), help_text=_("A CSV or XLSX file, as described below.")
    )
    dry_run = forms.BooleanField(label=_("Only check the file"), required=False)


class BidForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Bid
        fields = [
            "group", "title", "location", "cost", "quotes", "maintenance_per_year",
            "submitted_on",
        ]  # fmt: skip
        widgets = {"quotes": forms.Textarea(attrs={"rows": 3}), "submitted_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "submitted_on")
        return cleaned


class DecideForm(GovukForm, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        widget=Radios,
        choices=[("yes", _("Approve the bid")), ("no", _("Refuse the bid"))],
        coerce=lambda value: value == "yes",
    )
    on = forms.DateField(label=_("Date decided"), widget=DateInput())
    note = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed if the bid is refused."),
    )

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class PayForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Date paid"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Amount, £"), max_digits=10, decimal_places=2, min_value=0.01
    )
    reference = forms.CharField(label=_("Receipt or invoice number"), max_length=60)

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class CompleteForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Date the work was finished"), widget=DateInput())
    photo = forms.FileField(
        label=_("Photo of the finished work"), help_text=_("A JPG or PNG, smaller than 5 MB.")
    )

    def clean_photo(self):
        # Read as an image and written again as a small JPEG, as a candidate's photo is: no
        # camera data (place, time, device) is kept.
        return candidate_photo(self.cleaned_data["photo"])

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "on")
        return cleaned


class CashbackServiceForm(GovukForm, forms.ModelForm):
    class Meta:
        model = CashbackService
        fields = ["service", "taken_over_on", "landlord_cost", "community_cost"]
        widgets = {"taken_over_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        _not_too_early(self, cleaned, "taken_over_on")
        return cleaned
