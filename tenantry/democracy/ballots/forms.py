"""The forms of the ballot pages: input shape only; the services hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenantry.core.figures import money_text
from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios

from ..models.ballots import CHOOSE_ANY, BallotKind, CountingRule
from .casting import check_within_budget

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"class": "govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M"
        )


class BallotForm(GovukForm, forms.Form):
    """A resolution or a referendum (elections have their own pages)."""

    kind = forms.ChoiceField(
        label=_("Kind of ballot"),
        choices=[
            (BallotKind.RESOLUTION, BallotKind.RESOLUTION.label),
            (BallotKind.REFERENDUM, BallotKind.REFERENDUM.label),
        ],
        widget=Radios,
    )
    question = forms.CharField(label=_("The question"), max_length=300)
    explanation = forms.CharField(
        label=_("Explanation for voters"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    options = forms.CharField(
        label=_("Options"),
        help_text=_("One a line. For a resolution, the first is the one in favour."),
        initial="For\nAgainst",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    rule = forms.ChoiceField(
        label=_("Counting rule"),
        choices=[
            (CountingRule.SIMPLE_MAJORITY, CountingRule.SIMPLE_MAJORITY.label),
            (CountingRule.THRESHOLD, CountingRule.THRESHOLD.label),
        ],
        widget=Radios,
        initial=CountingRule.SIMPLE_MAJORITY,
    )
    threshold_percent = forms.DecimalField(
        label=_("Share of the votes needed (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Only for a threshold: 75 for a special resolution."),
    )
    roll_date = forms.DateField(
        label=_("Roll frozen at"),
        help_text=_("Who may vote is who was a member on this day."),
        widget=DateInput,
    )
    opens_at = forms.DateTimeField(
        label=_("When voting opens"), input_formats=_DATETIME_FORMATS, widget=DateTimeInput
    )
    closes_at = forms.DateTimeField(
        label=_("When voting closes"), input_formats=_DATETIME_FORMATS, widget=DateTimeInput
    )
    channels = forms.MultipleChoiceField(
        label=_("Ways to vote"),
        choices=[
            ("online", _("Online, with the voter's code")),
            ("paper", _("On a paper ballot")),
            ("in_person", _("In person at a meeting")),
        ],
        widget=Checkboxes,
        initial=["online", "paper"],
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens"))
        if data.get("rule") == CountingRule.THRESHOLD and data.get("threshold_percent") is None:
            self.add_error("threshold_percent", _("Enter the share of the votes needed"))
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if "options" in data and len(options) < 2:
            self.add_error("options", _("Enter at least two options, one a line"))
        data["option_list"] = options
        return data


class CodeForm(GovukForm, forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        max_length=40,
        help_text=_("It is on your ballot paper, for example KXPT-M4RW-9QZD."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def choice_form(ballot, data=None, *, spoilt_allowed: bool = False):
    """The options of `ballot` as radios, or as checkboxes when several may be chosen."""
    every = list(ballot.options.all())
    options = [(str(o.pk), _option_label(o)) for o in every]
    several = ballot.max_choices > 1 or ballot.rule in CHOOSE_ANY
    if ballot.rule == CountingRule.WITHIN_BUDGET:
        several_label = _("Choose the ones you want, up to £%(budget)s in total") % {
            "budget": money_text(ballot.budget)
        }
    elif ballot.rule == CountingRule.APPROVAL:
        several_label = _("Choose as many as you support")
    else:
        several_label = _("Choose up to %(n)s") % {"n": ballot.max_choices}

    class ChoiceForm(GovukForm, forms.Form):
        choices = (
            forms.MultipleChoiceField(
                label=several_label,
                choices=options,
                widget=Checkboxes,
                required=not spoilt_allowed,
            )
            if several
            else forms.ChoiceField(
                label=_("Choose one"),
                choices=options,
                widget=Radios,
                required=not spoilt_allowed,
            )
        )
        if spoilt_allowed:
            spoilt = forms.BooleanField(
                label=_("The paper is spoilt (unclear, or too many marks)"), required=False
            )

        def clean(self):
            data = super().clean()
            chosen = data.get("choices") or []
            data["choice_list"] = [
                int(c) for c in (chosen if several else [chosen] if chosen else [])
            ]
            if several and len(data["choice_list"]) > ballot.max_choices:
                self.add_error(
                    "choices", _("Choose no more than %(n)s") % {"n": ballot.max_choices}
                )
            if ballot.rule == CountingRule.WITHIN_BUDGET and data["choice_list"]:
                try:
                    check_within_budget(ballot, data["choice_list"])
                except ValidationError as error:
                    self.add_error(None, error)
            if spoilt_allowed and not data.get("spoilt") and not data["choice_list"]:
                self.add_error("choices", _("Choose what the paper says, or mark it spoilt"))
            return data

    return ChoiceForm(data)


def _option_label(option) -> str:
    if option.cost is None:
        return option.label
    return _("%(label)s (£%(cost)s)") % {"label": option.label, "cost": money_text(option.cost)}


class PaperVoteForm(GovukForm, forms.Form):
    code = forms.CharField(label=_("Code on the paper"), max_length=40)
