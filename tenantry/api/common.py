"""What the API's routes share: the answers each may give, path and query checks, periods."""

from datetime import date
from functools import lru_cache

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query

from tenantry.core.periods import Period, read_period

from .errors import ERROR_STATUSES, ApiError, ErrorBody
from .paging import DEFAULT_LIMIT, MAX_LIMIT

SLUG = r"^[-a-zA-Z0-9_]{1,60}$"
CODE = r"^[^/\x00-\x1f]{1,20}$"  # any code an indicator may have, but no "/"


def answers(ok, *, cached: bool = True) -> dict:
    """The statuses an operation answers with: `ok` on success, 304 for an unchanged GET,
    and the one error shape for every error."""
    found = {200: ok, **dict.fromkeys(ERROR_STATUSES, ErrorBody)}
    if cached:
        found[304] = None
    return found


def slug_path():
    return Path(..., pattern=SLUG, description="the organisation's short name")


def limit_query():
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"rows a page, 1 to {MAX_LIMIT}")


def cursor_query():
    return Query(
        None, max_length=400, description="the `next` cursor of the previous page, as given"
    )


def period_query():
    return Query(
        None,
        max_length=40,
        description="a financial year (2025/26), a quarter (2025/26 Q1) or a month (April 2025)",
    )


def period_of(text: str | None, *, today: date | None = None) -> Period | None:
    """The period asked for, None when none was; nonsense is a 422 naming `period`."""
    if text is None or not text.strip():
        return None
    try:
        return read_period(text, today=today or timezone.localdate())
    except (ValueError, OverflowError, TypeError):
        raise ApiError(
            422,
            _("The period is not one Tenantry knows."),
            [
                {
                    "field": "period",
                    "message": _(
                        "Write a financial year (2025/26), a quarter (2025/26 Q1) or a month "
                        "(April 2025)"
                    ),
                }
            ],
        ) from None


@lru_cache(maxsize=8192)
def _path(name: str, arguments: tuple) -> str:
    return reverse(name, kwargs=dict(arguments))


def absolute(request: HttpRequest, name: str, **kwargs) -> str:
    """The full address of a route. A list links each of its rows several times, so the path
    of each (route, arguments) is kept once worked out (it cannot change while the process
    runs) and the site's address is worked out once a request."""
    base = getattr(request, "_absolute_base", None)
    if base is None:
        base = request._absolute_base = request.build_absolute_uri("/")[:-1]
    return base + _path(name, tuple(sorted(kwargs.items())))
