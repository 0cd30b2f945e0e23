"""The review programme: which services an organisation reviews over five years, who reviews
each, the timetable, and the landlord's comments and agreement (the Guide, chapter 2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import DelegatedService, Organisation

PROGRAMME_YEARS = 5


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: not yet agreed with the landlord")
    COMMENTED = "commented", _("The landlord has commented")
    AGREED = "agreed", _("Agreed with the landlord")


class ReviewProgramme(models.Model):
    """An organisation's programme of reviews for five years from `first_year` (the year a
    financial year starts in: 2026 is 2026–27)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="review_programme"
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    status = models.CharField(
        _("status"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    landlord_comment = models.TextField(_("the landlord's comments"), blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review programme")
        verbose_name_plural = _("review programmes")

    def __str__(self) -> str:
        return str(_("Review programme %(first)s to %(last)s")) % {
            "first": self.first_year,
            "last": self.last_year,
        }

    @property
    def last_year(self) -> int:
        return self.first_year + PROGRAMME_YEARS - 1

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + PROGRAMME_YEARS))


class ReviewedBy(models.TextChoices):
    OWN = "own", _("The organisation reviews it itself")
    LANDLORD = "landlord", _("The landlord includes it in its own review")
    BOTH = "both", _("Both: its own review and the landlord's")


class ProgrammeEntry(models.Model):
    """One service in the programme: the year, who reviews it, its timetable (stages with
    deadlines) and, where the landlord reviews it, what the organisation gives that review."""

    programme = models.ForeignKey(ReviewProgramme, on_delete=models.CASCADE, related_name="entries")
    service = models.CharField(_("service"), max_length=30, choices=DelegatedService.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    reviewed_by = models.CharField(
        _("who reviews it"), max_length=10, choices=ReviewedBy.choices, default=ReviewedBy.OWN
    )
    starts_on = models.DateField(_("review starts"))
    consultation_by = models.DateField(_("consultation and comparison done by"))
    plan_by = models.DateField(_("improvement plan agreed by"))
    # The landlord's own review with its organisations as stakeholders (the Guide, chapter 3).
    service_description = models.TextField(
        _("how the organisation provides the service"), blank=True
    )
    annual_cost = models.DecimalField(
        _("what the service costs a year (£)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    figures_check = models.TextField(
        _("the organisation's check of the landlord's figures"), blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme entry")
        verbose_name_plural = _("programme entries")
        ordering = ["year", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "service", "year"], name="one_entry_per_service_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.year}"

    @property
    def landlord_reviews(self) -> bool:
        return self.reviewed_by in (ReviewedBy.LANDLORD, ReviewedBy.BOTH)
