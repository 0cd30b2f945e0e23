"""The directory's and visits' forms: input shape and validation only; the rules are the
services' (`services_directory`) and the moves' (`visits`)."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios
from tenantry.democracy.ballots.forms import _DATETIME_FORMATS, DateTimeInput
from tenantry.democracy.election_forms import candidate_photo
from tenantry.organisations.models import DelegatedService, Organisation, Region

from .models import MAX_VISITORS
from .models.directory import STORY_CHARACTERS

MOST_HOMES = 1_000_000
EARLIEST = date(1900, 1, 1)


def _text(label, help_text="", *, required=True, rows=4, max_length=2000, error=None):
    return forms.CharField(
        error_messages={"required": error} if error else None,
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProfileForm(GovukForm, forms.Form):
    story = _text(
        _("Your story, in your own words"),
        _(
            "Why you took control, what changed, and what you would tell a group starting out. "
            "Use short, plain sentences. At most 1,500 characters."
        ),
        rows=8,
        max_length=STORY_CHARACTERS,
    )
    services = forms.MultipleChoiceField(
        label=_("Services you run"),
        help_text=_("Filled in from your management agreement. Change it if it is not right."),
        choices=DelegatedService.choices,
        widget=Checkboxes,
        required=False,
    )
    homes = forms.IntegerField(
        label=_("Number of homes"),
        help_text=_("Filled in from the homes your agreement covers."),
        required=False,
        min_value=1,
        max_value=MOST_HOMES,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    since = forms.DateField(label=_("Running services since"), required=False, widget=DateInput())
    welcomes_visits = forms.BooleanField(
        label=_("We welcome visits from tenant groups"),
        help_text=_("Groups can then ask to visit. You choose the dates, or say no."),
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact name"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    show_contact = forms.BooleanField(
        label=_("Show the contact name and email on your public page"), required=False
    )
    photo = forms.FileField(
        label=_("A photo"),
        help_text=_("A JPG or PNG, smaller than 5 MB. Only use a photo you may share."),
        required=False,
    )
    photo_description = forms.CharField(
        label=_("What the photo shows"),
        help_text=_("For people who cannot see it, like “Residents planting the garden”."),
        required=False,
        max_length=200,
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["remove_photo"]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return candidate_photo(upload) if upload else None

    def clean_since(self):
        since = self.cleaned_data.get("since")
        if since and not EARLIEST <= since <= timezone.localdate():
            raise forms.ValidationError(_("The date must be in the past, after 1900"))
        return since


class DirectoryFilterForm(GovukForm, forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Anywhere"))] + Region.choices, required=False
    )
    service = forms.ChoiceField(
        label=_("Runs"), choices=[("", _("Any service"))] + DelegatedService.choices, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any kind"))]
        + [(k, name) for k, name in Organisation.Kind.choices if k in Organisation.MANAGING_KINDS],
        required=False,
    )
    # A select like the others: a lone checkbox among the selects reads as a heading.
    visits = forms.ChoiceField(
        label=_("Visits"),
        choices=[("", _("Any")), ("yes", _("Welcomes visits"))],
        required=False,
    )


class VisitRequestForm(GovukForm, forms.Form):
    wants_to_learn = _text(
        _("What does your group want to learn?"),
        error=_("Say what your group wants to learn"),
        help_text=_(
            "For example: how you took over repairs, how the committee works, or how you keep "
            "residents involved."
        ),
    )
    people = forms.IntegerField(
        label=_("How many people would come?"),
        min_value=1,
        max_value=MAX_VISITORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many people would come"),
            "invalid": _("Enter how many people would come as a whole number, like 6"),
            "min_value": _("At least 1 person must come"),
            "max_value": _("At most 30 people can come on one visit: ask about a second visit"),
        },
    )
    preferred_times = forms.CharField(
        label=_("Which months or days suit your group?"),
        help_text=_("For example: a Saturday in March or April, or a weekday evening."),
        required=False,
        max_length=300,
    )
    access_needs = _text(
        _("Does anyone have access needs?"),
        _("For example: step-free access, a hearing loop, or a break every hour."),
        required=False,
        rows=3,
        max_length=1000,
    )


class OfferDatesForm(GovukForm, forms.Form):
    date_1 = forms.DateTimeField(
        label=_("First date and time"), input_formats=_DATETIME_FORMATS, widget=DateTimeInput()
    )
    date_2 = forms.DateTimeField(
        label=_("Second date and time"),
        input_formats=_DATETIME_FORMATS,
        widget=DateTimeInput(),
        required=False,
    )
    date_3 = forms.DateTimeField(
        label=_("Third date and time"),
        input_formats=_DATETIME_FORMATS,
        widget=DateTimeInput(),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        now = timezone.now()
        for name in ("date_1", "date_2", "date_3"):
            day = cleaned.get(name)
            if day and day <= now:
                self.add_error(name, _("The date must be in the future"))
        return cleaned

    def dates(self) -> list:
        return [
            self.cleaned_data[name]
            for name in ("date_1", "date_2", "date_3")
            if self.cleaned_data.get(name)
        ]


class ReasonForm(GovukForm, forms.Form):
    reason = _text(_("Why?"), _("The other side reads this."), rows=3, max_length=1000)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class ChooseDateForm(GovukForm, forms.Form):
    date = forms.TypedChoiceField(label=_("Choose a date"), coerce=int, widget=Radios)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = list(choices)


class LearningForm(GovukForm, forms.Form):
    first = _text("", rows=5)
    second = _text("", required=False, rows=4)

    def __init__(self, *args, host: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if host:
            self.fields["first"].label = _("What did you show the group?")
            self.fields["first"].error_messages["required"] = _("Say what you showed the group")
            self.fields["second"].label = _("What questions did they ask?")
        else:
            self.fields["first"].label = _("What did your group learn?")
            self.fields["first"].error_messages["required"] = _("Say what your group learnt")
            self.fields["second"].label = _("What will your group do next?")
