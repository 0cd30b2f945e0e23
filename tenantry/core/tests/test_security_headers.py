"""Security headers on every page: the policy, the referrer rule, and HSTS only over HTTPS."""

import pytest
from django.urls import reverse

from tenantry.core.clients import client_address

pytestmark = pytest.mark.django_db


def test_a_page_sends_the_policy_without_eval_and_a_same_origin_referrer_rule(client):
    response = client.get(reverse("account_login"))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["Referrer-Policy"] == "same-origin"
    # The page's inline scripts carry the nonce the header names.
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000

    assert "Strict-Transport-Security" not in client.get(reverse("account_login")).headers
    response = client.get(reverse("account_login"), secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize(
    ("header", "count", "meta", "expected"),
    [
        # Off: the connection's address, whatever the client claims.
        ("", 1, {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "10.0.0.2"),
        # One proxy: the right-most entry, which it wrote; a forged entry to its left is ignored.
        (
            "X-Forwarded-For",
            1,
            {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"},
            "203.0.113.7",
        ),
        # Two proxies: the inner one appended the outer one's address; the client is before it.
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.0.0.9"}, "203.0.113.7"),
        # Fewer entries than proxies, or not an address: the connection's address.
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "unknown"}, "10.0.0.2"),
        ("X-Real-IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
    ],
)
def test_the_clients_address(rf, settings, header, count, meta, expected):
    settings.TRUSTED_PROXY_HEADER = header
    settings.TRUSTED_PROXY_COUNT = count

    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", **meta)) == expected
