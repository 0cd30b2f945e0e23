"""The shapes of the improvement plan pages' input; the rules are the services'."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, Radios
from tenantry.indicators.models import Indicator
from tenantry.surveys.models import Survey

from .models import SEVEN_QUESTIONS, ImprovementPlan, Milestone, PlanAction, Progress


class AnswersForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ImprovementPlan
        fields = [name for name, _question in SEVEN_QUESTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name, _q in SEVEN_QUESTIONS}


class ActionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = [
            "title",
            "finding",
            "owner",
            "starts_on",
            "due_on",
            "indicator",
            "target_value",
        ]
        widgets = {
            "finding": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
        }
        labels = {
            "indicator": _("Indicator that will show it worked"),
            "target_value": _("Target for that indicator"),
        }
        help_texts = {
            "due_on": _("For example, 31/3/2027"),
            "target_value": _("The figure the indicator should reach, like 92.5"),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation), retired_at__isnull=True
        )
        self.fields["indicator"].empty_label = _("No indicator")
        self.fields["due_on"].error_messages["required"] = _("Enter the due date")

    def clean(self):
        cleaned = super().clean()
        for name in ("starts_on", "due_on"):
            day = cleaned.get(name)
            if day and day.year < 1990:
                self.add_error(name, _("The date must be in 1990 or later"))
        return cleaned


class MilestoneForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}
        help_texts = {"done_on": _("Leave empty until it is reached")}


class ProgressForm(GovukForm, forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=Progress.choices, widget=Radios)
    note = forms.CharField(label=_("What has happened"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        help_text=_("What shows it: a figure, a report, minutes, a link. Needed for “Done”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].error_messages["required"] = _("Select how the action is going")


class ConsultationForm(GovukForm, forms.Form):
    closes_on = forms.DateField(
        label=_("Comments close on"),
        help_text=_("Residents and members can comment until the end of this day"),
        widget=DateInput(),
    )
    survey = forms.ModelChoiceField(
        label=_("A survey about the draft"),
        queryset=Survey.objects.none(),
        required=False,
        empty_label=_("No survey"),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(organisation=organisation)


class CommentForm(GovukForm, forms.Form):
    text = forms.CharField(
        label=_("Your comments"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you think of the draft plan, and what you would change"),
    )


class RevisionForm(GovukForm, forms.Form):
    changes_after_consultation = forms.CharField(
        label=_("What changed after consultation"),
        help_text=_("Say what you changed in the light of the comments, or why nothing needed to"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
