"""A panel's terms of reference: the rules it and its landlord agreed for its work."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation


class TermsOfReference(models.Model):
    panel = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="scrutiny_terms"
    )
    # How long the landlord has to answer a report's recommendations, and whether it may send
    # an interim reply first (two months is the usual term).
    response_months = models.PositiveSmallIntegerField(
        _("months the landlord has to answer a report"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    interim_reply_allowed = models.BooleanField(_("an interim reply is allowed"), default=True)
    # How many residents together may ask the panel to review a topic.
    residents_to_request_topic = models.PositiveSmallIntegerField(
        _("residents needed to ask for a topic together"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    # The landlord's senior officer to whom late answers are escalated.
    senior_officer_name = models.CharField(
        _("landlord's senior officer"), max_length=120, blank=True
    )
    senior_officer_email = models.EmailField(_("senior officer's email"), blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    # How long the landlord has to answer a panel's request for evidence: no statute sets it,
    # so the panel and the landlord agree it (docs/scrutiny.md, "Evidence").
    evidence_working_days = models.PositiveSmallIntegerField(
        _("working days the landlord has to send evidence"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")

    def __str__(self) -> str:
        return str(_("Terms of reference: %(panel)s") % {"panel": self.panel})
