"""Reading a page's query string: every view takes its parameters through here or a form.

A parameter that is missing, repeated or nonsense never breaks a page: the page shows its own
sensible default instead (the latest period with figures, the current year, the first page), as
a link followed from an old bookmark or a mistyped address deserves a page, not an error.
"""

from collections.abc import Callable
from datetime import date

from django.http import QueryDict

from . import periods

# Longer than any label, search or key a page offers; anything longer is cut to this.
LONGEST = 200


def text(query: QueryDict, name: str, default: str = "") -> str:
    """The parameter's text (the last given when repeated), without NUL characters (which no
    database stores) and cut to LONGEST characters; `default` when it is missing."""
    value = query.get(name)
    if value is None:
        return default
    return value.replace("\x00", "")[:LONGEST]


def read[T](query: QueryDict, name: str, reader: Callable[[str], T], default: T) -> T:
    """The parameter read by `reader`; `default` when it is missing, blank or nonsense (the
    reader raises ValueError or TypeError)."""
    value = text(query, name)
    if not value.strip():
        return default
    try:
        return reader(value)
    except (TypeError, ValueError):
        return default


def period(query: QueryDict, *, today: date, name: str = "period") -> periods.Period | None:
    """The period named by `?period=2025/26 Q1` (core.periods.read_period); None when there is
    none or it makes no sense, for the page to use its own default."""
    return read(query, name, lambda value: periods.read_period(value, today=today), None)


def year(query: QueryDict, *, today: date, name: str = "year") -> periods.Period | None:
    """The financial year named by `?year=2025/26` (core.periods.read_year); None when there
    is none or it makes no sense, for the page to use its own default."""
    return read(query, name, lambda value: periods.read_year(value, today=today), None)
