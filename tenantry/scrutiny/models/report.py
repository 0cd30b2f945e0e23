"""A scrutiny review's report: its recommendations, the landlord's answer to each, and the
panel's sign-off of each action the landlord took on.

The landlord answers within its panel's terms of reference (`TermsOfReference.response_months`,
two months by default) from the day the report is published; an accepted (or partly accepted)
recommendation becomes a tracked action (`reviews.PlanAction`, with no plan), so "late" and
"done" are the one rule of `reviews.progress`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.reviews.models import PlanAction

from .review import ScrutinyReview


class ScrutinyReport(models.Model):
    """The panel's report on one review: written, then published to the landlord, which must
    answer every recommendation by `answers_due_on`."""

    review = models.OneToOneField(ScrutinyReview, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(
        _("What the panel found"),
        help_text=_("In plain words: what you looked at, what you found and why it matters."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last day the landlord may answer: published_on + the terms' response_months, kept so
    # a later change of the terms does not move a deadline already given.
    answers_due_on = models.DateField(_("answers due by"), null=True, blank=True)
    interim_reply = models.TextField(_("Interim reply"), blank=True)
    interim_reply_on = models.DateField(_("interim reply sent on"), null=True, blank=True)
    # The day the last recommendation was answered.
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # When the late answers were escalated to the landlord's senior officer: once only.
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_to = models.EmailField(_("escalated to"), blank=True)
    # "You said, we did": what the panel tells tenants came of the review, in plain words.
    tenant_summary = models.TextField(
        _("You said, we did"),
        blank=True,
        help_text=_(
            "A few sentences for tenants: what they told the panel, and what changed because of it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scrutiny report")
        verbose_name_plural = _("scrutiny reports")

    def __str__(self) -> str:
        return str(_("Report: %(review)s") % {"review": self.review.title})

    @property
    def panel(self):
        return self.review.panel

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


# The answers that commit the landlord to an action.
TAKEN_ON = frozenset({Response.ACCEPTED, Response.PARTLY})


class Recommendation(models.Model):
    """One thing the panel asks the landlord to do, and the landlord's answer to it."""

    report = models.ForeignKey(
        ScrutinyReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("What the panel recommends"), max_length=200)
    reason = models.TextField(
        _("Why"), help_text=_("The finding behind it: what the panel saw, heard or measured.")
    )
    response = models.CharField(
        _("Your answer"), max_length=10, choices=Response.choices, blank=True
    )
    reasons = models.TextField(_("Your reasons"), blank=True)
    owner = models.CharField(
        _("Who is responsible"),
        max_length=120,
        blank=True,
        help_text=_("A person or a role, like “Head of repairs”."),
    )
    due_on = models.DateField(_("Due date"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The tracked action an accepted or partly accepted recommendation became.
    action = models.OneToOneField(
        PlanAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendation",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"], name="scrutiny_recommendation_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answered(self) -> bool:
        return bool(self.response)


class Verdict(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    NOT_DELIVERED = "not_delivered", _("Not delivered")


class SignOff(models.Model):
    """The panel's judgement on an action the landlord took on: delivered or not, and what
    shows it. The newest one stands; earlier ones are kept."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="sign_offs"
    )
    verdict = models.CharField(_("Was it delivered?"), max_length=15, choices=Verdict.choices)
    evidence = models.TextField(
        _("Evidence"), help_text=_("What shows it: a figure, a visit, a document, tenants' views.")
    )
    note = models.TextField(_("What tenants should know"), blank=True)
    signed_on = models.DateField(_("signed off on"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_verdict_display()}"
