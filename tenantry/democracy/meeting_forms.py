"""The shapes of the meeting pages' input; the rules are the services' and the constitution's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios

from .models import (
    AgendaItem,
    AttendanceMode,
    Criticism,
    Meeting,
    Membership,
    Minutes,
    Motion,
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MeetingForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "day", "starts_at", "place", "online_link"]
        widgets = {"kind": Radios, "day": DateInput(), "starts_at": TimeInput()}
        labels = {
            "day": _("The meeting's date"),
            "starts_at": _("Start time"),
            "title": _("Title (optional)"),
        }
        help_texts = {
            "title": _("For example, “Annual general meeting 2026”. Leave empty to use its kind."),
            "starts_at": _("For example, 19:00"),
            "online_link": _("Where members join online, if they can"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].error_messages["required"] = _("Enter the meeting's date")
        self.fields["kind"].error_messages["required"] = _("Select the kind of meeting")

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day and day.year < 1990:
            raise forms.ValidationError(_("The meeting's date must be in 1990 or later"))
        return day


class AgendaItemForm(GovukForm, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "detail"]
        labels = {"title": _("Agenda item")}


class NoticeForm(GovukForm, forms.Form):
    late_reason = forms.CharField(
        label=_("Why is notice going late?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DoorSearchForm(GovukForm, forms.Form):
    q = forms.CharField(
        label=_("Name or membership number"), required=False, max_length=100, strip=True
    )


class MarkForm(GovukForm, forms.Form):
    membership = forms.ModelChoiceField(queryset=Membership.objects.none(), label=_("member"))
    mode = forms.ChoiceField(choices=AttendanceMode.choices, label=_("attendance"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members


class ObserverForm(GovukForm, forms.Form):
    name = forms.CharField(label=_("Observer's name"), max_length=150)
    mode = forms.ChoiceField(
        label=_("How they attend"),
        choices=[
            (AttendanceMode.IN_PERSON, AttendanceMode.IN_PERSON.label),
            (AttendanceMode.ONLINE, AttendanceMode.ONLINE.label),
        ],
        initial=AttendanceMode.IN_PERSON,
        widget=Radios,
    )


class RemoveForm(GovukForm, forms.Form):
    attendance = forms.IntegerField(label=_("attendance"), min_value=1)


def _member_choice(label, members):
    # An organisation's hundreds of members: written in one pass (`core.forms.LongSelect`).
    field = forms.ModelChoiceField(queryset=members, label=label, widget=LongSelect)
    # Made after GovukForm has styled the form's widgets, so styled here.
    field.widget.attrs["class"] = "govuk-select"
    field.label_from_instance = lambda m: (
        f"{m.resident.name} ({m.number})" if m.number else m.resident.name
    )
    return field


class ProxyForm(GovukForm, forms.Form):
    lodged_on = forms.DateField(label=_("Date the proxy was lodged"), widget=DateInput())
    lodged_time = forms.TimeField(label=_("Time it was lodged"), widget=TimeInput())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "member": _member_choice(_("Member appointing a proxy"), members),
            "holder": _member_choice(_("Member who holds the proxy"), members),
            **self.fields,
        }

    def clean(self):
        data = super().clean()
        if data.get("member") and data.get("member") == data.get("holder"):
            self.add_error("holder", _("The proxy must be held by another member"))
        return data


class MotionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Motion
        fields = ["title", "text", "kind", "amends", "proposer", "seconder"]
        widgets = {"kind": Radios}
        labels = {"text": _("Wording of the motion"), "title": _("Motion title")}
        help_texts = {"amends": _("Only for an amendment: the motion it changes")}

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amends"].queryset = meeting.motions.all()
        self.fields["amends"].required = False
        for name, label in (("proposer", _("Proposed by")), ("seconder", _("Seconded by"))):
            self.fields[name] = _member_choice(label, members)
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("proposer") and data.get("proposer") == data.get("seconder"):
            self.add_error("seconder", _("The seconder must be someone other than the proposer"))
        return data


class VoteForm(GovukForm, forms.Form):
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=1_000_000)
    against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=1_000_000)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=1_000_000)


class MinutesForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 24})}
        labels = {"text": _("Minutes")}


class CriticismForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Criticism
        fields = ["kind", "text", "raised_by", "owner", "due_on"]
        widgets = {"kind": Radios, "due_on": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"owner": _("A person or a role, for example “the Chair”")}

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due and due.year < 1990:
            raise forms.ValidationError(_("The answer's due date must be in 1990 or later"))
        return due


class AnswerForm(GovukForm, forms.Form):
    response = forms.CharField(
        label=_("Response"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
