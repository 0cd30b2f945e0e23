"""What the API's tests share: publishing an organisation, tokens for the cast, asking."""

from datetime import timedelta

from django.utils import timezone

from tenantry.api import tokens
from tenantry.api.models import ApiToken
from tenantry.reports.models import PublicPage


def publish(*organisations) -> None:
    for organisation in organisations:
        PublicPage.objects.update_or_create(organisation=organisation, defaults={"published": True})


def secret_for(user, *, name="Tests", days=30) -> str:
    return tokens.create_token(user=user, name=name, days=days, by=user).secret


def revoked_secret_for(user) -> str:
    made = tokens.create_token(user=user, name="Revoked", days=30, by=user)
    tokens.revoke_token(token=made.token, by=user)
    return made.secret


def expired_secret_for(user) -> str:
    made = tokens.create_token(user=user, name="Expired", days=1, by=user)
    ApiToken.objects.filter(pk=made.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    return made.secret


def bearer(secret: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
