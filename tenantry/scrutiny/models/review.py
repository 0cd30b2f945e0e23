"""A scrutiny review: a panel of tenants looking hard at one of its landlord's services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import DelegatedService, Organisation


class ScrutinyStage(models.TextChoices):
    SCOPING = "scoping", _("Scoping")
    GATHERING = "gathering", _("Gathering evidence")
    REPORTING = "reporting", _("Writing the report")
    AWAITING_ANSWERS = "awaiting_answers", _("Waiting for the landlord's answers")
    MONITORING = "monitoring", _("Following the actions")
    CLOSED = "closed", _("Closed")


class ScrutinyReview(models.Model):
    """One review by a panel of a service its landlord (or an organisation the landlord
    delegates to) provides."""

    panel = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scrutiny_reviews"
    )
    # Whose service is looked at: the panel's landlord, or one of the landlord's organisations.
    scrutinised = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="scrutinised_by",
        verbose_name=_("whose service"),
    )
    service = models.CharField(
        _("service"), max_length=30, choices=DelegatedService.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ScrutinyStage.choices, default=ScrutinyStage.SCOPING
    )
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scrutiny review")
        verbose_name_plural = _("scrutiny reviews")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title
