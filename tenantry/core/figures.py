"""How a figure is rounded and written, everywhere: pages, charts, exports and the command line.

One rule: round half up (67.25 -> 67.3, as people round by hand, not to the nearest even as
Python and Excel's ROUND do), group thousands ("12,000"), leave off a decimal part that is all
zeros ("92%", not "92.0%"), and write pounds with their pence in full ("£1,234.50").

Units are named by the words the indicators use for them ("percent", "per_1000", "days",
"pounds", "score", "number"); the symbols charts use ("%", "£") mean the same. Any other unit
is written after the number ("12 per 1,000").
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

PERCENT = "percent"
PER_THOUSAND = "per_1000"
DAYS = "days"
POUNDS = "pounds"
SCORE = "score"
NUMBER = "number"
_SYMBOLS = {"%": PERCENT, "£": POUNDS, "": NUMBER}


def rounded(value, places: int) -> Decimal | None:
    """The value to `places` decimal places, halves rounded up (away from zero)."""
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    number = number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return abs(number) if number == 0 else number  # never "-0"


def number_text(value, *, places: int | None = None) -> str:
    """A number with thousands grouped, rounded half up to `places` (whole numbers as they
    are, others to 2 places, when not given); a decimal part of zeros is left off: "1,234",
    "12.5", "92"; "" when there is no number."""
    number = None if value is None or value == "" else _decimal(value)
    if number is None:
        return ""
    if places is None:
        places = 0 if number == number.to_integral_value() else 2
    number = rounded(number, places)
    if number == number.to_integral_value():
        places = 0
    return _grouped(number, places)


def _grouped(number: Decimal, places: int) -> str:
    """The number to `places` decimal places with thousands grouped by commas and a full stop
    before the decimals, as both of the site's languages write them (English and Welsh
    number formats agree; `core/tests/test_figures.py` checks against Django's for each).
    Python writes it directly; Django's `number_format` took a fifth of a survey's results
    page, which writes thousands of figures."""
    return f"{number:,.{places}f}"


def money_text(value) -> str:
    """An amount of money with its pence always written, as on a rent statement: "1,210.00"
    (the sentence around it says "£"); "" when there is none."""
    number = rounded(value, 2)
    if number is None:
        return ""
    return _grouped(number, 2)


def figure_text(value, unit: str = "", *, places: int = 1, missing: str = "–") -> str:
    """A figure in its unit, as people read it: "92%", "81.3%", "8.5 days", "£1,234.50",
    "12.5 per 1,000 homes", "3.8 out of 5", "12,000"; `missing` when there is none."""
    number = rounded(value, places)
    if number is None:
        return missing
    unit = _SYMBOLS.get(unit, unit)
    if unit == POUNDS:
        # Pence are written in full: £1,234.50 or £1,234.56, never £1,234.5.
        if number % 1:
            number = rounded(value, max(places, 2))
        text = number_text(abs(number), places=max(places, 2) if number % 1 else 0)
        shown = _("£%(number)s") % {"number": text}
        return f"-{shown}" if number < 0 else shown
    text = number_text(number, places=places)
    return unit_text(text, unit)


def unit_text(number: str, unit: str) -> str:
    """A number already written, with its unit: "92%", "8 days", "£1,200"."""
    unit = _SYMBOLS.get(unit, unit)
    if unit == PERCENT:
        return _("%(number)s%%") % {"number": number}
    if unit == PER_THOUSAND:
        return _("%(number)s per 1,000 homes") % {"number": number}
    if unit == DAYS:
        return _("%(number)s days") % {"number": number}
    if unit == POUNDS:
        return _("£%(number)s") % {"number": number}
    if unit == SCORE:
        return _("%(number)s out of 5") % {"number": number}
    if unit == NUMBER:
        return number
    return f"{number} {unit}"


def _decimal(value) -> Decimal | None:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
