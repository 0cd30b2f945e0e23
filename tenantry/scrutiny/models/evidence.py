"""A panel's request to the landlord for evidence: what, by when, and the landlord's answer."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .review import ScrutinyReview


class EvidenceRequest(models.Model):
    review = models.ForeignKey(
        ScrutinyReview, on_delete=models.CASCADE, related_name="evidence_requests"
    )
    what = models.TextField(_("what the panel asks for"))
    asked_on = models.DateField(_("asked on"))
    due_on = models.DateField(_("due on"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("the landlord's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last day the landlord was reminded that the answer is late.
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence request")
        verbose_name_plural = _("evidence requests")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=Q(answered_on__isnull=True), name="evidence_unanswered"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gt=F("asked_on")), name="evidence_due_after_asked"
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | ~Q(answer=""),
                name="evidence_answer_has_text",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:80]

    def is_late(self, today: date) -> bool:
        """Not answered, and the due day has passed (an answer on the due day is on time)."""
        return self.answered_on is None and self.due_on < today

    def was_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on
