"""Signing in: residents by an emailed code, staff and officers by password; nobody signs up.

These go through allauth's real views and Tenantry's GOV.UK templates for them
(tenantry/templates/account/, allauth/, mfa/).
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-9"  # noqa: S105 – test data


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    # allauth keeps its rate-limit counters in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resident(django_user_model):
    # Residents have no password: they ask for a code each time.
    return django_user_model.objects.create_user(email="amina@example.org", name="Amina Hassan")


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        email="officer@example.org", password=PASSWORD, name="Gareth Morgan"
    )


def _code_from(message) -> str:
    # The code sits on a line of its own, e.g. "KXPT-MRWD".
    match = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_offers_both_ways_in_and_no_sign_up(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'name="login"' in html and 'name="password"' in html
    assert "No password?" in html
    assert f'href="{reverse("account_request_login_code")}"' in html
    assert "Email me a sign-in code" in html
    assert reverse("account_signup") not in html
    assert "sign up" not in html.lower()


def test_the_code_email_is_tenantrys_own_and_says_how_long_the_code_lasts(client, resident):
    client.post(reverse("account_request_login_code"), {"email": "amina@example.org"})

    (message,) = mail.outbox
    assert message.subject == "Tenantry: Your sign-in code"
    assert "Your code to sign in to Tenantry is:" in message.body
    assert "It works once, within 15 minutes." in message.body
    assert "ignore this email" in message.body
    # Not allauth's greeting from the host name, which reads like a phishing email.
    assert "Hello from" not in message.body
    assert "testserver" not in message.subject + message.body
    assert _code_from(message)


def test_the_code_email_is_in_welsh_for_someone_reading_in_welsh(client, resident):
    client.post("/language/", {"language": "cy", "next": "/"})

    client.post(reverse("account_request_login_code"), {"email": "amina@example.org"})

    (message,) = mail.outbox
    assert message.subject == "Tenantry: Eich cod mewngofnodi"
    assert "Eich cod i fewngofnodi i Tenantry yw:" in message.body
    assert _code_from(message)


def test_resident_signs_in_with_an_emailed_code(client, resident):
    response = client.post(reverse("account_request_login_code"), {"email": "amina@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    code = _code_from(mail.outbox[0])

    page = client.get(reverse("account_confirm_login_code"))
    assert page.status_code == 200
    assert "Check your email" in page.content.decode()
    assert _signed_in_user_id(client) is None

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert response.url == "/"
    assert _signed_in_user_id(client) == str(resident.pk)


def test_a_wrong_code_is_refused_with_an_error_summary(client, resident):
    client.post(reverse("account_request_login_code"), {"email": "amina@example.org"})
    code = _code_from(mail.outbox[0])
    wrong = "".join("B" if c == "C" else "C" if c.isalnum() else c for c in code)

    response = client.post(reverse("account_confirm_login_code"), {"code": wrong})

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_code"' in html
    assert _signed_in_user_id(client) is None


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_email(client, officer):
    response = client.post(
        reverse("account_login"), {"login": "officer@example.org", "password": "not-it"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert re.search(r"<title>\s*Error:", html)
    assert 'value="officer@example.org"' in html  # the typed email is kept
    assert "not-it" not in html  # the password is never sent back
    assert _signed_in_user_id(client) is None


def test_an_officer_signs_in_with_a_password(client, officer):
    response = client.post(
        reverse("account_login"), {"login": "officer@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert _signed_in_user_id(client) == str(officer.pk)


def test_nobody_can_sign_up(client, django_user_model):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert "You cannot create an account here" in page.content.decode()
    assert 'name="password1"' not in page.content.decode()

    response = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code in {200, 302, 403}
    assert not django_user_model.objects.filter(email="newcomer@example.org").exists()
    assert _signed_in_user_id(client) is None


def test_repeated_failed_logins_for_one_email_are_locked_out_with_429(client, officer):
    # ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per email address in 5 minutes.
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": "officer@example.org", "password": "guess"}
        )
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()

    # Even the right password is refused now.
    response = client.post(
        reverse("account_login"), {"login": "officer@example.org", "password": PASSWORD}
    )

    # A rate-limited sign-in answers 429 Too Many Requests, with the page saying why.
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert _signed_in_user_id(client) is None


def test_too_many_sign_in_attempts_from_one_address_get_429(client, officer):
    # ACCOUNT_RATE_LIMITS["login_failed"]: 10 failed sign-ins a minute from one IP address
    # (different emails, so the per-email limit is not what stops them).
    statuses = [
        client.post(
            reverse("account_login"), {"login": f"guess{i}@example.org", "password": "guess"}
        ).status_code
        for i in range(10)
    ]
    assert statuses == [200] * 10

    response = client.post(
        reverse("account_login"), {"login": "officer@example.org", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert _signed_in_user_id(client) is None


def test_behind_a_trusted_proxy_sign_in_limits_count_each_client(client, officer, settings):
    # Every request arrives from the load balancer (REMOTE_ADDR); X-Forwarded-For names the client.
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"guess{i}@example.org", "password": "guess"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    limited = client.post(
        reverse("account_login"),
        {"login": "officer@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert limited.status_code == 429

    response = client.post(
        reverse("account_login"),
        {"login": "officer@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )

    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(officer.pk)
