"""Forms of the performance pages: which figures to show, a figure typed in, a local indicator."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.figures import number_text, unit_text
from tenantry.core.forms import GovukForm, Radios
from tenantry.core.periods import Period, parse_period, period_choices
from tenantry.records.models import EstateInspection

from .models import Indicator, Source, StockType, Unit
from .scopes import ScopeChoice

# --- which figures ---------------------------------------------------------------------------


class ShowForm(GovukForm, forms.Form):
    """The period and the homes whose figures a page shows, sent by GET: a page of figures has
    its own address, and the picker works without JavaScript."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    scope = forms.ChoiceField(label=_("Whose homes"), required=False)

    def __init__(self, data, *, scopes: list[ScopeChoice], today: date, period: Period):
        super().__init__(data)
        choices = period_choices(today=today)
        known = {value for _group, options in choices for value, _label in options}
        if period.label not in known:
            # A period older than the picker goes back to (reached by its address) stays shown.
            choices.append((period.label, [(period.label, period.label)]))
        self.fields["period"].choices = choices
        self.fields["period"].initial = period.label
        self.fields["scope"].choices = [(choice.key, choice.label) for choice in scopes]
        for field in self.fields.values():
            field.widget.attrs["class"] += " govuk-!-width-full"
        if len(scopes) < 2:
            del self.fields["scope"]


# --- a figure typed in -----------------------------------------------------------------------

_SCALE = {Unit.PERCENT: Decimal(100), Unit.PER_THOUSAND: Decimal(1000)}


def worked_value(indicator: Indicator, numerator: Decimal, denominator: Decimal) -> Decimal:
    """The figure the numbers give, in the indicator's unit (a percentage is out of 100)."""
    return numerator * _SCALE.get(indicator.unit, Decimal(1)) / denominator


class EntryForm(GovukForm, forms.Form):
    """A figure for one period: the value, and if known the numbers it comes from."""

    period = forms.ChoiceField(label=_("Period"))
    stock_type = forms.ChoiceField(
        label=_("Which homes"),
        widget=Radios,
        required=False,
        help_text=_("The regulator asks for this measure separately for each kind of home."),
    )
    value = forms.DecimalField(
        label=_("Figure"), required=False, max_digits=14, decimal_places=4,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )  # fmt: skip
    numerator = forms.DecimalField(
        label=_("How many counted"), required=False, min_value=0, max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )  # fmt: skip
    denominator = forms.DecimalField(
        label=_("Out of how many"), required=False, min_value=0, max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Where the figure comes from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Acme Research, TSM survey report, May 2026, table 3”."),
    )

    def __init__(self, data=None, *, indicator: Indicator, today: date, initial=None):
        super().__init__(data, initial=initial)
        self.indicator = indicator
        self.fields["period"].choices = period_choices(today=today)
        self.fields["value"].label = _("Figure (%(unit)s)") % {
            "unit": unit_text("…", indicator.unit).replace("…", "").strip() or _("a number")
        }
        self.fields["value"].help_text = _(
            "Leave it blank to have it worked out from the two numbers below."
        )
        if indicator.unit == Unit.PERCENT:
            self.fields["numerator"].help_text = _(
                "For a survey: the tenants who were satisfied. Give both numbers or neither."
            )
            self.fields["denominator"].help_text = _(
                "For a survey: the tenants who answered the question."
            )
        if indicator.split_by_stock:
            self.fields["stock_type"].choices = [
                ("", _("All homes together")),
                (StockType.LOW_COST_RENTAL, StockType.LOW_COST_RENTAL.label),
                (StockType.LOW_COST_HOME_OWNERSHIP, StockType.LOW_COST_HOME_OWNERSHIP.label),
            ]
            self.fields["stock_type"].initial = ""
        else:
            del self.fields["stock_type"]

    def clean_period(self) -> Period:
        return parse_period(self.cleaned_data["period"])

    def clean(self) -> dict:
        data = super().clean()
        value = data.get("value")
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if self.errors:
            return data
        if (numerator is None) != (denominator is None):
            missing = "denominator" if denominator is None else "numerator"
            self.add_error(
                missing,
                _("Give both numbers, or leave both blank and give only the figure."),
            )
            return data
        if numerator is not None:
            if denominator == 0:
                self.add_error(
                    "denominator",
                    _("“Out of how many” cannot be 0. With nothing to count there is no figure."),
                )
                return data
            if self.indicator.unit == Unit.PERCENT and numerator > denominator:
                self.add_error(
                    "numerator", _("How many counted cannot be more than how many there were.")
                )
                return data
            worked = worked_value(self.indicator, numerator, denominator)
            places = Decimal(1).scaleb(-self.indicator.decimals)
            if value is None:
                data["value"] = worked.quantize(Decimal("0.0001"))
            elif abs(value - worked) > places / 2:
                # The same rule as the service applies: within rounding to the indicator's
                # decimal places. Said here in words, against the field, with what was typed kept.
                self.add_error(
                    "value",
                    _(
                        "The figure does not match the numbers: %(n)s out of %(d)s is "
                        "%(worked)s, not %(value)s. Correct the figure or the numbers, or leave "
                        "the figure blank to have it worked out."
                    )
                    % {
                        "n": number_text(numerator),
                        "d": number_text(denominator),
                        "worked": unit_text(
                            number_text(worked, places=self.indicator.decimals),
                            self.indicator.unit,
                        ),
                        "value": unit_text(number_text(value), self.indicator.unit),
                    },
                )
        elif value is None:
            self.add_error("value", _("Enter the figure, or both numbers it comes from."))
        if (
            data.get("value") is not None
            and self.indicator.unit == Unit.PERCENT
            and not 0 <= data["value"] <= 100
        ):
            self.add_error("value", _("A percentage is between 0 and 100."))
        return data


