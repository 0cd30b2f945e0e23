"""What the panel does to gather its own evidence: a desktop review of the landlord's figures
and papers, interviews, and estate walkabouts. One record each, with the panel's notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.homes.models import Estate

from .review import ScrutinyReview


class FieldworkKind(models.TextChoices):
    DESKTOP = "desktop", _("Desktop review of the evidence")
    INTERVIEW = "interview", _("Interview")
    WALKABOUT = "walkabout", _("Estate walkabout")


class Fieldwork(models.Model):
    review = models.ForeignKey(ScrutinyReview, on_delete=models.CASCADE, related_name="fieldwork")
    kind = models.CharField(_("what was done"), max_length=10, choices=FieldworkKind.choices)
    held_on = models.DateField(_("when"))
    title = models.CharField(
        _("what or whom"),
        max_length=200,
        help_text=_("The papers read, the person or team interviewed, or the route walked."),
    )
    estate = models.ForeignKey(
        Estate,
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("what the panel found"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fieldwork")
        verbose_name_plural = _("fieldwork")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return self.title
