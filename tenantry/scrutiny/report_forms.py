"""The shapes of the report pages' input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios
from tenantry.reviews.models import Progress

from .models import PeerReview, Recommendation, Response, ScrutinyReport, Verdict


class ReportForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ScrutinyReport
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}


class RecommendationForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["title", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}


class AnswerForm(GovukForm, forms.Form):
    response = forms.ChoiceField(label=_("Your answer"), choices=Response.choices, widget=Radios)
    reasons = forms.CharField(
        label=_("Your reasons"),
        required=False,
        max_length=5000,
        help_text=_("Needed if you accept it only in part or reject it."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    owner = forms.CharField(
        label=_("Who is responsible"),
        required=False,
        max_length=120,
        help_text=_("If you accept it: a person or a role, like “Head of repairs”."),
    )
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        help_text=_("If you accept it: when it will be done. For example, 31/3/2027"),
        widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].error_messages["required"] = _(
            "Select whether you accept the recommendation"
        )
        # Needed for some answers only, as each hint says: the service asks for them then.
        for name in ("reasons", "owner", "due_on"):
            self.fields[name].template_name = "scrutiny/forms/needed_if_field.html"


class InterimReplyForm(GovukForm, forms.Form):
    interim_reply = forms.CharField(
        label=_("Interim reply"),
        max_length=5000,
        help_text=_("What you can say now, and when the full answers will come."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ActionProgressForm(GovukForm, forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=Progress.choices, widget=Radios)
    note = forms.CharField(
        label=_("What has happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        help_text=_("What shows it: a figure, a report, minutes, a link. Needed for “Done”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].error_messages["required"] = _("Select how the action is going")


class SignOffForm(GovukForm, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Was it delivered?"), choices=Verdict.choices, widget=Radios
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=5000,
        help_text=_("What shows it: a figure, a visit, a document, tenants' views."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=_("What tenants should know"),
        required=False,
        max_length=2000,
        help_text=_("A sentence in plain words for the “you said, we did” page."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].error_messages["required"] = _(
            "Select whether the action was delivered"
        )


class TenantSummaryForm(GovukForm, forms.Form):
    tenant_summary = forms.CharField(
        label=_("You said, we did"),
        max_length=5000,
        help_text=_(
            "A few sentences for tenants: what they told the panel, and what changed because of it."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class InviteForm(GovukForm, forms.ModelForm):
    class Meta:
        model = PeerReview
        fields = ["reviewer", "request"]
        widgets = {"reviewer": LongSelect, "request": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = panels
        self.fields["reviewer"].empty_label = _("Choose a panel")


class PeerReportForm(GovukForm, forms.Form):
    report = forms.CharField(
        label=_("Your peer review"),
        max_length=10000,
        help_text=_("What the panel does well, and what it could do better."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
