"""The checker's and the calculator's forms: input shape and validation only."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import DateInput, GovukForm, Radios

from .eligibility import Facts
from .models import ConditionKind
from .timelimits import DATES

YES, NO, NOT_SURE = "yes", "no", "not_sure"
ANSWERS = [(YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("I do not know yet"))]
ANSWER_VALUES = {YES: True, NO: False, NOT_SURE: None, "": None}
MOST = 1_000_000  # more homes or people than any landlord has: a typing slip


def _lazy_format(template, **values):
    """`template % values`, worked out in the language of the request that shows it (the
    fields are made once, when the module is imported)."""
    return lazy(lambda: str(template) % {k: str(v) for k, v in values.items()}, str)()


def _question(label, help_text=""):
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=ANSWERS, widget=Radios, required=False
    )


def _count(label, help_text, what):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=MOST,
        # GOV.UK's pattern for whole numbers: a text box with a numeric keypad, so what was
        # typed is always sent and, if it is not a number, refused naming the field.
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
        error_messages={
            "invalid": _lazy_format(_("Enter %(what)s as a whole number, like 40"), what=what),
            "min_value": _lazy_format(_("%(what)s cannot be less than 0"), what=capfirst(what)),
            "max_value": _lazy_format(
                _("%(what)s must be %(most)s or fewer"), what=capfirst(what), most=f"{MOST:,}"
            ),
        },
    )


class EligibilityForm(GovukForm, forms.Form):
    """A group's facts for the Right to Manage check. Every answer may be left for later."""

    # reg. 4(1): the constitution
    written_constitution = _question(_("Does your group have a written constitution?"))
    names_area = _question(_("Does the constitution name the area whose homes you want to manage?"))
    any_tenant_may_join = _question(
        _("Does the constitution let any tenant of a home in that area become a member?")
    )
    avoids_discrimination = _question(
        _("Does the constitution say the group must avoid unlawful discrimination?")
    )
    run_by_members = _question(
        _("Is the group run by its members at a general meeting, or by a committee they elect?")
    )
    # reg. 9: the homes
    secure_tenancies = _count(
        _("How many homes in your notice are let on secure tenancies?"),
        _("Secure tenants rent from the council. Leave it empty if you do not know yet."),
        _("the number of homes let on secure tenancies"),
    )
    all_in_area = _question(_("Is every home in your notice inside your area?"))
    other_agreement = _question(
        _("Is any home in your notice already managed under an agreement with a TMO?"),
        _("A TMO is a tenant management organisation."),
    )
    other_agreement_homes = _count(
        _("If so, how many homes does that agreement cover?"),
        _("Only if some homes are already under an agreement."),
        _("the number of homes the agreement covers"),
    )
    party_to_other_agreement = _question(_("If so, is your group a party to that agreement?"))
    includes_all_of_other_agreement = _question(
        _("If so, does your notice take in every home that agreement covers?")
    )
    # reg. 10: before serving
    copy_delivered = _question(
        _("Did you do your best to deliver a copy of the notice to every home it names?")
    )
    vote_route = forms.ChoiceField(
        label=_("How did your members vote on serving the notice?"),
        choices=[
            ("ballot", _("At a ballot of all members")),
            ("meeting", _("At a meeting of members")),
            (NOT_SURE, _("They have not voted yet")),
        ],
        widget=Radios,
        required=False,
    )
    members = _count(
        _("How many members does your group have?"),
        _("Everyone who could vote in the ballot."),
        _("the number of members"),
    )
    attending = _count(
        _("How many members came to the meeting?"),
        _("Only if you voted at a meeting."),
        _("the number of members at the meeting"),
    )
    in_favour = _count(
        _("How many members voted in favour?"),
        "",
        _("the number who voted in favour"),
    )
    # ❓ the membership-share test (only while the setting applies it)
    tenants = _count(
        _("How many tenants live in the homes in your notice?"),
        _("Count each tenant once. Joint tenants count as two."),
        _("the number of tenants"),
    )
    tenant_members = _count(
        _("How many of those tenants are members of your group?"),
        "",
        _("the number of tenants who are members"),
    )

    CONSTITUTION = (
        "written_constitution",
        "names_area",
        "any_tenant_may_join",
        "avoids_discrimination",
        "run_by_members",
    )
    HOMES = (
        "secure_tenancies",
        "all_in_area",
        "other_agreement",
        "other_agreement_homes",
        "party_to_other_agreement",
        "includes_all_of_other_agreement",
    )
    BEFORE_SERVING = ("copy_delivered", "vote_route", "members", "attending", "in_favour")
    MEMBERSHIP = ("tenants", "tenant_members")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT is None:
            for name in self.MEMBERSHIP:
                del self.fields[name]

    def sections(self) -> list[tuple[str, list]]:
        """The form's parts, each a heading and its fields, in the order they are asked."""
        parts = [
            (_("Your group's rules"), self.CONSTITUTION),
            (_("The homes in your notice"), self.HOMES),
            (_("Before you serve the notice"), self.BEFORE_SERVING),
            (_("Your members"), self.MEMBERSHIP),
        ]
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in parts
            if any(name in self.fields for name in names)
        ]

    def clean(self):
        data = super().clean()
        members, attending, in_favour = (
            data.get("members"),
            data.get("attending"),
            data.get("in_favour"),
        )
        route = data.get("vote_route")
        out_of = members if route == "ballot" else attending if route == "meeting" else None
        if in_favour is not None and out_of is not None and in_favour > out_of:
            self.add_error(
                "in_favour",
                _("The number who voted in favour cannot be more than the number of members")
                if route == "ballot"
                else _(
                    "The number who voted in favour cannot be more than the number of members "
                    "at the meeting"
                ),
            )
        if attending is not None and members is not None and attending > members:
            self.add_error(
                "attending",
                _("The number of members at the meeting cannot be more than the number of members"),
            )
        if route == "meeting" and in_favour is not None and attending is None:
            self.add_error("attending", _("Enter the number of members at the meeting"))
        if route == "ballot" and in_favour is not None and members is None:
            self.add_error("members", _("Enter the number of members"))
        tenants, tenant_members = data.get("tenants"), data.get("tenant_members")
        if tenants is not None and tenant_members is not None and tenant_members > tenants:
            self.add_error(
                "tenant_members",
                _(
                    "The number of tenants who are members cannot be more than the number of "
                    "tenants"
                ),
            )
        return data

    def facts(self) -> Facts:
        """The checker's facts from a valid form."""
        d = self.cleaned_data
        route = d.get("vote_route")
        return Facts(
            written_constitution=ANSWER_VALUES[d["written_constitution"]],
            names_area=ANSWER_VALUES[d["names_area"]],
            any_tenant_may_join=ANSWER_VALUES[d["any_tenant_may_join"]],
            avoids_discrimination=ANSWER_VALUES[d["avoids_discrimination"]],
            run_by_meeting_or_elected_committee=ANSWER_VALUES[d["run_by_members"]],
            secure_tenancies=d["secure_tenancies"],
            all_in_area=ANSWER_VALUES[d["all_in_area"]],
            some_under_other_agreement=ANSWER_VALUES[d["other_agreement"]],
            other_agreement_homes=d["other_agreement_homes"],
            party_to_other_agreement=ANSWER_VALUES[d["party_to_other_agreement"]],
            includes_all_of_other_agreement=ANSWER_VALUES[d["includes_all_of_other_agreement"]],
            copy_delivered_to_every_home=ANSWER_VALUES[d["copy_delivered"]],
            vote_route=route if route in ("ballot", "meeting") else None,
            members=d["members"],
            attending=d["attending"],
            in_favour=d["in_favour"],
            tenants=d.get("tenants"),
            tenant_members=d.get("tenant_members"),
        )


