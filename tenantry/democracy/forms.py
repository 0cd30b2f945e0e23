"""The democracy app's forms: input shape and validation only; the services decide."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios

from .models import Constitution, HowChosen, JoinedBy, Membership, SeatKind

MONEY = {"max_digits": 7, "decimal_places": 2, "min_value": Decimal("0")}


class ConstitutionForm(GovukForm, forms.ModelForm):
    share = forms.DecimalField(
        label=_("Membership share (£)"),
        required=False,
        help_text=_("Leave empty where members buy no share."),
        **MONEY,
    )

    class Meta:
        model = Constitution
        fields = [
            "legal_form", "area", "tenants_may_join", "leaseholders_may_join", "minimum_age",
            "joint_tenants_each_a_member", "term_years", "retire_share_denominator",
            "notice_clear_days", "committee_notice_clear_days", "quorum_rule", "quorum_number",
            "quorum_percent", "committee_quorum_rule", "committee_quorum_number",
            "committee_quorum_percent", "ordinary_resolution_percent", "special_resolution_percent",
            "abstentions_count_as_votes", "proxies_allowed", "proxy_deadline_hours",
            "postal_votes_allowed", "online_votes_allowed", "year_end_month",
            "agm_within_months", "tie_break",
        ]  # fmt: skip
        widgets = {
            "quorum_rule": Radios,
            "committee_quorum_rule": Radios,
            "tie_break": Radios,
            "area": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, seats: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.share_pence is not None and not self.is_bound:
            self.initial["share"] = Decimal(self.instance.share_pence) / 100
        for kind in SeatKind:
            self.fields[f"seats_{kind.value}"] = forms.IntegerField(
                label=_("%(kind)s seats") % {"kind": kind.label},
                min_value=0,
                max_value=30,
                initial=seats.get(kind.value, 0),
                # Added after GovukForm has styled the model's fields, so styled here.
                widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
            )

    def seat_fields(self):
        return [self[f"seats_{kind.value}"] for kind in SeatKind]

    def other_fields(self):
        return [self[name] for name in self.fields if not name.startswith("seats_")]

    def clean(self):
        data = super().clean()
        seats = {kind.value: data.get(f"seats_{kind.value}") or 0 for kind in SeatKind}
        if not any(seats.values()) and not self.errors:
            self.add_error("seats_tenant", _("Enter at least one committee seat"))
        return data

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        share = self.cleaned_data.get("share")
        values["share_pence"] = None if share is None else int(share * 100)
        return values

    def seats(self) -> dict[str, int]:
        return {kind.value: self.cleaned_data[f"seats_{kind.value}"] for kind in SeatKind}


def _not_future(day, message):
    if day and day > timezone.localdate():
        raise forms.ValidationError(message)
    return day


class ApplyForm(GovukForm, forms.Form):
    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        required=False,
        widget=DateInput,
        help_text=_("We use it only to check the constitution's minimum age."),
    )
    agree = forms.BooleanField(
        label=_("I want to be a member and agree to follow the organisation's constitution"),
    )

    def clean_date_of_birth(self):
        return _not_future(
            self.cleaned_data["date_of_birth"], _("Your date of birth must be in the past")
        )


class KeyInApplicationForm(GovukForm, forms.Form):
    home = forms.CharField(
        label=_("Property reference or tenancy reference"),
        max_length=40,
        help_text=_("As on the paper form, for example P00012."),
    )
    name = forms.CharField(label=_("Applicant's name"), max_length=150)
    joined_by = forms.ChoiceField(
        label=_("How did they apply?"),
        choices=[
            (JoinedBy.PAPER, JoinedBy.PAPER.label),
            (JoinedBy.MEETING, JoinedBy.MEETING.label),
        ],
        widget=Radios,
    )
    applied_on = forms.DateField(label=_("Date they applied"), widget=DateInput)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=DateInput,
        help_text=_("If the form gives one."),
    )  # fmt: skip

    def clean_applied_on(self):
        return _not_future(
            self.cleaned_data["applied_on"], _("The date they applied must be today or earlier")
        )

    def clean_date_of_birth(self):
        return _not_future(
            self.cleaned_data["date_of_birth"], _("The date of birth must be in the past")
        )


class DecideForm(GovukForm, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve: they become a member")), ("refuse", _("Refuse"))],
        widget=Radios,
    )
    on = forms.DateField(label=_("Date of the decision"), widget=DateInput)
    share = forms.DecimalField(label=_("Share paid (£)"), required=False, **MONEY)
    share_paid_on = forms.DateField(
        label=_("Date the share was paid"), required=False, widget=DateInput
    )
    reason = forms.CharField(
        label=_("If you refuse, why?"), required=False, max_length=300,
        help_text=_("The applicant is told."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Enter why the application is refused"))
        if data.get("share") is not None and not data.get("share_paid_on"):
            self.add_error("share_paid_on", _("Enter the date the share was paid"))
        return data


class ShareForm(GovukForm, forms.Form):
    share = forms.DecimalField(label=_("Share paid (£)"), **MONEY)
    paid_on = forms.DateField(label=_("Date the share was paid"), widget=DateInput)


class EndForm(GovukForm, forms.Form):
    on = forms.DateField(label=_("Date they left"), widget=DateInput)
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=200)


class LeaveForm(GovukForm, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I want to stop being a member"))


class TermForm(GovukForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of seat"), choices=SeatKind.choices, widget=Radios)
    membership = forms.ModelChoiceField(
        label=_("Member"), required=False, queryset=Membership.objects.none(),
        help_text=_("For a tenant, leaseholder or co-opted seat."),
        widget=LongSelect,  # every current member
    )  # fmt: skip
    name = forms.CharField(
        label=_("Name"), required=False, max_length=150,
        help_text=_("For an independent or a landlord nominee who is not a member."),
    )  # fmt: skip
    how = forms.ChoiceField(
        label=_("How were they chosen?"), choices=HowChosen.choices, widget=Radios
    )
    starts_on = forms.DateField(label=_("Date the term starts"), widget=DateInput)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.resident.name} ({m.number})" if m.number else m.resident.name
        )


class EndTermForm(GovukForm, forms.Form):
    on = forms.DateField(
        label=_("Date the term ends"),
        widget=DateInput,
        help_text=_("Their last day on the committee, for example the day of the AGM."),
    )
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=200,
        help_text=_("For example: retired at the AGM, resigned."),
    )  # fmt: skip
