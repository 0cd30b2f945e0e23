"""Figures in words: an indicator's figure in its unit ("92%", "8.5 days"), the sentence a
volunteer tenant can read ("92% of emergency repairs were done within target (460 of 500)"),
and the change since the period before. Numbers are rounded and written by core.figures."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from tenantry.core.figures import figure_text, number_text, rounded

from .models import Indicator, Unit


def rounded_value(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    """The value to the indicator's decimal places, halves rounded up as people do by hand."""
    return rounded(value, indicator.decimals)


def value_text(value: Decimal | None, indicator: Indicator) -> str:
    """The figure in its unit: "92%", "12.5 per 1,000 homes", "8 days", "£1,200", "3.8 out of
    5"; "No figure" when there is nothing to measure."""
    return figure_text(value, indicator.unit, places=indicator.decimals, missing=_("No figure"))


def value_parts(value: Decimal | None, indicator: Indicator) -> tuple[str, str]:
    """The figure split for a narrow column: ("92%", ""), ("27.9", "per 1,000 homes")."""
    if value is None:
        return _("No figure"), ""
    if indicator.unit in (Unit.PERCENT, Unit.POUNDS, Unit.NUMBER):
        return value_text(value, indicator), ""
    number = number_text(rounded_value(value, indicator), places=indicator.decimals)
    suffix = {
        Unit.PER_THOUSAND: _("per 1,000 homes"),
        Unit.DAYS: _("days"),
        Unit.SCORE: _("out of 5"),
    }.get(indicator.unit, "")
    return number, suffix


def unit_name(indicator: Indicator) -> str:
    return {
        Unit.PERCENT: _("a percentage"),
        Unit.PER_THOUSAND: _("a number for every 1,000 homes"),
        Unit.DAYS: _("days"),
        Unit.POUNDS: _("pounds"),
        Unit.SCORE: _("a score out of 5"),
        Unit.NUMBER: _("a number"),
    }.get(indicator.unit, indicator.get_unit_display())


