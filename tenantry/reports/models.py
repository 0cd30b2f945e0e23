"""What an organisation chooses to publish to everyone, signed in or not."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import Organisation


class PublicPage(models.Model):
    """An organisation's public page: none until it opts in; `published` says whether anyone
    without an account may read its page, its published figures and its open data."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="public_page"
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("public page")

    def __str__(self) -> str:
        return str(self.organisation)


from .themes_models import Theme, ThemeComment, ThemeRun  # noqa: E402, F401
