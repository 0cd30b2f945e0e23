"""The forms of registering interest, the network's follow-up list and page, and the
network's grant programmes: input shape and validation only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios
from tenantry.organisations.models import DelegatedService, Organisation

from . import spam
from .models import ClosedReason, ConditionKind, ContactHow, HeardFrom, Stage

MOST_HOMES = 1_000_000  # more than any landlord has: a typing slip


def _numeric(**attrs):
    return forms.TextInput(
        attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-5"}
        | attrs
    )


class InterestForm(GovukForm, forms.Form):
    """Registering a group's interest with a network, with no account."""

    network = forms.ModelChoiceField(
        label=_("Which network would you like to help you?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a network"),
        error_messages={"required": _("Choose a network"), "invalid_choice": _("Choose a network")},
    )
    name = forms.CharField(
        label=_("Your group's name"),
        max_length=200,
        help_text=_("If your group has no name yet, say who you are, like Tenants of Ash Court."),
        error_messages={"required": _("Enter your group's name")},
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=200,
        help_text=_("The estate, streets or town your group covers."),
        error_messages={"required": _("Enter the area your group covers")},
    )
    homes = forms.IntegerField(
        label=_("Number of homes"),
        help_text=_("Roughly how many homes are in the area. A guess is fine."),
        min_value=1,
        max_value=MOST_HOMES,
        widget=_numeric(),
        error_messages={
            "required": _("Enter the number of homes"),
            "invalid": _("Enter the number of homes as a whole number, like 120"),
            "min_value": _("The number of homes must be at least 1"),
            "max_value": _("The number of homes must be 1,000,000 or fewer"),
        },
    )
    landlord_name = forms.CharField(
        label=_("Your landlord"),
        max_length=200,
        help_text=_("The council or housing association that owns the homes."),
        error_messages={"required": _("Enter your landlord's name")},
    )
    landlord = forms.ModelChoiceField(
        label=_("Is your landlord one of these?"),
        help_text=_("These landlords already use Tenantry. Leave it if yours is not here."),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list, or I do not know"),
    )
    already_does = forms.CharField(
        label=_("What does your group already do?"),
        help_text=_(
            "For example, meets the landlord every month, runs a garden, or is just starting."
        ),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    services_wanted = forms.MultipleChoiceField(
        label=_("Which services would your group like to run?"),
        help_text=_("Select all that apply. You can change your mind later."),
        choices=DelegatedService.choices,
        required=False,
        widget=Checkboxes,
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Enter your name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send you a link to confirm it."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    heard_from = forms.ChoiceField(
        label=_("How did you hear about the network?"),
        choices=HeardFrom.choices,
        required=False,
        widget=Radios,
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the network may contact me about our group"),
        help_text=_("The network keeps your details to help your group and for nothing else."),
        error_messages={
            "required": _("Agree to the network contacting you to send the form"),
        },
    )
    # Spam checks (journey/spam.py): a field people never see, and when the form was shown.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    shown_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, networks, landlords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["landlord"].queryset = landlords
        if not landlords.exists():  # no landlord on Tenantry to match: the question is moot
            del self.fields["landlord"]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def looks_like_spam(self) -> bool:
        """The honeypot filled, the time stamp refused, or the text stuffed with links."""
        data = self.data
        if data.get(spam.HONEYPOT, "").strip():
            return True
        if spam.stamp_refused(data.get("shown_at", "")):
            return True
        texts = [data.get(name, "") for name in ("name", "area", "landlord_name", "already_does")]
        texts += [data.get("contact_name", ""), data.get("contact_phone", "")]
        return spam.too_many_links(*texts)

    def visible_sections(self):
        """The fields in the order of the page's headings."""
        names = [
            (_("Your group"), ["network", "name", "area", "homes", "landlord_name", "landlord"]),
            (_("What your group does and wants"), ["already_does", "services_wanted"]),
            (
                _("How to contact you"),
                ["contact_name", "contact_email", "contact_phone", "heard_from"],
            ),
        ]
        return [
            (title, [self[name] for name in fields if name in self.fields])
            for title, fields in names
        ]


# --- the network's follow-up ---------------------------------------------------------------------


class FilterForm(GovukForm, forms.Form):
    """The follow-up list's filters (sent with GET)."""

    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("Any stage")), *Stage.choices], required=False
    )
    adviser = forms.ChoiceField(label=_("Adviser"), required=False)
    waiting = forms.BooleanField(label=_("Waiting for an adviser"), required=False)
    unconfirmed = forms.BooleanField(label=_("Email not confirmed"), required=False)
    closed = forms.BooleanField(label=_("Closed groups instead of open ones"), required=False)

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].choices = [
            ("", _("Any adviser")),
            *((str(user.pk), user.name or user.email) for user in advisers),
        ]


class AdviserForm(GovukForm, forms.Form):
    adviser = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("No adviser yet"),
    )

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class ContactForm(GovukForm, forms.Form):
    on = forms.DateField(
        label=_("Date of the contact"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date of the contact"),
            "invalid": _("Enter the date of the contact as a real date, like 27 3 2026"),
        },
    )
    how = forms.ChoiceField(
        label=_("How were you in contact?"),
        choices=ContactHow.choices,
        widget=Radios,
        error_messages={"required": _("Choose how you were in contact")},
    )
    note = forms.CharField(
        label=_("What was said or agreed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what was said or agreed")},
    )


class StageForm(GovukForm, forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=Stage.choices,
        error_messages={"required": _("Choose a stage")},
    )


class CloseForm(GovukForm, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the group closed?"),
        choices=ClosedReason.choices,
        widget=Radios,
        error_messages={"required": _("Choose why the group is closed")},
    )
    note = forms.CharField(
        label=_("Note on closing"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- the network's grant programmes ------------------------------------------------------------


class ProgrammeForm(GovukForm, forms.Form):
    name = forms.CharField(
        label=_("Name of the grant"),
        max_length=200,
        error_messages={"required": _("Enter the name of the grant")},
    )
    funder = forms.CharField(
        label=_("Who gives the grant"),
        max_length=200,
        error_messages={"required": _("Enter who gives the grant")},
    )
    summary = forms.CharField(
        label=_("What the grant is for"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput)


class ConditionForm(GovukForm, forms.Form):
    question = forms.CharField(
        label=_("Question asked of the group"),
        max_length=300,
        error_messages={"required": _("Enter the question asked of the group")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=ConditionKind.choices,
        widget=Radios,
        error_messages={"required": _("Choose the kind of answer")},
    )
    minimum = forms.IntegerField(
        label=_("Minimum"),
        help_text=_("Only for a number: the least the group's answer must be."),
        required=False,
        min_value=0,
        max_value=MOST_HOMES,
        widget=_numeric(),
        error_messages={"invalid": _("Enter the minimum as a whole number, like 25")},
    )
    advice = forms.CharField(label=_("What to do if it is not met"), required=False, max_length=300)
