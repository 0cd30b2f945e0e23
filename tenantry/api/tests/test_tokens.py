"""Personal API tokens: shown once, stored as a digest, expire, revoked for good, and the page
that makes and revokes them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tenantry.api import tokens
from tenantry.api.models import ApiToken

from .helpers import bearer, expired_secret_for, revoked_secret_for, secret_for

pytestmark = pytest.mark.django_db


def test_only_a_digest_of_the_secret_is_kept(cast):
    staff = cast.people["staff"]
    made = tokens.create_token(user=staff, name="  Monthly   return ", days=90, by=staff)

    stored = ApiToken.objects.get()
    assert made.secret.startswith("tnt_") and len(made.secret) > 40
    assert made.secret not in str(stored.__dict__.values())
    assert stored.digest == tokens.digest_of(made.secret)
    assert stored.prefix == made.secret[:8]
    assert stored.name == "Monthly return"
    assert stored.created_by == staff
    assert timedelta(days=89, hours=23) < stored.expires_at - timezone.now() <= timedelta(days=90)


def test_a_token_is_made_only_by_its_own_person(cast):
    with pytest.raises(PermissionDenied):
        tokens.create_token(
            user=cast.people["staff"], name="x", days=30, by=cast.people["committee"]
        )


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [("", 30, "name"), ("x" * 81, 30, "name"), ("ok", 0, "days"), ("ok", 366, "days")],  # fmt: skip
)
def test_a_token_needs_a_name_and_a_life_of_one_day_to_a_year(cast, name, days, field):
    staff = cast.people["staff"]
    with pytest.raises(ValidationError) as refused:
        tokens.create_token(user=staff, name=name, days=days, by=staff)
    assert field in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_a_usable_token_finds_its_person_and_notes_when_it_was_used(cast):
    staff = cast.people["staff"]
    secret = secret_for(staff)
    found = tokens.user_for(secret)
    assert found.user == staff
    assert ApiToken.objects.get().last_used_at is not None
    assert tokens.user_for(secret + "x") is None
    assert tokens.user_for("Bearer " + secret) is None
    assert tokens.user_for(expired_secret_for(staff)) is None
    assert tokens.user_for(revoked_secret_for(staff)) is None


def test_a_token_of_a_person_who_can_no_longer_sign_in_does_not_work(cast):
    staff = cast.people["staff"]
    secret = secret_for(staff)
    staff.is_active = False
    staff.save()
    assert tokens.user_for(secret) is None


def test_revoking_records_who_and_when_and_twice_changes_nothing(cast):
    staff = cast.people["staff"]
    made = tokens.create_token(user=staff, name="x", days=30, by=staff)
    first = tokens.revoke_token(token=made.token, by=staff)
    again = tokens.revoke_token(token=made.token, by=staff)
    assert first.revoked_by == staff and again.revoked_at == first.revoked_at
    with pytest.raises(PermissionDenied):
        tokens.revoke_token(
            token=tokens.create_token(user=staff, name="y", days=1, by=staff).token,
            by=cast.people["committee"],
        )


def test_a_revoked_token_is_refused_at_once(cast, client):
    staff = cast.people["staff"]
    made = tokens.create_token(user=staff, name="x", days=30, by=staff)
    url = reverse("api:me")
    assert client.get(url, **bearer(made.secret)).status_code == 200
    tokens.revoke_token(token=made.token, by=staff)
    response = client.get(url, **bearer(made.secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


# --- the page -------------------------------------------------------------------------------


def test_the_page_makes_a_token_and_shows_its_secret_once(cast, client_as):
    client = client_as(cast.people["staff"])
    response = client.post(reverse("api-tokens"), {"name": "Housing system", "days": "90"})
    page = response.content.decode()
    token = ApiToken.objects.get()
    assert response.status_code == 200
    assert "Copy your new token now" in page
    assert response["Cache-Control"] == "no-store"
    secret = page.split('id="token-secret">')[1].split("<")[0]
    assert tokens.digest_of(secret) == token.digest
    again = client.get(reverse("api-tokens")).content.decode()
    assert "Housing system" in again and secret not in again and token.prefix in again


def test_the_page_keeps_what_was_typed_and_names_the_field(cast, client_as):
    client = client_as(cast.people["staff"])
    response = client.post(reverse("api-tokens"), {"name": "", "days": "90"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a name for the token" in page and "govuk-error-summary" in page
    response = client.post(reverse("api-tokens"), {"name": "Kept", "days": "7"})
    assert response.status_code == 400 and 'value="Kept"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_person_revokes_their_own_token_and_another_s_does_not_exist(cast, client_as):
    staff, committee = cast.people["staff"], cast.people["committee"]
    mine = tokens.create_token(user=staff, name="Mine", days=30, by=staff).token
    theirs = tokens.create_token(user=committee, name="Theirs", days=30, by=committee).token
    client = client_as(staff)
    assert client.get(reverse("api-token-revoke", args=[mine.pk])).status_code == 405
    response = client.post(reverse("api-token-revoke", args=[theirs.pk]))
    assert response.status_code == 404
    response = client.post(reverse("api-token-revoke", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_by == staff and theirs.revoked_at is None


def test_the_token_page_needs_signing_in(client):
    response = client.get(reverse("api-tokens"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    response = client.post(reverse("api-token-revoke", args=[1]))
    assert response.status_code == 302


def test_the_token_page_in_welsh(cast, client_as):
    client = client_as(cast.people["staff"])
    client.post("/language/", {"language": "cy", "next": "/"})
    page = client.get(reverse("api-tokens")).content.decode()
    assert "Tocynnau API" in page