# --- a local indicator -----------------------------------------------------------------------

SCORE_CHOICES = [
    ("cleanliness", _("Cleanliness")),
    ("litter", _("Litter")),
    ("graffiti", _("Graffiti")),
    ("lighting", _("Lighting")),
]
assert {code for code, _label in SCORE_CHOICES} == set(EstateInspection.SCORES)

UNIT_CHOICES = [
    (Unit.PERCENT, _("A percentage, such as “78% of residents”")),
    (Unit.SCORE, _("A score out of 5, such as an inspection score")),
    (Unit.NUMBER, _("A number, such as “12 local people employed”")),
    (Unit.DAYS, _("Days, such as an average wait")),
    (Unit.POUNDS, _("Pounds (£)")),
    (Unit.PER_THOUSAND, _("A number for every 1,000 homes")),
]
SOURCE_CHOICES = [
    (Source.INSPECTIONS, _("Worked out from estate inspection scores")),
    (Source.SURVEY, _("From a survey question")),
    (Source.MANUAL, _("Typed in by hand each period")),
]


class LocalIndicatorForm(GovukForm, forms.Form):
    """What a committee decides to measure beyond the national indicators."""

    name = forms.CharField(label=_("Name"), max_length=200)
    meaning = forms.CharField(
        label=_("What it measures"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a sentence a resident would understand."),
    )
    unit = forms.ChoiceField(label=_("What kind of figure"), choices=UNIT_CHOICES, widget=Radios)
    higher_is_better = forms.TypedChoiceField(
        label=_("Which way is better"),
        choices=[("yes", _("Higher is better")), ("no", _("Lower is better"))],
        coerce=lambda answer: answer == "yes",
        widget=Radios,
    )
    source = forms.ChoiceField(
        label=_("Where the figure comes from"), choices=SOURCE_CHOICES, widget=Radios
    )
    score = forms.ChoiceField(
        label=_("Which inspection score"),
        choices=[("", _("Choose a score")), *SCORE_CHOICES],
        required=False,
        help_text=_("Only if it is worked out from estate inspections: the average of this score."),
    )
    question = forms.CharField(
        label=_("Survey question code"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        help_text=_(
            "Only if it comes from a survey: the question's code, such as PRIDE. Until the "
            "survey's results are in, the figure can be typed in by hand."
        ),
    )
    decimals = forms.TypedChoiceField(
        label=_("Decimal places shown"),
        choices=[(0, "0 (12)"), (1, "1 (12.3)"), (2, "2 (12.34)")],
        coerce=int,
        initial=1,
    )

    def clean(self) -> dict:
        data = super().clean()
        source = data.get("source")
        if source == Source.INSPECTIONS:
            if not data.get("score"):
                self.add_error("score", _("Choose the inspection score it is worked out from."))
            if data.get("unit") and data["unit"] != Unit.SCORE:
                self.add_error(
                    "unit", _("An average inspection score is a score out of 5: choose that.")
                )
        if source == Source.SURVEY and not data.get("question", "").strip():
            self.add_error("question", _("Give the survey question's code, such as PRIDE."))
        return data

    def config(self) -> dict:
        """The settings the calculator reads, from the answers."""
        source = self.cleaned_data["source"]
        if source == Source.INSPECTIONS:
            return {"score": self.cleaned_data["score"]}
        if source == Source.SURVEY:
            return {"question": self.cleaned_data["question"].strip().upper()}
        return {}

    @classmethod
    def initial_from(cls, indicator_or_example) -> dict:
        """The form's answers for an indicator, or for one of the Guide's examples (a dict)."""
        get = (
            indicator_or_example.get
            if isinstance(indicator_or_example, dict)
            else lambda name, default=None: getattr(indicator_or_example, name, default)
        )
        config = get("config", None) or {}
        return {
            "name": str(get("name", "")),
            "meaning": str(get("meaning", "")),
            "unit": get("unit", Unit.PERCENT),
            "higher_is_better": "yes" if get("higher_is_better", True) else "no",
            "source": get("source", Source.MANUAL),
            "score": config.get("score", ""),
            "question": config.get("question", ""),
            "decimals": get("decimals", 1),
        }
