"""Which routes answer with a CSV or XLSX file, found from the URL patterns themselves.

A route is a file route when its name or its path says so: "export", "download" or "template"
in its name, or ".csv", ".xlsx" or a `fmt` argument in its path. test_export_injection.py
sends hostile text through every one of them; the permission matrix, which requests every
route, fails on any route that answers with a file without being found here, so a new export
cannot miss the injection test by being named otherwise.
"""

import re
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver

from tenantry.core import exports

NAMED_AS_FILE = re.compile(r"export|download|template")
PATH_OF_FILE = re.compile(r"\.csv|\.xlsx|<(str:|slug:)?fmt>")
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "usersessions_")


def _patterns(resolver=None, namespace="", prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", route


@cache
def file_routes() -> dict[str, str]:
    """Route name -> its path pattern, for every route that gives a CSV or XLSX file."""
    return {
        name: route
        for name, route in _patterns()
        if not name.startswith(THIRD_PARTY_PREFIXES)
        and (NAMED_AS_FILE.search(name.split(":")[-1]) or PATH_OF_FILE.search(route))
    }


def is_file(response) -> bool:
    """Whether a response is a CSV or XLSX file."""
    kind = response.get("Content-Type", "")
    return kind.startswith((exports.CSV.split(";")[0], exports.XLSX))
