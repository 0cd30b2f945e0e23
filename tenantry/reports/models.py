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


# --- The annual report to tenants ---------------------------------------------------------------

# The languages a report can be published in: the site's own (settings.LANGUAGES).
REPORT_LANGUAGES = (("en-gb", "English"), ("cy", "Cymraeg"))
ENGLISH = "en-gb"


def _english_only() -> list[str]:
    return [ENGLISH]


class AnnualReport(models.Model):
    """An organisation's annual report to tenants for one financial year: a draft the committee
    edits, then published and frozen. `figures` is the snapshot taken when it was last
    assembled, in every language the site offers, so a published report never changes when
    the records behind it do (docs/annual-report.md)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year_start = models.DateField(_("financial year starting"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    languages = models.JSONField(_("languages"), default=_english_only)
    figures = models.JSONField(default=dict, blank=True)
    assembled_at = models.DateTimeField(_("figures taken on"), null=True, blank=True)
    assembled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("annual report")
        ordering = ["-year_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year_start"], name="one_annual_report_per_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_annual_report_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.year_start.year}/{(self.year_start.year + 1) % 100:02d}"

    @property
    def year_slug(self) -> str:
        return f"{self.year_start.year}-{(self.year_start.year + 1) % 100:02d}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AnnualReportText(models.Model):
    """What the committee wrote for one section of a report in one language. A Together with
    Tenants commitment has its actions and outcomes too. `version` rises by one at each save:
    an edit made from an older version is refused rather than overwriting the newer text."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="texts")
    section = models.CharField(_("section"), max_length=20)
    language = models.CharField(_("language"), max_length=8, default=ENGLISH)
    body = models.TextField(_("text"), blank=True)
    actions = models.TextField(_("what we did"), blank=True)
    outcomes = models.TextField(_("what changed"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("annual report text")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section", "language"], name="one_text_per_section_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.section} {self.language}"

    @property
    def is_empty(self) -> bool:
        return not (self.body.strip() or self.actions.strip() or self.outcomes.strip())


# Newsletters, the complaints self-assessment and themes live in their own modules; imported here so
# Django finds their models.
from .complaints_models import ComplaintsYear, ProvisionAnswer  # noqa: E402
from .newsletters import Delivery, Newsletter, NewsletterItem, NewsletterPreference  # noqa: E402
from .themes_models import Theme, ThemeComment, ThemeRun  # noqa: E402

__all__ = [
    "AnnualReport",
    "AnnualReportText",
    "ComplaintsYear",
    "Delivery",
    "Newsletter",
    "NewsletterItem",
    "NewsletterPreference",
    "ProvisionAnswer",
    "PublicPage",
    "Theme",
    "ThemeComment",
    "ThemeRun",
]
