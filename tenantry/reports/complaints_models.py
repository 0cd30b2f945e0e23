"""An organisation's annual complaints self-assessment and report (docs/complaint-handling.md).

One `ComplaintsYear` per organisation and financial year holds what people enter in the annual
complaints performance and service improvement report and how far it has gone (draft, approved
by the governing body, published); one `ProvisionAnswer` per provision of the Code holds the
self-assessment's entered answer. The Complaint Handling Code has the two approved and published
together, so one approval covers both.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import Organisation


class ComplaintsYear(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the governing body")
        PUBLISHED = "published", _("Published")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="complaints_years"
    )
    year = models.PositiveSmallIntegerField(_("financial year"))  # 2025 is 2025/26
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    learning = models.TextField(_("what complaints taught us"), blank=True)
    improvements = models.TextField(_("improvements made"), blank=True)
    governing_body_response = models.TextField(_("the governing body's response"), blank=True)
    ombudsman_determinations = models.PositiveIntegerField(
        _("Ombudsman determinations"), null=True, blank=True
    )
    ombudsman_maladministration = models.PositiveIntegerField(
        _("findings of maladministration or non-compliance"), null=True, blank=True
    )
    ombudsman_notes = models.TextField(_("what the Ombudsman decided"), blank=True)
    approved_on = models.DateField(_("date approved"), null=True, blank=True)
    minute_reference = models.CharField(_("minute reference"), max_length=100, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The figures from the records as they stood when the governing body approved them, so the
    # published report does not change when a record is corrected later.
    figures = models.JSONField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("complaints self-assessment and report")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_complaints_year_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(approved_on__isnull=False),
                name="complaints_year_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}/{(self.year + 1) % 100:02d}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ProvisionAnswer(models.Model):
    class Complies(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    complaints_year = models.ForeignKey(
        ComplaintsYear, on_delete=models.CASCADE, related_name="answers"
    )
    code = models.CharField(_("provision"), max_length=8)  # complaints_code.PROVISIONS
    complies = models.CharField(
        _("do you comply?"), max_length=3, choices=Complies.choices, blank=True
    )
    evidence = models.TextField(_("evidence"), blank=True)
    explanation = models.TextField(_("commentary or explanation"), blank=True)
    action = models.TextField(_("what you will do to comply, and by when"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer to a provision")
        constraints = [
            models.UniqueConstraint(
                fields=["complaints_year", "code"], name="one_answer_per_provision"
            )
        ]

    def __str__(self) -> str:
        return self.code
