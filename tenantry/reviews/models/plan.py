"""The improvement plan that follows a Best Value review (the NFTMO Guide, step 9 and chapter 6):
its answers to the Guide's seven questions, its actions with owners, milestones and due dates,
the progress reported on each, and what residents said about the draft.

"The real purpose of Best Value is not the review but the improvement plan which follows it."
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.indicators.models import Indicator
from tenantry.surveys.models import Survey

from .review import Review


class PlanStage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Out for consultation")
    REVISED = "revised", _("Revised after consultation")
    PUBLISHED = "published", _("Published")


# The Guide's seven questions (step 9), in its words: the field that holds each answer, and the
# question as the plan's pages ask it.
SEVEN_QUESTIONS = (
    ("activities", _("What activities were included in the review?")),
    ("conduct", _("How was it conducted – who was consulted, visited, compared with?")),
    ("learnt", _("What has been learnt?")),
    ("vision", _("What is the vision for the service? What is it trying to achieve?")),
    (
        "steps",
        _(
            "What steps will be taken to improve the service? What is the timetable? What "
            "milestones have been agreed?"
        ),
    ),
    (
        "measures",
        _(
            "What targets, standards or other measures will be used to measure success in "
            "achieving these improvements?"
        ),
    ),
    (
        "reporting",
        _(
            "What information about the service will be regularly collected and reported to "
            "tenants and to the landlord, and how often?"
        ),
    ),
)

# The short names the public page and the checklist give each question.
QUESTION_HEADINGS = {
    "activities": _("What the review looked at"),
    "conduct": _("How the review was done"),
    "learnt": _("What we learnt"),
    "vision": _("Our vision for the service"),
    "steps": _("What we will do, and when"),
    "measures": _("How we will measure success"),
    "reporting": _("What we will report, and how often"),
}


class ImprovementPlan(models.Model):
    """One review's improvement plan: drafted, consulted on, revised, then published."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="plan")
    activities = models.TextField(_("What activities were included in the review?"), blank=True)
    conduct = models.TextField(
        _("How was it conducted – who was consulted, visited, compared with?"), blank=True
    )
    learnt = models.TextField(_("What has been learnt?"), blank=True)
    vision = models.TextField(
        _("What is the vision for the service? What is it trying to achieve?"), blank=True
    )
    steps = models.TextField(
        _(
            "What steps will be taken to improve the service? What is the timetable? What "
            "milestones have been agreed?"
        ),
        blank=True,
    )
    measures = models.TextField(
        _(
            "What targets, standards or other measures will be used to measure success in "
            "achieving these improvements?"
        ),
        blank=True,
    )
    reporting = models.TextField(
        _(
            "What information about the service will be regularly collected and reported to "
            "tenants and to the landlord, and how often?"
        ),
        blank=True,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=PlanStage.choices, default=PlanStage.DRAFT
    )
    # Consultation on the draft: a survey of the organisation's, residents' comments, or both.
    consultation_survey = models.ForeignKey(
        Survey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey about the draft"),
    )
    consultation_opened_on = models.DateField(_("consultation opened"), null=True, blank=True)
    consultation_closes_on = models.DateField(_("comments close on"), null=True, blank=True)
    changes_after_consultation = models.TextField(_("What changed after consultation"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stakeholders_told = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("improvement plan")
        verbose_name_plural = _("improvement plans")

    def __str__(self) -> str:
        return str(_("Improvement plan: %(review)s") % {"review": self.review.title})

    @property
    def organisation(self):
        return self.review.organisation

    def unanswered(self) -> list[str]:
        """The seven questions with no answer yet, as their fields' names, in the Guide's order."""
        return [name for name, _question in SEVEN_QUESTIONS if not getattr(self, name).strip()]

    @property
    def is_published(self) -> bool:
        return self.stage == PlanStage.PUBLISHED


class Progress(models.TextChoices):
    """What an action's owner reports. Late is never reported: it is worked out from the due
    date (`reviews.progress.standing`)."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DONE = "done", _("Done")


class PlanAction(models.Model):
    """One step the plan commits to: what, who, by when, the finding it answers, and the
    indicator and target that will show whether it worked.

    An action with no plan is one a landlord took on by accepting a scrutiny panel's
    recommendation (`scrutiny.Recommendation.action`): tracked, late and done by the same rules
    as a plan's (`reviews.progress`), its progress reported by `plan_services.apply_progress`."""

    plan = models.ForeignKey(
        ImprovementPlan,
        on_delete=models.CASCADE,
        related_name="actions",
        null=True,
        blank=True,
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("What will be done"), max_length=200)
    finding = models.TextField(
        _("The finding it answers"),
        help_text=_("What the review found that this action puts right."),
    )
    owner = models.CharField(
        _("Who is responsible"),
        max_length=120,
        help_text=_("A person or a role, like “Repairs manager”."),
    )
    starts_on = models.DateField(_("Start date"), null=True, blank=True)
    due_on = models.DateField(_("Due date"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Indicator"),
    )
    target_value = models.DecimalField(
        _("Target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # The newest progress reported, kept here so lists and the overview read one row.
    progress = models.CharField(
        _("progress"), max_length=10, choices=Progress.choices, default=Progress.ON_TRACK
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("improvement plan action")
        verbose_name_plural = _("improvement plan actions")

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A point on the way to an action's completion, with its own date."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Milestone"), max_length=200)
    due_on = models.DateField(_("Due date"))
    done_on = models.DateField(_("Reached on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """Progress reported on an action, with the evidence for it. Kept for good: the plan's
    history of delivery."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    progress = models.CharField(_("Progress"), max_length=10, choices=Progress.choices)
    note = models.TextField(_("What has happened"))
    evidence = models.TextField(
        _("Evidence"),
        blank=True,
        help_text=_("What shows it: a figure, a report, minutes, a link."),
    )
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.action}: {self.get_progress_display()} ({self.reported_on})"


class PlanComment(models.Model):
    """A resident's or member's comment on the draft plan while it is out for consultation."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("Your comments"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a draft plan")
        verbose_name_plural = _("comments on draft plans")

    def __str__(self) -> str:
        return self.text[:60]
