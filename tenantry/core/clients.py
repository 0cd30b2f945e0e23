"""Who is asking: the client's address, which every rate limit counts by.

Directly on the internet, that is the connection's address (REMOTE_ADDR). Behind a load
balancer or reverse proxy every request arrives from the proxy, so counting by REMOTE_ADDR
would let twenty wrong codes from anyone lock out everyone. With TRUSTED_PROXY_HEADER set (for
example X-Forwarded-For) and TRUSTED_PROXY_COUNT proxies in front of the site, the address is
the one the outermost of our own proxies saw: counting from the right of the header, past the
addresses our proxies appended. Entries further left were written by the client and can be
forged, so they are never used; the right-most untrusted address cannot be.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _header_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The client's IP address, through the configured trusted proxies if any."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    addresses = [a.strip() for a in request.META.get(_header_key(header), "").split(",")]
    addresses = [a for a in addresses if a]
    # Each of our proxies appends the address it received from; the last `count` entries are
    # therefore from our proxies, and the one at -count is what the outermost proxy saw.
    if len(addresses) < count:
        return remote
    return _valid(addresses[-count]) or remote
