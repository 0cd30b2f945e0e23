"""Peer reviews: a panel asks another panel on Tenantry to look at its work and say what it
thinks, as panels do for one another under their terms of reference."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation


class PeerReview(models.Model):
    """An invitation from one panel (`panel`) to another (`reviewer`), and the reviewer's
    report once written. While it is open the reviewer's members read the inviting panel's
    scrutiny record."""

    panel = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="peer_reviews")
    reviewer = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="peer_reviews_invited",
        verbose_name=_("Panel to invite"),
    )
    request = models.TextField(
        _("What you would like them to look at"),
        help_text=_(
            "For example, how well the panel chose its topics, or how it wrote its report."
        ),
    )
    invited_on = models.DateField(_("invited on"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report = models.TextField(_("Your peer review"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-invited_on", "-pk"]
        verbose_name = _("peer review")
        verbose_name_plural = _("peer reviews")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(panel=models.F("reviewer")),
                name="scrutiny_peer_review_not_self",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Peer review of %(panel)s by %(reviewer)s")
            % {"panel": self.panel, "reviewer": self.reviewer}
        )

    @property
    def is_reported(self) -> bool:
        return self.reported_on is not None
