"""Reporting periods: financial years, their quarters and months.

The Tenant Satisfaction Measures and the Best Value indicators are reported for the year
1 April to 31 March, labelled "2025/26". Quarters follow that year: Q1 is April to June and Q4
January to March. Every period's end date is inclusive: it is the last day in the period.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from django.utils.translation import gettext as _

PeriodKind = Literal["year", "quarter", "month"]
# Periods ending on the same day, shortest first: a month, then its quarter, then the year.
KIND_ORDER: dict[str, int] = {"month": 0, "quarter": 1, "year": 2}

# Written out rather than taken from `calendar.month_name`, which follows the process locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# The Guide's five-year horizon: every period picker and trend goes back this many years.
YEARS_SHOWN = 5

# The years a page may be asked about in its address: none before 1990 (before any tenant
# management organisation's records, and far enough back for any trend to reach), none more
# than ten years ahead (the longest plan of targets). A page asked about another year shows its
# own default instead, so a trend or comparison never reaches past the calendar's first year.
FIRST_YEAR_ASKED = 1990
YEARS_AHEAD_ASKED = 10

_YEAR = re.compile(r"(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?")
_QUARTER = re.compile(r"(.+?)\s+Q([1-4])", re.IGNORECASE)
_MONTH = re.compile(r"([A-Za-z]+)\s+(\d{4})")


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A span of whole days from `start` to `end`, both included."""

    start: date
    end: date
    label: str
    kind: PeriodKind

    def contains(self, day: date) -> bool:
        """Whether `day` falls within the period, its first and last days included."""
        if isinstance(day, datetime):
            # A datetime and a date do not compare; the caller's wall-clock date is meant.
            day = day.date()
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def financial_year(value: str | int | date) -> Period:
    """The financial year named by "2025/26", "2025-26", "2025", 2025 or containing a date."""
    if isinstance(value, date):
        return financial_year_of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _year_starting(value)
    if not isinstance(value, str):
        raise TypeError(f"a financial year is a label, a starting year or a date, not {value!r}")
    match = _YEAR.fullmatch(value.strip())
    if not match:
        raise ValueError(
            f"{value!r} is not a financial year: write it as '2025/26' (April 2025 to March 2026)"
        )
    first = int(match[1])
    second = match[2]
    # The second part must be the following year, two digits ("2025/26") or four ("2025/2026").
    if second is not None and int(second) not in (first + 1, (first + 1) % 100):
        raise ValueError(
            f"{value!r} is not a financial year: the year after {first} is "
            f"{(first + 1) % 100:02d}, so write '{first}/{(first + 1) % 100:02d}'"
        )
    return _year_starting(first)


def financial_year_of(day: date) -> Period:
    """The financial year (1 April to 31 March) that contains `day`."""
    # January to March belong to the year that began the previous April.
    return _year_starting(day.year if day.month >= 4 else day.year - 1)


def quarter(year: str | int | date, which: str | int) -> Period:
    """Quarter "Q1" to "Q4" of a financial year: Q1 is April to June, Q4 January to March."""
    fy = financial_year(year)
    number = _quarter_number(which)
    first_month = 4 + 3 * (number - 1)  # 4, 7, 10, 13 (13 is January of the next year)
    start = _month_start(fy.start.year, first_month)
    end = _month_end(fy.start.year, first_month + 2)
    return Period(start=start, end=end, label=f"{fy.label} Q{number}", kind="quarter")


def month(year: int, month: int) -> Period:
    """The calendar month `month` (1 to 12) of the calendar year `year`, e.g. (2026, 1)."""
    if not 1 <= month <= 12:
        raise ValueError(f"{month!r} is not a month: give a number from 1 to 12")
    label = f"{MONTH_NAMES[month - 1]} {year}"
    return Period(
        start=date(year, month, 1), end=_month_end(year, month), label=label, kind="month"
    )


def quarters_of(year: str | int | date) -> list[Period]:
    """The four quarters of a financial year, Q1 (April to June) first."""
    fy = financial_year(year)
    return [quarter(fy.label, number) for number in (1, 2, 3, 4)]


