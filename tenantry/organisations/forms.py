from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios
from tenantry.core.permissions import Role

from .models import DelegatedService, ManagementAgreement, Organisation


class OrganisationForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name", "slug", "kind", "region", "registered_number", "founded_on",
            "email", "phone", "address", "about", "repair_triage_working_days",
        ]  # fmt: skip
        widgets = {
            "founded_on": DateInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
            "about": forms.Textarea(attrs={"rows": 5}),
            "repair_triage_working_days": forms.NumberInput(
                attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in Organisation.Kind.choices if c[0] in kinds]
        if self.instance.pk:
            # Web addresses people have bookmarked keep working.
            del self.fields["slug"]
        # Left blank, the promise stays as it is (1 working day for a new organisation).
        triage = self.fields["repair_triage_working_days"]
        triage.required = False
        triage.error_messages |= {
            "min_value": _("Enter a number of working days from 1 to 10"),
            "max_value": _("Enter a number of working days from 1 to 10"),
            "invalid": _("Enter a number of working days from 1 to 10"),
        }

    def clean_repair_triage_working_days(self):
        days = self.cleaned_data.get("repair_triage_working_days")
        return days if days is not None else self.instance.repair_triage_working_days


class AgreementForm(GovukForm, forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=_("Delegated services"),
        choices=DelegatedService.choices,
        widget=Checkboxes,
        help_text=_("Select every service the organisation runs under this agreement."),
    )

    class Meta:
        model = ManagementAgreement
        fields = [
            "organisation", "title", "services", "management_allowance", "starts_on", "ends_on",
            "notes",
        ]  # fmt: skip
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "ends_on": _("Leave empty if the agreement runs until it is ended."),
            "management_allowance": _("In pounds, for a full year."),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["management_allowance"].widget.attrs.update(
            {"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return cleaned


class PersonForm(GovukForm, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"), help_text=_("They sign in with this. We email them to say so.")
    )
    role = forms.ChoiceField(label=_("Role"), widget=Radios)

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class EmailSettingsForm(GovukForm, forms.Form):
    """A person's own choice of email language and of what they receive."""

    language = forms.ChoiceField(
        label=_("Language for emails"),
        widget=Radios,
        required=False,
        help_text=_(
            "Emails you ask for, such as a sign-in code, otherwise come in the language "
            "you are using the site in."
        ),
    )
    topics = forms.MultipleChoiceField(
        label=_("Send me emails about"),
        widget=Checkboxes,
        required=False,
        help_text=_(
            "Select all that apply. You always get sign-in codes and a message when "
            "you are given a role."
        ),
    )

    def __init__(self, *args, staff_of: list[str], **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The language I use on the site")),
            *settings.LANGUAGES,
        ]
        topics = [("my_cases", _("Updates on the repairs and complaints I report"))]
        if staff_of:
            topics.append(
                (
                    "new_reports",
                    _("New repairs and complaints reported by residents to %(organisations)s")
                    % {"organisations": ", ".join(staff_of)},
                )
            )
        self.fields["topics"].choices = topics
