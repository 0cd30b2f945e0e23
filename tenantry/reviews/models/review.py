"""A Best Value review of one service (the NFTMO Guide to Best Value for TMOs, chapters 1–4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import DelegatedService, Organisation


class ReviewStatus(models.TextChoices):
    UNDER_WAY = "under_way", _("Under way")
    PLAN_DRAFTED = "plan_drafted", _("Improvement plan drafted")
    PUBLISHED = "published", _("Improvement plan published")


class Review(models.Model):
    """A review of one service by an organisation (a TMO reviewing its own service, or a
    landlord reviewing one of its services with its organisations as stakeholders)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews")
    service = models.CharField(_("service"), max_length=30, choices=DelegatedService.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.UNDER_WAY
    )
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Best Value review")
        verbose_name_plural = _("Best Value reviews")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title
