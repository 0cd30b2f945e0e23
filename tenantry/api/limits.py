"""Rate limits: requests a minute, counted in the cache per token and per client address
(docs/api.md#rate-limits). Over either limit the API answers 429 with Retry-After.

Counted in fixed one-minute windows: simple, one cache increment a request, and shared by
every app process when the cache is Redis (REDIS_URL). 0 turns a limit off.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from tenantry.core.clients import client_address

WINDOW = 60  # seconds


def limits() -> tuple[int, int]:
    """(per token, per address) requests a minute."""
    return (
        int(getattr(settings, "API_REQUESTS_PER_MINUTE_PER_TOKEN", 600)),
        int(getattr(settings, "API_REQUESTS_PER_MINUTE_PER_ADDRESS", 300)),
    )


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW + 5)
        return 1


def address_over_limit(request: HttpRequest) -> bool:
    """Count a request refused before the limits were asked (a wrong token is refused first):
    whether its address is now over its limit. Guessing tokens is counted like any request."""
    _per_token, per_address = limits()
    if not per_address:
        return False
    address = client_address(request) or "unknown"
    window = int(time.time() // WINDOW)
    return _count(f"api-rate:address:{address}:{window}") > per_address


def seconds_to_next_window() -> int:
    return max(1, int(WINDOW - (time.time() % WINDOW)))


class RateLimit(BaseThrottle):
    """Both limits at once: the token's (when one is sent) and the client address's."""

    def allow_request(self, request: HttpRequest) -> bool:
        per_token, per_address = limits()
        now = time.time()
        window = int(now // WINDOW)
        token = getattr(request, "api_token", None)
        if (
            per_token
            and token is not None
            and _count(f"api-rate:token:{token.pk}:{window}") > per_token
        ):
            return False
        if per_address:
            address = client_address(request) or "unknown"
            if _count(f"api-rate:address:{address}:{window}") > per_address:
                return False
        return True

    def wait(self) -> float | None:
        """Seconds to the next window, when both counts start again."""
        return WINDOW - (time.time() % WINDOW)
