"""A resident's, a residents' association's or a group of residents' request that the panel
review a topic, and the panel's decision with its reasons."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation

from .review import ScrutinyReview


class AskedAs(models.TextChoices):
    RESIDENT = "resident", _("A resident")
    ASSOCIATION = "association", _("A residents' association")
    RESIDENTS = "residents", _("A number of residents together")


class TopicStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the panel's decision")
    ACCEPTED = "accepted", _("The panel will review it")
    DECLINED = "declined", _("The panel will not review it")


class TopicRequest(models.Model):
    panel = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="topic_requests")
    topic = models.CharField(_("the topic"), max_length=200)
    why = models.TextField(_("why it should be reviewed"))
    asked_as = models.CharField(_("who asks"), max_length=12, choices=AskedAs.choices)
    # Where the request was made: the resident's own organisation, or the association.
    asked_from = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="topic_requests_made"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How many residents ask together (1 for a resident or an association).
    residents = models.PositiveSmallIntegerField(_("how many residents ask"), default=1)
    asked_on = models.DateField(_("asked on"))
    status = models.CharField(
        _("status"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.WAITING
    )
    reason = models.TextField(_("the panel's reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review = models.ForeignKey(
        ScrutinyReview,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topic_requests",
    )

    # Who decided is history; who asked is not kept in it (the landlord reads the panel's
    # history, and a resident's request to the panel is not the landlord's business).
    history = HistoricalRecords(excluded_fields=["asked_by"])

    class Meta:
        verbose_name = _("topic request")
        verbose_name_plural = _("topic requests")
        ordering = ["-asked_on", "-pk"]
        indexes = [models.Index(fields=["panel", "-asked_on", "-id"], name="topic_request_list")]
        constraints = [
            models.CheckConstraint(condition=Q(residents__gte=1), name="topic_request_residents"),
            models.CheckConstraint(
                condition=Q(status="waiting") | ~Q(reason=""), name="topic_decision_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.topic
