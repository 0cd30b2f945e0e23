"""The shapes of the programme's and a review's input; the rules are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, LongSelect, Radios
from tenantry.organisations.models import DelegatedService

from .models import (
    BenchmarkVisit,
    Option,
    ProgrammeEntry,
    Stakeholder,
    StepStatus,
)
from .services import TRAJECTORY_YEARS
from .steps import Step


class ProgrammeForm(GovukForm, forms.Form):
    first_year = forms.IntegerField(
        label=_("First year of the programme"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year its first financial year starts in: 2026 for 2026 to 2027."),
    )


class ProgrammeEntryForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ProgrammeEntry
        fields = [
            "service",
            "year",
            "reviewed_by",
            "starts_on",
            "consultation_by",
            "plan_by",
            "service_description",
            "annual_cost",
            "figures_check",
        ]
        widgets = {
            "reviewed_by": Radios,
            "starts_on": DateInput(),
            "consultation_by": DateInput(),
            "plan_by": DateInput(),
            "service_description": forms.Textarea(attrs={"rows": 3}),
            "figures_check": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "service_description": _(
                "For the landlord's review: fill in if the landlord reviews it."
            ),
            "figures_check": _(
                "Where the landlord's figures about the service are right or wrong."
            ),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year of the review"),
            coerce=int,
            choices=[(y, f"{y} to {y + 1}") for y in programme.years],
        )
        self.fields["year"].widget.attrs["class"] = "govuk-select"


class RespondForm(GovukForm, forms.Form):
    comment = forms.CharField(
        label=_("Your comments on the programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agree = forms.TypedChoiceField(
        label=_("Do you agree the programme?"),
        choices=[("yes", _("Yes, agree it")), ("no", _("Not yet: send the comments back"))],
        coerce=lambda answer: answer == "yes",
        widget=Radios,
    )


class StartReviewForm(GovukForm, forms.Form):
    service = forms.ChoiceField(label=_("Service to review"), choices=DelegatedService.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, “Review of the repairs service 2026”."),
    )
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())

    def clean_started_on(self):
        day = self.cleaned_data["started_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The start date cannot be in the future"))
        return day


def step_form(step: Step, *, indicators=None, data=None, initial=None):
    """A form for one step's answers: its Guide fields, its status, and step 5's indicators to
    compare or step 6's weight of cost."""

    class StepForm(GovukForm, forms.Form):
        pass

    form = StepForm(data=data, initial=initial)
    for field in step.fields:
        form.fields[field.key] = forms.CharField(
            label=field.label,
            help_text=field.hint,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    if step.number == 5 and indicators is not None:
        form.fields["indicators"] = forms.MultipleChoiceField(
            label=_("Indicators to compare"),
            required=False,
            choices=[(i.code, i.name) for i in indicators],
            widget=Checkboxes,
        )
    if step.number == 6:
        form.fields["cost_weight"] = forms.IntegerField(
            label=_("Weight of cost, in per cent"),
            min_value=0,
            max_value=100,
            help_text=_("Quality gets the rest: with cost at 40, quality counts for 60."),
        )
    form.fields["status"] = forms.ChoiceField(
        label=_("Where does the step stand?"), choices=StepStatus.choices, widget=Radios
    )
    # The GOV.UK classes are set when a form is made: give the fields added since theirs.
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["class"] = "govuk-textarea"
        elif isinstance(field.widget, forms.NumberInput):
            field.widget.attrs["class"] = "govuk-input govuk-input--width-3"
    return form


class DecisionForm(GovukForm, forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), coerce=int)
    what = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_by = forms.CharField(
        label=_("Who decided"), max_length=200, help_text=_("For example, “The committee”.")
    )
    decided_on = forms.DateField(label=_("When"), widget=DateInput())
    meeting = forms.TypedChoiceField(
        label=_("Committee meeting where it was decided"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
    )

    def __init__(self, *args, steps, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = steps
        self.fields["meeting"].choices = [("", _("Not at a meeting"))] + [
            (m.pk, f"{m.name}, {m.day:%d/%m/%Y}") for m in meetings
        ]


class EvidenceForm(GovukForm, forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), coerce=int)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file's name."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "A PDF, Word, Excel, OpenDocument, CSV, text, JPEG or PNG file of up to 10 MB."
        ),
    )
    survey = forms.TypedChoiceField(
        label=_("Or a survey's results"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, steps, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = steps
        self.fields["survey"].choices = [("", _("No survey"))] + [(s.pk, s.title) for s in surveys]
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.csv,.txt,.jpg,.jpeg,.png"
        )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("survey") and not self.errors:
            self.add_error("file", _("Choose a file, or a survey whose results are evidence"))
        if data.get("file") and data.get("survey"):
            self.add_error("survey", _("Choose a file or a survey, not both"))
        return data


class StakeholderForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["kind", "name", "how", "consulted_on", "said"]
        widgets = {"consulted_on": DateInput(), "said": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "how": _("For example, a drop-in session, a survey, an interview."),
            "consulted_on": _("Leave empty if they have not been consulted yet."),
        }


class VisitForm(GovukForm, forms.ModelForm):
    class Meta:
        model = BenchmarkVisit
        fields = ["visited", "visited_on", "compared", "why_different"]
        widgets = {
            "visited_on": DateInput(),
            "compared": forms.Textarea(attrs={"rows": 3}),
            "why_different": forms.Textarea(attrs={"rows": 3}),
        }


class OptionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Option
        fields = ["kind", "description", "cost_score", "quality_score"]
        widgets = {"kind": Radios, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "cost_score": _("10 is the cheapest. Leave empty until it is scored."),
            "quality_score": _("10 is the best quality. Leave empty until it is scored."),
        }


class StandardForm(GovukForm, forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int, widget=LongSelect)
    current = forms.DecimalField(
        label=_("Current standard"), required=False, max_digits=12, decimal_places=2
    )
    proposed = forms.DecimalField(label=_("Proposed standard"), max_digits=12, decimal_places=2)

    def __init__(self, *args, indicators, first_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", _("Choose an indicator"))] + [
            (i.pk, i.name) for i in indicators
        ]
        for number in range(1, TRAJECTORY_YEARS + 1):
            year = first_year + number - 1
            self.fields[f"year_{number}"] = forms.DecimalField(
                label=_("Target for %(year)s to %(next)s") % {"year": year, "next": year + 1},
                max_digits=12,
                decimal_places=2,
            )
            self.fields[f"year_{number}"].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        for name in ("current", "proposed"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-5"

    def trajectory(self) -> list:
        return [self.cleaned_data[f"year_{n}"] for n in range(1, TRAJECTORY_YEARS + 1)]
