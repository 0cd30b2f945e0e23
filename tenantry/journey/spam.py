"""Keeping robots off the public "register interest" form without a third-party service.

Four checks, each cheap and none asking a person to prove they are human:

- a honeypot: a field people never see (hidden from screen readers too) that robots fill in;
- a signed timestamp in the form: a form sent sooner than `JOURNEY_INTEREST_MIN_SECONDS` after
  it was shown, or older than `JOURNEY_INTEREST_MAX_AGE_SECONDS`, or with a tampered stamp, is
  refused — people take longer than a few seconds to fill it in;
- a limit per IP address (`JOURNEY_INTEREST_PER_ADDRESS` forms in
  `JOURNEY_INTEREST_WINDOW_SECONDS`), counted in Django's cache;
- text stuffed with links: more than `JOURNEY_INTEREST_MOST_LINKS` across the form's text.

A form caught by any check is answered exactly like a good one (the thank-you page) and
nothing is stored or sent, so a robot learns nothing to adapt to. A person caught by mistake
sees the page that says an email is on its way; as none comes, the page tells them to write to
the network if nothing arrives.
"""

import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from tenantry.core.clients import client_address

SALT = "journey.register-interest.shown-at"
HONEYPOT = "website"  # a name robots like to fill in
LINK = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)


def stamp(now: float | None = None) -> str:
    """The signed time the form was shown, for its hidden field."""
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


def stamp_refused(value: str, now: float | None = None) -> bool:
    """Sent too soon after the form was shown, too long after, or not our stamp at all."""
    now = now if now is not None else time.time()
    try:
        shown = signing.loads(value or "", salt=SALT)
    except signing.BadSignature:
        return True
    if not isinstance(shown, int):
        return True
    waited = now - shown
    return not (
        settings.JOURNEY_INTEREST_MIN_SECONDS <= waited <= settings.JOURNEY_INTEREST_MAX_AGE_SECONDS
    )


def too_many_links(*texts: str) -> bool:
    return (
        sum(len(LINK.findall(text or "")) for text in texts) > settings.JOURNEY_INTEREST_MOST_LINKS
    )


def over_the_limit(request: HttpRequest) -> bool:
    """Counts this form against the sender's address; True once the limit is passed."""
    key = f"journey:interest:{client_address(request) or 'unknown'}"
    window = settings.JOURNEY_INTEREST_WINDOW_SECONDS
    if cache.add(key, 1, window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, window)
            count = 1
    return count > settings.JOURNEY_INTEREST_PER_ADDRESS
