"""Keyset paging for the API's lists (docs/api.md#pagination).

A list is read in a fixed order that ends with the primary key, so it is stable however rows
are added. A page is `limit` rows (at most MAX_LIMIT) and, when more follow, a `next` cursor:
the last row's ordering values, opaque to the client. The next page starts after those values
(`WHERE (a, pk) < (…)`), read from an index: no COUNT of the whole list and no OFFSET that reads
and throws away rows, so page 5,000 of a landlord's repairs costs what page 1 does.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _encode(values: list) -> str:
    raw = json.dumps([v if isinstance(v, int | str) or v is None else str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise ApiError(
            400,
            _("The cursor is not one this list gave."),
            [{"field": "cursor", "message": _("Use the `next` value of the previous page.")}],
        )
    return values


def _after(fields: tuple[str, ...], values: list, descending: bool) -> Q:
    """Rows after `values` in the order of `fields`: (a > x) or (a = x and b > y) and so on."""
    op = "lt" if descending else "gt"
    condition = Q()
    for i, name in enumerate(fields):
        step = Q(**{f"{f}": v for f, v in zip(fields[:i], values[:i], strict=True)})
        step &= Q(**{f"{name}__{op}": values[i]})
        condition |= step
    return condition


def keyset_page(
    queryset: QuerySet,
    *,
    fields: tuple[str, ...],
    cursor: str | None,
    limit: int,
    descending: bool = False,
) -> Page:
    """One page of `queryset` ordered by `fields` (the last of them unique, usually "pk")."""
    limit = max(1, min(limit, MAX_LIMIT))
    ordered = queryset.order_by(*(f"-{f}" if descending else f for f in fields))
    if cursor:
        values = _typed(queryset.model, fields, _decode(cursor, len(fields)))
        ordered = ordered.filter(_after(fields, values, descending))
    rows = list(ordered[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode([_value(last, f) for f in fields])
    return Page(rows, next_cursor)


def _typed(model, fields: tuple[str, ...], values: list) -> list:
    """The cursor's values as their columns hold them; nonsense is a 400, never a database
    error."""
    typed = []
    for name, value in zip(fields, values, strict=True):
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        try:
            if not isinstance(value, int | str):  # all `_encode` writes
                raise DjangoValidationError("not a value a page gave")
            converted = field.to_python(value)
            if converted is None:
                raise DjangoValidationError("empty")
            if isinstance(converted, str):
                _storable(converted)
            if isinstance(converted, int) and not -(2**63) < converted < 2**63:
                raise DjangoValidationError("out of range")
        except (DjangoValidationError, TypeError, ValueError, OverflowError):
            raise ApiError(400, _("The cursor is not one this list gave."), []) from None
        if isinstance(converted, datetime) and timezone.is_naive(converted):
            converted = timezone.make_aware(converted)
        typed.append(converted)
    return typed


def _storable(text: str) -> None:
    """Refuse text no column can hold: NUL, which PostgreSQL refuses, and lone surrogates
    (a JSON "\\ud800"), which are not UTF-8 at all."""
    if "\x00" in text:
        raise DjangoValidationError("NUL in text")
    text.encode("utf-8")  # UnicodeEncodeError, a ValueError, for a lone surrogate


def _value(row: Any, field: str) -> Any:
    for part in field.split("__"):
        row = getattr(row, part)
    if hasattr(row, "isoformat"):
        return row.isoformat()
    return row


def next_url(request: HttpRequest, cursor: str | None) -> str | None:
    """The address of the next page: this one's, with the cursor changed."""
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(request.path + "?" + params.urlencode())
