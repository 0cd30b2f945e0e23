""" "In force on a day": the one rule for rows that hold from a first day to a last one.

An agreement, a home's coverage or a safety requirement is in force on its first day, on its
last day and on every day between; a row with no last day is open-ended. Models with such
dates use `InForceQuerySet` (`Coverage.objects.in_force(day)`); a query that reaches them
through a relation uses `in_force_q(day, prefix="coverage__")`.
"""

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q


def in_force_q(
    on: date | Any, *, prefix: str = "", starts: str = "starts_on", ends: str = "ends_on"
) -> Q:
    """Rows in force on the day `on` (a date, or an expression such as `OuterRef`)."""
    return Q(**{f"{prefix}{starts}__lte": on}) & (
        Q(**{f"{prefix}{ends}__isnull": True}) | Q(**{f"{prefix}{ends}__gte": on})
    )


def in_force_during_q(
    first: date, last: date, *, prefix: str = "", starts: str = "starts_on", ends: str = "ends_on"
) -> Q:
    """Rows in force on at least one day from `first` to `last`, both included."""
    return Q(**{f"{prefix}{starts}__lte": last}) & (
        Q(**{f"{prefix}{ends}__isnull": True}) | Q(**{f"{prefix}{ends}__gte": first})
    )


def in_force_on(starts_on: date, ends_on: date | None, day: date) -> bool:
    """Whether a row from `starts_on` to `ends_on` (None: open-ended) is in force on `day`: the
    same rule as `in_force_q`, for rows already read."""
    return starts_on <= day and (ends_on is None or ends_on >= day)


class InForceQuerySet(models.QuerySet):
    """Rows with a first and an optional last day; the model may name its own two fields."""

    starts_field = "starts_on"
    ends_field = "ends_on"

    def in_force(self, on: date | Any) -> "InForceQuerySet":
        """Those in force on the day: from their first day to their last, both included."""
        return self.filter(in_force_q(on, starts=self.starts_field, ends=self.ends_field))

    def in_force_during(self, first: date, last: date) -> "InForceQuerySet":
        """Those in force on at least one day from `first` to `last`."""
        return self.filter(
            in_force_during_q(first, last, starts=self.starts_field, ends=self.ends_field)
        )

    def not_ended_before(self, on: date) -> "InForceQuerySet":
        """Those in force on the day or starting later: every row not already over by then."""
        return self.filter(
            Q(**{f"{self.ends_field}__isnull": True}) | Q(**{f"{self.ends_field}__gte": on})
        )
