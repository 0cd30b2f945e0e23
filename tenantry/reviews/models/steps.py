"""A review's nine steps (the Guide, chapter 4) and what each records: decisions, evidence,
stakeholders, benchmarking visits, options and standards."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.democracy.models import Meeting
from tenantry.indicators.models import Indicator
from tenantry.surveys.models import Survey

from .review import Review

STEP_NUMBERS = range(1, 10)


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class ReviewStep(models.Model):
    """One of the nine steps of one review: its state and its structured answers (`content`,
    keyed by the fields `tenantry.reviews.steps` defines for the step)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    content = models.JSONField(default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_of_each_review_step")
        ]

    def __str__(self) -> str:
        return f"{self.review} – {self.number}"


class Decision(models.Model):
    """What was decided at a step, by whom and when, with the committee meeting it was taken at."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    what = models.TextField(_("what was decided"))
    decided_by = models.CharField(_("who decided"), max_length=200)
    decided_on = models.DateField(_("when"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_decisions",
        verbose_name=_("meeting where it was decided"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return self.what[:80]


class EvidenceKind(models.TextChoices):
    FILE = "file", _("A file")
    SURVEY = "survey", _("A survey's results")
    FIGURE = "figure", _("An indicator's figures, as they were on a date")


class Evidence(models.Model):
    """Something a step relied on: a file, a survey's results, or an indicator's figures frozen
    at the date they were used (`figures` keeps them, so later corrections do not change what
    the review saw)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evidence")
    step = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    kind = models.CharField(_("kind of evidence"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="reviews/%Y/%m/", blank=True, max_length=200)
    survey = models.ForeignKey(
        Survey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )
    frozen_on = models.DateField(_("figures as on"), null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review evidence")
        verbose_name_plural = _("review evidence")
        ordering = ["step", "pk"]

    def __str__(self) -> str:
        return self.title


class StakeholderKind(models.TextChoices):
    """The Guide's list of stakeholders (chapter 1, "Involving stakeholders")."""

    TENANTS = "tenants", _("Tenants, leaseholders or freeholders who use the service")
    MEMBERS = "members", _("Members and non-members of the organisation")
    SUB_LESSEES = "sub_lessees", _("Sub-lessees of leaseholders")
    NEIGHBOURS = "neighbours", _("Other neighbouring residents")
    STAFF = "staff", _("People who do the work: staff and contractors")
    LANDLORD_STAFF = "landlord_staff", _("Landlord staff who monitor the service")
    NEIGHBOURING_LANDLORDS = "neighbouring_landlords", _("Landlords of neighbouring properties")
    COMMUNITY = "community", _("Local community groups")
    AGENCIES = "agencies", _("Agencies: police, youth service, social services, schools")
    ETHNIC_MINORITY = "ethnic_minority", _("Local ethnic minority organisations")
    DISABILITY = "disability", _("People with disabilities or organisations representing them")
    OTHER = "other", _("Others")


class Stakeholder(models.Model):
    """Someone with an interest in the service, how and when they were consulted, what they
    said."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="stakeholders")
    kind = models.CharField(
        _("kind of stakeholder"), max_length=30, choices=StakeholderKind.choices
    )
    name = models.CharField(_("who"), max_length=200)
    how = models.CharField(_("how they were consulted"), max_length=200, blank=True)
    consulted_on = models.DateField(_("when"), null=True, blank=True)
    said = models.TextField(_("what they said"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def consulted(self) -> bool:
        return self.consulted_on is not None


class BenchmarkVisit(models.Model):
    """A visit to (or exchange with) another provider at step 5: what was compared and why the
    figures differ."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="visits")
    visited = models.CharField(_("who was visited"), max_length=200)
    visited_on = models.DateField(_("when"))
    compared = models.TextField(_("what you wanted to compare and why"))
    why_different = models.TextField(_("why are they different?"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benchmarking visit")
        verbose_name_plural = _("benchmarking visits")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return self.visited


class OptionKind(models.TextChoices):
    IN_HOUSE = "in_house", _("Provide it with the organisation's own staff")
    CONTRACTOR = "contractor", _("Contract an outside contractor")
    JOINT = "joint", _("A joint contract with other organisations")
    HAND_BACK = "hand_back", _("Hand it back to the landlord")
    TAKE_ON = "take_on", _("Take on more from the landlord")
    OTHER = "other", _("Another way")


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


class Option(models.Model):
    """One way of providing the service, appraised at step 6: scored 0–10 on cost (10 the
    cheapest) and on quality."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(_("kind of option"), max_length=12, choices=OptionKind.choices)
    description = models.TextField(_("what it means"))
    cost_score = models.PositiveSmallIntegerField(
        _("cost score (0 to 10)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    quality_score = models.PositiveSmallIntegerField(
        _("quality score (0 to 10)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Standard(models.Model):
    """At step 8: an indicator's current standard against the one proposed, and the target for
    each of the next five years."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="standards")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    current = models.DecimalField(
        _("current standard"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    proposed = models.DecimalField(_("proposed standard"), max_digits=12, decimal_places=2)
    trajectory = models.JSONField(_("targets for the next five years"), default=list)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standard and target")
        verbose_name_plural = _("standards and targets")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.indicator)