def months_of(year: str | int | date) -> list[Period]:
    """The twelve months of a financial year, April first and March last."""
    first = financial_year(year).start.year
    return [month(first + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(4, 16)]


def parse_period(text: str) -> Period:
    """The period a label names: "2025/26", "2025/26 Q3" or a month such as "April 2025"."""
    cleaned = " ".join(text.split())
    if match := _QUARTER.fullmatch(cleaned):
        return quarter(match[1], int(match[2]))
    if match := _MONTH.fullmatch(cleaned):
        return month(int(match[2]), _month_number(match[1], text))
    if _YEAR.fullmatch(cleaned):
        return financial_year(cleaned)
    raise ValueError(
        f"{text!r} is not a period: write a financial year ('2025/26'), a quarter "
        f"('2025/26 Q3') or a month ('April 2025')"
    )


def read_period(text: str | None, *, today: date) -> Period:
    """The period a page asks for ("2025/26", "2025/26 Q1", "Q1 2025/26", "April 2025"); the
    current financial year when none is given. Raises ValueError for nonsense, and for a period
    outside the years a page may be asked about (FIRST_YEAR_ASKED to YEARS_AHEAD_ASKED ahead)."""
    if not text or not text.strip():
        return financial_year_of(today)
    words = text.split()
    # "Q1 2025/26" is how people often write it; parse_period reads "2025/26 Q1".
    if len(words) == 2 and words[0].upper() in ("Q1", "Q2", "Q3", "Q4"):
        text = f"{words[1]} {words[0]}"
    return _asked(parse_period(text), today=today)


def read_year(text: str | None, *, today: date) -> Period:
    """The financial year a page asks for ("2025/26"); the current one when none is given.
    Raises ValueError for nonsense and for a year outside those a page may be asked about."""
    if not text or not text.strip():
        return financial_year_of(today)
    return _asked(financial_year(text), today=today)


def _asked(period: Period, *, today: date) -> Period:
    last = financial_year_of(today).start.year + YEARS_AHEAD_ASKED
    if not FIRST_YEAR_ASKED <= financial_year_of(period.start).start.year <= last:
        raise ValueError(
            f"{period.label!r} is not a period a page shows: pick one from April "
            f"{FIRST_YEAR_ASKED} to March {last + 1}"
        )
    return period


def previous_period(period: Period) -> Period:
    """The period of the same kind just before: last year, last quarter, last month."""
    day_before = period.start - timedelta(days=1)
    if period.kind == "year":
        return financial_year_of(day_before)
    if period.kind == "quarter":
        return quarter(financial_year_of(day_before).label, (day_before.month - 4) % 12 // 3 + 1)
    return month(day_before.year, day_before.month)


def describe_period(period: Period) -> str:
    """The period with its months spelt out: "2025/26 Q1 (April to June 2025)"."""
    if period.kind == "month":
        return period.label
    if period.kind == "year":
        return _("%(label)s (April %(first)s to March %(last)s)") % {
            "label": period.label,
            "first": period.start.year,
            "last": period.end.year,
        }
    return _("%(label)s (%(first)s to %(last)s %(year)s)") % {
        "label": period.label,
        "first": MONTH_NAMES[period.start.month - 1],
        "last": MONTH_NAMES[period.end.month - 1],
        "year": period.end.year,
    }


def years_offered(*, today: date, ahead: int = 0, not_before: date | None = None) -> list[Period]:
    """The financial years a person may pick, oldest first: the last YEARS_SHOWN (this one
    included), none before the year of `not_before`, and `ahead` years to come."""
    this_year = financial_year_of(today).start.year
    first = this_year - YEARS_SHOWN + 1
    if not_before is not None:
        first = max(first, financial_year_of(not_before).start.year)
    return [_year_starting(start) for start in range(first, this_year + ahead + 1)]


def period_choices(*, today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a person may pick, grouped by financial year, newest first: each of the
    last YEARS_SHOWN years, its quarters and its months, leaving out those not yet begun.
    Every period picker offers these."""
    groups = []
    for year in reversed(years_offered(today=today)):
        options = [(year.label, _("%(year)s, the whole year") % {"year": year.label})]
        options += [
            (q.label, describe_period(q)) for q in quarters_of(year.label) if q.start <= today
        ]
        options += [(m.label, m.label) for m in months_of(year.label) if m.start <= today]
        groups.append((year.label, options))
    return groups


def _year_starting(first: int) -> Period:
    if not date.min.year <= first < date.max.year:
        raise ValueError(f"{first!r} is not a year Tenantry can report on")
    return Period(
        start=date(first, 4, 1),
        end=date(first + 1, 3, 31),
        label=f"{first}/{(first + 1) % 100:02d}",
        kind="year",
    )


def _quarter_number(which: str | int) -> int:
    if isinstance(which, int) and not isinstance(which, bool) and 1 <= which <= 4:
        return which
    if isinstance(which, str) and re.fullmatch(r"[Qq]?[1-4]", which.strip()):
        return int(which.strip()[-1])
    raise ValueError(
        f"{which!r} is not a quarter: use 'Q1' (April to June) to 'Q4' (January to March)"
    )


def _month_number(name: str, text: str) -> int:
    for number, full in enumerate(MONTH_NAMES, start=1):
        if name.lower() in (full.lower(), full[:3].lower()):
            return number
    raise ValueError(f"{text!r} is not a period: {name!r} is not a month name")


def _month_start(year: int, month_number: int) -> date:
    """The first day of a month, where month 13 is January of the next year."""
    return date(year + (month_number - 1) // 12, (month_number - 1) % 12 + 1, 1)


def _month_end(year: int, month_number: int) -> date:
    """The last day of a month, where months 13 to 15 fall in the next year."""
    year += (month_number - 1) // 12
    month_number = (month_number - 1) % 12 + 1
    return date(year, month_number, calendar.monthrange(year, month_number)[1])
