"""The shapes of a panel's input; the rules are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios
from tenantry.organisations.models import DelegatedService

from .models import (
    AskedAs,
    Channel,
    Fieldwork,
    FieldworkKind,
    ShoppingExercise,
    ShoppingQuestion,
    TermsOfReference,
)
from .programme_services import STAGES_BEFORE_REPORT


class TrainingForm(GovukForm, forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, widget=LongSelect)
    course = forms.CharField(label=_("Course"), max_length=200)
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda user: user.name or user.email


class TermsForm(GovukForm, forms.ModelForm):
    class Meta:
        model = TermsOfReference
        fields = [
            "evidence_working_days",
            "residents_to_request_topic",
            "response_months",
            "interim_reply_allowed",
            "senior_officer_name",
            "senior_officer_email",
            "agreed_on",
        ]
        widgets = {"agreed_on": DateInput()}


class AskForm(GovukForm, forms.Form):
    panel = forms.ModelChoiceField(label=_("Which panel"), queryset=None, empty_label=None)
    asked_as = forms.ChoiceField(label=_("Who is asking"), choices=AskedAs.choices, widget=Radios)
    residents = forms.IntegerField(
        label=_("How many residents ask together"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Only when a number of residents ask together."),
    )
    topic = forms.CharField(label=_("What should the panel look at"), max_length=200)
    why = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has gone wrong or could be better. Do not name other people."),
    )

    def __init__(self, *args, panels, may_ask_as_association: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panels
        if len(panels) == 1:
            self.fields["panel"].widget = forms.HiddenInput()
            self.initial.setdefault("panel", panels[0].pk)
        if not may_ask_as_association:
            self.fields["asked_as"].choices = [
                c for c in AskedAs.choices if c[0] != AskedAs.ASSOCIATION
            ]
        self.initial.setdefault("asked_as", AskedAs.RESIDENT)


class DecideForm(GovukForm, forms.Form):
    decision = forms.ChoiceField(
        label=_("Will the panel review it?"),
        choices=[("accept", _("Yes, the panel will review it")), ("decline", _("No"))],
        widget=Radios,
    )
    reason = forms.CharField(
        label=_("The panel's reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person who asked reads this."),
    )


class ReviewForm(GovukForm, forms.Form):
    scrutinised = forms.ModelChoiceField(label=_("Whose service"), queryset=None, empty_label=None)
    service = forms.ChoiceField(
        label=_("Service"),
        choices=[("", _("Not one service"))] + list(DelegatedService.choices),
        required=False,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(
        label=_("Scope"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What the review looks at, and what it leaves out."),
    )
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutinised"].queryset = organisations
        self.initial.setdefault("started_on", timezone.localdate())


class ChangeReviewForm(GovukForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(
        label=_("Scope"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), widget=Radios)

    def __init__(self, *args, stage_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stage_choices


def stage_choices(current: str, every) -> list:
    """A review before its report moves between the stages before the report; after it, the
    stage is shown and stays."""
    if current in STAGES_BEFORE_REPORT:
        return [c for c in every if c[0] in STAGES_BEFORE_REPORT]
    return [c for c in every if c[0] == current]


class FieldworkForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Fieldwork
        fields = ["kind", "held_on", "title", "estate", "notes"]
        widgets = {
            "kind": Radios,
            "held_on": DateInput(),
            "estate": LongSelect,
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"estate": _("For a walkabout.")}

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates
        self.fields["kind"].choices = FieldworkKind.choices


class EvidenceRequestForm(GovukForm, forms.Form):
    what = forms.CharField(
        label=_("What the panel asks for"), widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class AnswerForm(GovukForm, forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The evidence, or where the panel can find it, or when it will come."),
    )


class ExerciseForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ShoppingExercise
        fields = ["title", "channel", "scenario"]
        widgets = {"channel": Radios, "scenario": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = Channel.choices


class QuestionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = ShoppingQuestion
        fields = ["text", "max_points"]


class VisitForm(GovukForm, forms.Form):
    """A shopper's results, one score per question: radio buttons big enough for a thumb."""

    done_on = forms.DateField(label=_("When you made contact"), widget=DateInput())
    notes = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only the panel reads this. Do not write your own name or address."),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("done_on", timezone.localdate())
        self.questions = questions
        for question in questions:
            if question.max_points == 1:
                choices = [("1", _("Yes")), ("0", _("No"))]
            else:
                choices = [(str(n), str(n)) for n in range(question.max_points, -1, -1)]
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                widget=Radios,
                help_text=""
                if question.max_points == 1
                else _("From 0 to %(most)s: %(most)s is the best") % {"most": question.max_points},
            )

        # The scores first, then the notes: what a shopper enters on the way out of the call.
        self.order_fields(["done_on", *(f"q{q.pk}" for q in questions), "notes"])

    def points(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}
