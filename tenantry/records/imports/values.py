"""Reading one cell: text from a CSV (or an XLSX cell turned into text) to a Python value.

Each parser takes the cell's text and returns the value or raises `Bad` with a reason a
person can act on ("31/02/2026 is not a date"). They are built once per column and called
once per cell, so the common case (an ISO or dd/mm/yyyy date, a plain number) is kept short.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

LONDON = ZoneInfo("Europe/London")


class Bad(ValueError):
    """A cell that cannot be read; the message is the reason shown to the person importing."""


# --- dates and times ---------------------------------------------------------------------------

_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$")
_UK_DATETIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_date(text: str) -> date:
    """dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd (a spreadsheet's midnight time is allowed)."""
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise Bad(_("%(value)s is not a date") % {"value": text}) from None
    match = _UK_DATE.match(text)
    if match:
        day, month, year = match.groups()
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise Bad(_("%(value)s is not a date") % {"value": text}) from None
    if text.endswith((" 00:00:00", " 00:00", "T00:00:00")):
        return parse_date(text.rsplit(" ", 1)[0].split("T")[0])
    raise Bad(
        _("%(value)s is not a date: use dd/mm/yyyy or yyyy-mm-dd") % {"value": text}
    ) from None


def _london(naive: datetime, text: str) -> datetime:
    """A wall-clock time in England, refusing the hour skipped or repeated when clocks change."""
    aware = naive.replace(tzinfo=LONDON)
    # Clocks change at 01:00 GMT on the last Sundays of March and October: only then can a
    # local time be missing or happen twice, so only then is the slower check needed.
    if naive.month in (3, 10) and naive.day >= 25 and naive.hour in (0, 1, 2):
        other = naive.replace(tzinfo=LONDON, fold=1)
        if aware.utcoffset() != other.utcoffset():
            round_trip = aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
            if round_trip != naive:
                reason = _("%(value)s did not happen in the UK: the clocks went forward")
            else:
                reason = _(
                    "%(value)s happened twice in the UK (the clocks went back): "
                    "add +00:00 or +01:00"
                )
            raise Bad(reason % {"value": text})
    return aware


def parse_datetime(text: str) -> datetime:
    """dd/mm/yyyy hh:mm[:ss] or ISO 8601; a time without an offset is UK time; a date alone is
    midnight."""
    if text[:4].isdigit() and len(text) >= 10 and text[4] == "-":
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise Bad(_("%(value)s is not a date and time") % {"value": text}) from None
        return _london(value, text) if value.tzinfo is None else value
    match = _UK_DATETIME.match(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        try:
            value = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            raise Bad(_("%(value)s is not a date and time") % {"value": text}) from None
        return _london(value, text)
    if _UK_DATE.match(text):
        return _london(datetime.combine(parse_date(text), time()), text)
    raise Bad(
        _("%(value)s is not a date and time: use dd/mm/yyyy hh:mm or yyyy-mm-ddThh:mm")
        % {"value": text}
    )


# --- numbers, yes/no, choices ------------------------------------------------------------------

_MONEY = re.compile(r"-?£?-?\d{1,3}(,\d{3})+(\.\d*)?$")


def integer_parser(*, minimum: int | None, maximum: int | None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or "_" in text:
            if text.endswith(".0") and text[:-2].lstrip("-").isdigit():
                value = int(text[:-2])  # a spreadsheet's whole number
            else:
                raise Bad(_("%(value)s is not a whole number") % {"value": text})
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise Bad(
                _("%(value)s is not between %(minimum)s and %(maximum)s")
                % {"value": text, "minimum": minimum, "maximum": maximum}
            )
        return value

    return parse


def decimal_parser(*, max_digits: int, places: int):
    limit = Decimal(10) ** (max_digits - places)

    def parse(text: str) -> Decimal:
        clean = text
        if "£" in clean or "," in clean:
            if "," in clean and not _MONEY.match(clean):
                raise Bad(_("%(value)s is not an amount") % {"value": text})
            clean = clean.replace("£", "").replace(",", "")
        try:
            value = Decimal(clean)
        except InvalidOperation:
            raise Bad(_("%(value)s is not an amount") % {"value": text}) from None
        if not value.is_finite():
            raise Bad(_("%(value)s is not an amount") % {"value": text})
        point = clean.find(".")
        plain = "e" not in clean and "E" not in clean
        if (plain and point >= 0 and len(clean) - point - 1 > places) or (
            not plain and value.as_tuple().exponent < -places
        ):
            raise Bad(
                _("%(value)s has more than %(places)s decimal places")
                % {"value": text, "places": places}
            )
        if abs(value) >= limit:
            raise Bad(_("%(value)s is too large") % {"value": text})
        return value

    return parse


_BOOLEANS = {
    "yes": True, "y": True, "true": True, "1": True,
    "no": False, "n": False, "false": False, "0": False,
}  # fmt: skip


def parse_bool(text: str) -> bool:
    try:
        return _BOOLEANS[text.lower()]
    except KeyError:
        raise Bad(_("%(value)s is not yes or no") % {"value": text}) from None


def normalise(text: str) -> str:
    """How headers and choices are compared: case, spaces, hyphens and underscores ignored."""
    return re.sub(r"[\s_\-]+", " ", str(text).strip().lower())


def choice_parser(choices: list[tuple[str, str]]):
    """Accepts a choice's stored value or its English label, in any case."""
    lookup: dict[str, str] = {}
    for value, label in choices:
        lookup[normalise(label)] = value
    for value, _label in choices:
        lookup[normalise(value)] = value
    shown = ", ".join(dict.fromkeys(v for v, _label in choices if v))

    def parse(text: str) -> str:
        try:
            return lookup[text] if text in lookup else lookup[normalise(text)]
        except KeyError:
            raise Bad(
                _("%(value)s is not one of: %(choices)s") % {"value": text, "choices": shown}
            ) from None

    return parse


def text_parser(*, max_length: int | None):
    def parse(text: str) -> str:
        if max_length is not None and len(text) > max_length:
            raise Bad(_("is longer than %(limit)s characters") % {"limit": max_length})
        return text

    return parse


def cell_text(value) -> str:
    """An XLSX cell as the text a CSV would hold, so both are read by the same parsers."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat(sep="T")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


# --- readers: one call a cell, memoised where a column has few distinct values -----------------

MISSING = object()
MEMO_LIMIT = 50_000


def _fallback(parse, blank, required: bool):
    """The careful path: trims, treats an empty cell as the column's blank, then parses."""
    empty = _("is empty: this column must be filled in")

    def slow(text: str):
        text = text.strip()
        if not text:
            if required:
                raise Bad(empty)
            return blank
        return parse(text)

    return slow


def memo_reader(parse, *, blank, required: bool):
    """For dates, choices, yes/no, codes and small numbers: each distinct text is read once."""
    cache: dict[str, object] = {}
    slow = _fallback(parse, blank, required)

    def read(text: str):
        value = cache.get(text, MISSING)
        if value is MISSING:
            value = slow(text)
            if len(cache) < MEMO_LIMIT:
                cache[text] = value
        return value

    return read


def plain_reader(parse, *, blank, required: bool):
    slow = _fallback(parse, blank, required)
    if required:
        return slow

    def read(text: str):
        return slow(text) if text else blank

    return read


def text_reader(*, max_length: int | None, required: bool):
    empty = _("is empty: this column must be filled in")
    too_long = _("is longer than %(limit)s characters") % {"limit": max_length}
    limit = max_length or 1 << 30

    def read(text: str) -> str:
        text = text.strip()
        if len(text) > limit:
            raise Bad(too_long)
        if required and not text:
            raise Bad(empty)
        return text

    return read


def lookup_reader(table: dict, *, parse, required: bool, ambiguous=None):
    """References (homes, estates, blocks): the loaded dictionary is the fast path."""
    slow = _fallback(parse, None, required)

    def read(text: str):
        value = table.get(text)
        if value is None or value is ambiguous:
            if not text and not required:
                return None
            return slow(text)
        return value

    return read


def date_text(text: str) -> str:
    """A date as ISO text, which the databases read and which sorts like the date."""
    return parse_date(text).isoformat()


def _offset(moment: datetime) -> str:
    return "+01:00" if moment.utcoffset().total_seconds() else "+00:00"


def _clock_change_day(day: date) -> bool:
    start = datetime.combine(day, time()).replace(tzinfo=LONDON)
    end = datetime.combine(day, time(23, 59)).replace(tzinfo=LONDON)
    return start.utcoffset() != end.utcoffset()


def datetime_reader(*, required: bool):
    """Date-times as UK wall-clock ISO text with the UK offset: "2026-11-02 09:15:00+00:00".

    A file holds few distinct days and few distinct times of day, so each is read once and the
    pair is joined; a day when the clocks change, or a time with its own offset, takes the
    careful path every time. Text like this sorts like the moment it names (the repeated hour
    is refused), so the rules can compare it."""
    days: dict[str, tuple[str, str]] = {}
    clocks: dict[str, str] = {}

    def careful(text: str) -> str:
        moment = parse_datetime(text).astimezone(LONDON)
        for separator in (" ", "T"):
            day, _sep, clock = text.partition(separator)
            if clock and ":" in clock and not any(c in clock for c in "+-Z."):
                if not _clock_change_day(moment.date()) and len(days) < MEMO_LIMIT:
                    days[day] = (moment.date().isoformat(), _offset(moment))
                    clocks[clock] = moment.strftime("%H:%M:%S")
                break
        return moment.strftime("%Y-%m-%d %H:%M:%S") + _offset(moment)

    slow = _fallback(careful, None, required)

    def read(text: str):
        if not text and not required:
            return None
        day, _sep, clock = text.partition(" ")
        if not clock:
            day, _sep, clock = text.partition("T")
        found, at = days.get(day), clocks.get(clock)
        if found is None or at is None:
            return slow(text)
        return f"{found[0]} {at}{found[1]}"

    return read
