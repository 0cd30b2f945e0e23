"""Working days: Monday to Friday, except bank holidays in England and Wales.

REFERENCE.md marks the meaning of "working day" ❓ for the Complaint Handling Code; Tenantry
treats it as Monday to Friday excluding England and Wales bank holidays (the same days Awaab's
Law counts). `is_working_day` is that choice and the single place to change it: every deadline
in Tenantry counts working days through this module.

Imports and indicator calculations call these functions millions of times, so the working days
of each decade are laid out once (an `lru_cache` per decade) as a running count and a list:
`add_working_days` and `working_days_between` are then a few list look-ups, not a day-by-day
loop.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

import holidays

# England and Wales share their bank holidays; the `holidays` package files them under "ENG".
BANK_HOLIDAY_SUBDIVISION = "ENG"

_BLOCK_YEARS = 10


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays of England and Wales in `year`, substitute and one-off days included."""
    # The set holds the calendar date and the observed weekday (Boxing Day on a Saturday and
    # its substitute Monday), so a weekday check plus membership is the whole rule.
    return frozenset(holidays.GB(subdiv=BANK_HOLIDAY_SUBDIVISION, years=year))


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day: Monday to Friday and not a bank holiday."""
    if isinstance(day, datetime):
        # A datetime never equals the date in the holiday set, so it would slip through.
        raise TypeError("is_working_day takes a date; use the Europe/London date of a datetime")
    return day.weekday() < 5 and day not in bank_holidays(day.year)


@dataclass(frozen=True, slots=True)
class _Block:
    """The working days of one decade, laid out for constant-time counting."""

    number: int  # covers the years number * 10 to number * 10 + 9
    first: int  # ordinal of the first day covered
    counts: list[int]  # counts[o - first]: working days from `first` up to and including o
    days: list[date]  # the decade's working days in order: days[k] is the (k + 1)th


@lru_cache(maxsize=64)
def _block(number: int) -> _Block:
    """The decade `number` (years number * 10 to number * 10 + 9), computed once."""
    first_year = max(number * _BLOCK_YEARS, date.min.year)
    last_year = number * _BLOCK_YEARS + _BLOCK_YEARS - 1
    if last_year > date.max.year:
        raise OverflowError("working days are only counted up to 31 December 9999")
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    counts: list[int] = []
    days: list[date] = []
    for ordinal in range(first, last + 1):
        day = date.fromordinal(ordinal)
        if is_working_day(day):
            days.append(day)
        counts.append(len(days))
    return _Block(number=number, first=first, counts=counts, days=days)


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start`, counting from the day after `start`."""
    # "Within 5 working days of receipt": a complaint received on a Friday is due the next
    # Friday when no bank holiday intervenes. n = 0 is `start` itself, working day or not.
    if n <= 0:
        if n == 0:
            return start
        raise ValueError(f"cannot count {n} working days: n must be 0 or more")
    block = _block(start.year // _BLOCK_YEARS)
    # Working days up to and including `start` in its block, plus n, is the (k + 1)th.
    k = block.counts[start.toordinal() - block.first] + n - 1
    while k >= len(block.days):
        k -= len(block.days)
        block = _block(block.number + 1)
    return block.days[k]


def working_days_between(start: date, end: date) -> int:
    """The number of working days after `start` up to and including `end`; 0 if end <= start."""
    # The inverse of add_working_days: working_days_between(d, add_working_days(d, n)) == n.
    if end <= start:
        return 0
    first = _block(start.year // _BLOCK_YEARS)
    last = _block(end.year // _BLOCK_YEARS)
    total = (
        last.counts[end.toordinal() - last.first] - first.counts[start.toordinal() - first.first]
    )
    for number in range(first.number, last.number):
        total += len(_block(number).days)
    return total
