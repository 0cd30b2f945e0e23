"""Making, finding and revoking personal API tokens (docs/api.md#tokens).

A token's secret is 32 random bytes, written `tnt_` + URL-safe base64; only its SHA-256 is
stored, so a copy of the database gives nobody a working token. The secret is shown once, when
the token is made. A token expires (at most API_TOKEN_MAX_DAYS after it is made) and can be
revoked at any time; either way it stops working at once.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User

from .models import ApiToken

logger = logging.getLogger(__name__)

PREFIX = "tnt_"
# How often a token's "last used" is written: not on every request, which would make every
# read a write.
LAST_USED_EVERY = timedelta(minutes=5)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class MadeToken:
    token: ApiToken
    secret: str  # shown once; never stored


def max_days() -> int:
    return int(getattr(settings, "API_TOKEN_MAX_DAYS", 365))


@transaction.atomic
def create_token(
    *, user: User, name: str, days: int, by: User | None, secret: str | None = None
) -> MadeToken:
    """Make a token for `user`, valid for `days` days; only the person (or Tenantry itself) may.
    `secret` is for Tenantry itself only (the demo's published token); a person's is random."""
    if by is not None and by.pk != user.pk:
        raise PermissionDenied
    name = " ".join(name.split())
    problems = {}
    if not name:
        problems["name"] = _("Enter a name for the token")
    elif len(name) > 80:
        problems["name"] = _("The name must be 80 characters or fewer")
    if not 1 <= days <= max_days():
        problems["days"] = _("Choose how many days the token lasts, from 1 to %(max)s") % {
            "max": max_days()
        }
    if problems:
        raise ValidationError(problems)
    if secret is not None and (by is not None or not secret.startswith(PREFIX)):
        raise PermissionDenied
    secret = secret or PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(PREFIX) + 4],
        digest=digest_of(secret),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
    )
    logger.info("API token %s made for user %s by %s", token.pk, user.pk, by and by.pk)
    return MadeToken(token, secret)


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User | None) -> ApiToken:
    """Stop a token working, for good. Revoking it twice changes nothing."""
    if by is not None and by.pk != token.user_id and not by.is_superuser:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
        logger.info("API token %s revoked by %s", token.pk, by and by.pk)
    return token


def tokens_of(*, user: User):
    """A person's tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def user_for(secret: str) -> ApiToken | None:
    """The usable token with this secret, with its user (one query), or None."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
