"""The journey tracker's forms: input shape only; the services hold the rules."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, Radios
from tenantry.core.models import User
from tenantry.organisations.models import Organisation

from .models import MilestoneKind
from .services_tracker import ORGANISATION_KINDS


class MilestoneForm(GovukForm, forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=MilestoneKind.choices, widget=Radios)
    happened_on = forms.DateField(label=_("Date it happened"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example, how it was sent, or a reference number."),
    )


class TaskForm(GovukForm, forms.Form):
    title = forms.CharField(label=_("What needs doing"), max_length=200)
    assignee = forms.ModelChoiceField(
        label=_("Who will do it"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not a member, or nobody yet"),
    )
    assignee_name = forms.CharField(
        label=_("Or type a name"),
        required=False,
        max_length=200,
        help_text=_("Someone who is not a member here, like your adviser or the council."),
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            journey_groups__group=group
        ).order_by("name")
        self.fields["assignee"].label_from_instance = lambda user: user.name


class DocumentForm(GovukForm, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file's name."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A PDF, Word, Excel, OpenDocument, CSV, text, JPEG or PNG file of up to 10 MB."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.csv,.txt,.jpg,.jpeg,.png"
        )


class MakeOrganisationForm(GovukForm, forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    slug = forms.CharField(
        label=_("Short name for web addresses"),
        max_length=60,
        help_text=_("Small letters, numbers and hyphens, like hollybank-tmo."),
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                _("Use only small letters, numbers and hyphens, like hollybank-tmo"),
            )
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        widget=Radios,
        choices=[(k.value, k.label) for k in ORGANISATION_KINDS],
    )
    landlord = forms.ModelChoiceField(
        label=_("Landlord"),
        queryset=Organisation.objects.filter(kind__in=Organisation.LANDLORD_KINDS).order_by("name"),
        help_text=_("The landlord whose homes the organisation will manage or speak for."),
    )


class BallotForm(GovukForm, forms.Form):
    question = forms.CharField(
        label=_("The question on the ballot paper"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    roll_date = forms.DateField(
        label=_("Roll date"),
        help_text=_("Who may vote is fixed on this day."),
        widget=DateInput(),
    )
    opens_on = forms.DateField(
        label=_("Voting opens"), help_text=_("From 9am on this day."), widget=DateInput()
    )
    closes_on = forms.DateField(
        label=_("Voting closes"), help_text=_("At 5pm on this day."), widget=DateInput()
    )