_SATISFIED = gettext_lazy("%(value)s of tenants who answered were satisfied")
# What each figure means in one sentence: the sentence, then what the numbers in brackets are.
# %(value)s is the figure in its unit, %(number)s the figure alone; %(n)s and %(d)s are the
# numerator and the denominator.
SENTENCES: dict[str, tuple] = {
    **{f"TP{i:02d}": (_SATISFIED, gettext_lazy("%(n)s of %(d)s")) for i in range(1, 13) if i != 8},
    "TP08": (
        gettext_lazy(
            "%(value)s of tenants who answered agreed they are treated fairly and with respect"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS01": (
        gettext_lazy("%(value)s of homes that need a gas safety check had every check done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS02": (
        gettext_lazy("%(value)s of homes that need a fire risk assessment had it done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS03": (
        gettext_lazy(
            "%(value)s of homes that need an asbestos survey or re-inspection had it done"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS04": (
        gettext_lazy(
            "%(value)s of homes that need a water (legionella) risk assessment had it done"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BS05": (
        gettext_lazy("%(value)s of homes with a communal lift had every lift check done"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH01-1": (
        gettext_lazy("%(number)s stage 1 complaints were made for every 1,000 homes"),
        ngettext_lazy("%(n)s complaint, %(d)s homes", "%(n)s complaints, %(d)s homes", "n_count"),
    ),
    "CH01-2": (
        gettext_lazy("%(number)s stage 2 complaints were made for every 1,000 homes"),
        ngettext_lazy("%(n)s complaint, %(d)s homes", "%(n)s complaints, %(d)s homes", "n_count"),
    ),
    "CH02-1": (
        gettext_lazy("%(value)s of stage 1 complaints were answered in time"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-1N": (
        gettext_lazy("%(value)s of stage 1 complaints were answered in time without an extension"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-2": (
        gettext_lazy("%(value)s of stage 2 complaints were answered in time"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "CH02-2N": (
        gettext_lazy("%(value)s of stage 2 complaints were answered in time without an extension"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "NM01-1": (
        gettext_lazy("%(number)s anti-social behaviour cases were opened for every 1,000 homes"),
        ngettext_lazy("%(n)s case, %(d)s homes", "%(n)s cases, %(d)s homes", "n_count"),
    ),
    "NM01-2": (
        gettext_lazy("%(number)s hate incident cases were opened for every 1,000 homes"),
        ngettext_lazy("%(n)s case, %(d)s homes", "%(n)s cases, %(d)s homes", "n_count"),
    ),
    "RP01": (
        gettext_lazy("%(value)s of homes do not meet the Decent Homes Standard"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "RP02-1": (
        gettext_lazy("%(value)s of non-emergency repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "RP02-2": (
        gettext_lazy("%(value)s of emergency repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BV66a": (
        gettext_lazy("%(value)s of the rent due was collected"),
        gettext_lazy("£%(n)s of £%(d)s"),
    ),
    "BV-REP-TIME": (
        gettext_lazy("%(value)s of repairs were done within target"),
        gettext_lazy("%(n)s of %(d)s"),
    ),
    "BV-REP-DAYS": (
        gettext_lazy("Repairs took %(value)s on average to complete"),
        ngettext_lazy("%(d)s repair", "%(d)s repairs", "d_count"),
    ),
    "BV212": (
        gettext_lazy("Empty homes took %(value)s on average to re-let"),
        ngettext_lazy("%(d)s home let", "%(d)s homes let", "d_count"),
    ),
    "BV74": (_SATISFIED, gettext_lazy("%(n)s of %(d)s")),
    "BV75": (
        gettext_lazy(
            "%(value)s of tenants who answered were satisfied with the chances to take part"
        ),
        gettext_lazy("%(n)s of %(d)s"),
    ),
}
# For local indicators and any national one without a sentence of its own.
BY_UNIT: dict[str, tuple] = {
    Unit.PERCENT: (gettext_lazy("%(value)s"), gettext_lazy("%(n)s of %(d)s")),
    Unit.PER_THOUSAND: (gettext_lazy("%(value)s"), gettext_lazy("%(n)s, %(d)s homes")),
    Unit.DAYS: (gettext_lazy("%(value)s on average"), gettext_lazy("%(d)s counted")),
    Unit.SCORE: (gettext_lazy("An average score of %(value)s"), gettext_lazy("%(d)s counted")),
    Unit.POUNDS: (gettext_lazy("%(value)s"), ""),
    Unit.NUMBER: (gettext_lazy("%(value)s"), ""),
}


def sentence(
    indicator: Indicator,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> str:
    """The figure in one plain sentence, with the numbers it comes from in brackets."""
    if value is None:
        return _("No figure for this period: there was nothing to measure, or it is not in yet.")
    if indicator.organisation_id is None and indicator.code in SENTENCES:
        main, detail = SENTENCES[indicator.code]
    else:
        main, detail = BY_UNIT.get(indicator.unit, BY_UNIT[Unit.NUMBER])
    words = {
        "value": value_text(value, indicator),
        "number": number_text(rounded_value(value, indicator), places=indicator.decimals),
        "n": number_text(numerator),
        "d": number_text(denominator),
        # For "1 complaint" against "2 complaints".
        "n_count": int(numerator or 0),
        "d_count": int(denominator or 0),
    }
    text = str(main) % words
    text = text[:1].upper() + text[1:]
    if detail and denominator is not None:
        # A plural-aware detail picks its form when formatted, so format it, then check
        # whether it used a numerator that is missing.
        said = str(detail % {**words, "n": "\x00"})
        if numerator is not None or "\x00" not in said:
            text += f" ({detail % words})"
    return text + "."


@dataclass(frozen=True)
class Change:
    """How a figure moved since the period before, and whether that is better."""

    arrow: str  # ↑ ↓ →, for the eye; `words` says the same for everyone
    words: str
    verdict: str  # "better", "worse", "same"
    short: str = ""  # "Down 3.4 points, worse": for a narrow column
    before: str = ""  # "2024/25: 92%"


def change_between(
    indicator: Indicator, current: Decimal | None, before: Decimal | None, before_label: str
) -> Change | None:
    """The change from `before` to `current` in the indicator's unit (percentage points for
    percentages), judged by which way is better; None when either figure is missing."""
    now, then = rounded_value(current, indicator), rounded_value(before, indicator)
    if now is None or then is None:
        return None
    difference = now - then
    words = {
        "amount": number_text(abs(difference), places=indicator.decimals),
        "before": value_text(then, indicator),
        "period": before_label,
    }
    before_text = _("%(period)s: %(before)s") % words
    if difference == 0:
        return Change(
            "→",
            _("The same as in %(period)s (%(before)s)") % words,
            "same",
            _("No change"),
            before_text,
        )
    up = difference > 0
    better = up == indicator.higher_is_better
    if indicator.unit == Unit.PERCENT:
        template = (
            _("Up %(amount)s points from %(before)s in %(period)s")
            if up
            else _("Down %(amount)s points from %(before)s in %(period)s")
        )
    else:
        template = (
            _("Up %(amount)s from %(before)s in %(period)s")
            if up
            else _("Down %(amount)s from %(before)s in %(period)s")
        )
    verdict = _("better") if better else _("worse")
    if indicator.unit == Unit.PERCENT:
        short = _("Up %(amount)s points") if up else _("Down %(amount)s points")
    else:
        short = _("Up %(amount)s") if up else _("Down %(amount)s")
    return Change(
        "↑" if up else "↓",
        f"{template % words}: {verdict}",
        "better" if better else "worse",
        f"{short % words}, {verdict}",
        before_text,
    )
