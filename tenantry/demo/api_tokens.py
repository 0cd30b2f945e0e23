"""The open API in the demo: Kingsmead TMO and the Northbrook scrutiny panel publish, so the
public API has figures, a plan and recommendations to show; and staff@example.org has an API
token whose secret is printed at the end of `tenantry demo` (like the demo password, it is
known to everyone: a real token's secret is random and shown once)."""

from collections.abc import Callable

from django.utils import timezone

from tenantry.api import tokens
from tenantry.api.models import ApiToken
from tenantry.core.models import User
from tenantry.organisations.models import Organisation
from tenantry.reports.models import PublicPage

DEMO_TOKEN = "tnt_demo-staff-at-kingsmead-tmo-not-a-secret"
DEMO_TOKEN_USER = "staff@example.org"
PUBLISHING = ("kingsmead-tmo", "northbrook-scrutiny-panel")


def add_demo_api_tokens(*, progress: Callable[[str], None] = lambda m: None) -> None:
    for organisation in Organisation.objects.filter(slug__in=PUBLISHING):
        PublicPage.objects.update_or_create(
            organisation=organisation,
            defaults={"published": True, "published_at": timezone.now()},
        )
    user = User.objects.filter(email=DEMO_TOKEN_USER).first()
    if user is None or ApiToken.objects.filter(digest=tokens.digest_of(DEMO_TOKEN)).exists():
        return
    tokens.create_token(user=user, name="Demo token", days=365, by=None, secret=DEMO_TOKEN)
    progress("An API token for staff@example.org")