# The calculator's dates, labelled as the steps a group goes through.
DATE_LABELS = {
    "notice_served_on": _("The day you served the proposal notice on the council"),
    "council_answered_on": _("The day the council answered"),
    "acceptance_date": _("The day you received the council's acceptance"),
    "assessor_applied_on": _("The day you applied for an assessor"),
    "report_received_on": _("The day the assessor's report arrived"),
    "actions_completed_on": _("The day the actions the assessor asked for were done"),
    "assessor_told_on": _("The day the council told the assessor they were done"),
    "reassessed_on": _("The day the assessor's second look arrived"),
    "agreement_started_on": _("The day your management agreement began"),
    "continuation_ballot_on": _("The day of your last ballot on carrying on"),
}
# A date that cannot come before another: (later, earlier).
IN_ORDER = (
    ("council_answered_on", "notice_served_on"),
    ("acceptance_date", "notice_served_on"),
    ("assessor_applied_on", "acceptance_date"),
    ("report_received_on", "acceptance_date"),
    ("actions_completed_on", "report_received_on"),
    ("assessor_told_on", "actions_completed_on"),
    ("reassessed_on", "assessor_told_on"),
    ("continuation_ballot_on", "agreement_started_on"),
)
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


class TimeLimitsForm(GovukForm, forms.Form):
    """The dates a group knows so far; every one may be left empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DATES:
            self.fields[name] = forms.DateField(
                label=DATE_LABELS[name], required=False, widget=DateInput()
            )

    def clean(self):
        data = super().clean()
        for name in DATES:
            day = data.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    _("%(field)s must be between 1900 and 2199") % {"field": DATE_LABELS[name]},
                )
        for later, earlier in IN_ORDER:
            if data.get(later) and data.get(earlier) and data[later] < data[earlier]:
                self.add_error(
                    later,
                    _("%(later)s must be the same as or after %(earlier)s")
                    % {"later": DATE_LABELS[later], "earlier": _lower(DATE_LABELS[earlier])},
                )
        return data

    def dates(self) -> dict[str, date | None]:
        return {name: self.cleaned_data.get(name) for name in DATES}


def _lower(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


class GrantConditionsForm(GovukForm, forms.Form):
    """A group's answer to each of a programme's conditions; any may be left for later."""

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = list(conditions)
        for condition in self.conditions:
            name = f"condition_{condition.pk}"
            if condition.kind == ConditionKind.AT_LEAST:
                self.fields[name] = _count(condition.question, "", _("your answer"))
            else:
                self.fields[name] = _question(condition.question)

    def answers(self) -> dict[int, bool | int | None]:
        found = {}
        for condition in self.conditions:
            value = self.cleaned_data.get(f"condition_{condition.pk}")
            found[condition.pk] = (
                value if condition.kind == ConditionKind.AT_LEAST else ANSWER_VALUES[value or ""]
            )
        return found
