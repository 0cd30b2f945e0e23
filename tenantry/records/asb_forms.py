"""What staff type about anti-social behaviour: a report, and the case to link one to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm
from tenantry.organisations.models import Organisation

from .forms import RecordForm
from .models import AsbCase, AsbReport


class AsbReportForm(RecordForm):
    """A report as staff take it; the rule in `records.asb` finds or opens its case."""

    place = "home"
    required_messages = {
        "category": _("Select the kind of behaviour"),
        "received_on": _("Enter the date the report was received"),
        "channel": _("Select how it was reported"),
    }
    noun = _("report")
    sections = [
        (_("The report"), ["reference", "received_on", "channel", "reporter_name"]),
        (_("What and where"), ["estate", "home_reference", "category", "is_hate_incident"]),
        (_("What happened"), ["description"]),
    ]

    class Meta:
        model = AsbReport
        fields = [
            "reference", "received_on", "channel", "reporter_name", "estate", "category",
            "is_hate_incident", "description",
        ]  # fmt: skip
        widgets = {"received_on": DateInput, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["estate"].empty_label = _("Choose an estate")
        self.fields["home_reference"].help_text = _(
            "If the report is about one home: the landlord's reference for it. Leave it blank "
            "for behaviour somewhere on the estate."
        )

    def clean(self):
        cleaned = super().clean()
        no_place = not cleaned.get("estate") and not cleaned.get("home_reference")
        if no_place and not self.has_error("home_reference"):
            self.add_error("estate", _("Choose the estate, or enter the property reference"))
        return cleaned


class LinkReportForm(GovukForm, forms.Form):
    case = forms.CharField(
        label=_("Reference of the case to link it to"),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        error_messages={"required": _("Enter the reference of the case to link the report to")},
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_case(self) -> AsbCase:
        reference = self.cleaned_data["case"].strip()
        case = AsbCase.objects.filter(
            organisation=self.organisation, reference__iexact=reference
        ).first()
        if case is None:
            raise forms.ValidationError(
                _("No case of %(organisation)s has the reference %(reference)s.")
                % {"organisation": self.organisation.name, "reference": reference}
            )
        return case
