"""Mystery shopping: a scenario the panel plays out through one channel, the scoring sheet it
designs, and each shopper's visit with its scores. Who shopped is the panel's secret: the
landlord reads the scores, never the shopper."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .review import ScrutinyReview


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    WEB = "web", _("Website")
    IN_PERSON = "in_person", _("In person")


class ShoppingExercise(models.Model):
    review = models.ForeignKey(
        ScrutinyReview, on_delete=models.CASCADE, related_name="shopping_exercises"
    )
    title = models.CharField(_("title"), max_length=200)
    scenario = models.TextField(
        _("the scenario"),
        help_text=_("What the shopper asks for or reports, and what a good answer looks like."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # Shoppers record visits once the sheet is ready; the sheet no longer changes after that,
    # so every visit is scored on the same questions.
    opened_on = models.DateField(_("shopping started on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mystery shopping exercise")
        verbose_name_plural = _("mystery shopping exercises")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ShoppingQuestion(models.Model):
    """One line of the scoring sheet, scored from 0 to `max_points` (1: a yes or no)."""

    exercise = models.ForeignKey(
        ShoppingExercise, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=300)
    max_points = models.PositiveSmallIntegerField(
        _("highest score"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 for a yes or no question; up to 10 for a score."),
    )

    class Meta:
        verbose_name = _("scoring question")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "position"], name="shopping_question_position"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=1, max_points__lte=10),
                name="shopping_question_max_points",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ShoppingVisit(models.Model):
    """One shopper's contact with the service. No history is kept of a visit: a history entry
    names its author, and the landlord reads the panel's history."""

    exercise = models.ForeignKey(ShoppingExercise, on_delete=models.CASCADE, related_name="visits")
    shopper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_on = models.DateField(_("when you made contact"))
    notes = models.TextField(_("what happened"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mystery shopping visit")
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return f"{self.exercise} {self.done_on}"


class ShoppingScore(models.Model):
    visit = models.ForeignKey(ShoppingVisit, on_delete=models.CASCADE, related_name="scores")
    question = models.ForeignKey(ShoppingQuestion, on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="one_score_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.points}"
