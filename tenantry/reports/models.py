"""What an organisation chooses to publish to everyone, signed in or not."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import Organisation

# Each text is a few short paragraphs: long enough to say it, short enough to be read.
TEXT_CHARACTERS = 1500


class PublicPage(models.Model):
    """An organisation's public page: none until it opts in; `published` says whether anyone
    without an account may read its page, its published figures and its open data. The
    committee writes the texts; everything else on the page comes from the organisation's
    records (docs/public-pages.md)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="public_page"
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    introduction = models.TextField(_("Who we are and what we do"), blank=True)
    how_to_join = models.TextField(_("How to join"), blank=True)
    how_to_complain = models.TextField(_("How to complain"), blank=True)
    contact_email = models.EmailField(_("Contact email"), blank=True)
    contact_phone = models.CharField(_("Contact phone number"), max_length=30, blank=True)
    contact_address = models.TextField(_("Office address"), blank=True)
    show_contact = models.BooleanField(_("Show the contact details"), default=False)

    class Meta:
        verbose_name = _("public page")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_ready(self) -> bool:
        """The three texts a published page needs are written."""
        return bool(self.introduction and self.how_to_join and self.how_to_complain)


# Newsletters and the complaints self-assessment live in their own modules; imported here so
# Django finds their models.
from .complaints_models import ComplaintsYear, ProvisionAnswer  # noqa: E402
from .newsletters import Delivery, Newsletter, NewsletterItem, NewsletterPreference  # noqa: E402

__all__ = [
    "ComplaintsYear",
    "Delivery",
    "Newsletter",
    "NewsletterItem",
    "NewsletterPreference",
    "ProvisionAnswer",
    "PublicPage",
]
