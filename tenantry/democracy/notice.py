"""When a meeting's notice must go out, when proxies must be in, and when the AGM is due.

Each is one function here; the meeting pages, the notice service, the demo and democratic
health all call them. The periods come from the organisation's `Constitution`.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.utils import timezone


def latest_notice_day(meeting_day: date, clear_days: int) -> date:
    """The last day notice of a meeting on `meeting_day` may be given, for `clear_days` clear
    days' notice.

    Companies Act 2006 s360: a period of notice in clear days excludes the day the notice is
    given (or taken as given) and the day of the meeting. So `clear_days` whole days must lie
    strictly between the two: 14 clear days before Thursday 25 June 2026 means notice given by
    Wednesday 10 June (11 to 24 June are the 14 days). With no notice period (0), notice the day
    before is in time. (REFERENCE.md, "Governance".)
    """
    return meeting_day - timedelta(days=clear_days + 1)


def clear_days_between(notice_day: date, meeting_day: date) -> int:
    """How many clear days' notice was given: the whole days strictly between the two (s360)."""
    return max((meeting_day - notice_day).days - 1, 0)


def notice_in_time(*, notice_day: date, meeting_day: date, clear_days: int) -> bool:
    """Whether notice given on `notice_day` gives at least `clear_days` clear days (s360)."""
    return notice_day <= latest_notice_day(meeting_day, clear_days)


def proxy_deadline(meeting_at: datetime, hours: int) -> datetime:
    """The last moment a proxy may be lodged: `hours` before the meeting starts.

    Companies Act 2006 s327 lets the articles require proxies no earlier than 48 hours before a
    meeting (working days aside); the constitution's `proxy_deadline_hours` holds the figure.
    """
    return meeting_at - timedelta(hours=hours)


def meeting_start(day: date, at: time | None) -> datetime:
    """A meeting's start as an aware datetime in England's time (midnight when no time is set)."""
    return timezone.make_aware(datetime.combine(day, at or time(0, 0)))


def agm_due_by(*, held_for_year_ending: date, within_months: int) -> date:
    """The last day an AGM may be held for the financial year ending `held_for_year_ending`:
    `within_months` calendar months later, on the same day of the month or the month's last day
    where it has fewer (six months after 31 March is 30 September).

    A society's rules commonly ask for the AGM within 6 months of the year end (REFERENCE.md,
    "Governance"); the constitution's `agm_within_months` holds the figure.
    """
    month_index = held_for_year_ending.month - 1 + within_months
    year = held_for_year_ending.year + month_index // 12
    month = month_index % 12 + 1
    day = min(held_for_year_ending.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def year_end_before(day: date, year_end_month: int) -> date:
    """The last financial year end on or before `day`, for years ending in `year_end_month`."""
    year = day.year
    end = date(year, year_end_month, calendar.monthrange(year, year_end_month)[1])
    if end > day:
        year -= 1
        end = date(year, year_end_month, calendar.monthrange(year, year_end_month)[1])
    return end
