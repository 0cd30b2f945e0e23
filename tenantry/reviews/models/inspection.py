"""The inspection of a review (the NFTMO Guide, chapter 7): the committee's self-assessment
against the inspectors' two judgements, and the findings an inspector or tenant inspection
adviser records after reading the review, its plan and the inspection pack.

"At the end of each housing inspection, the inspectors write a report on their findings. Here
they show how they have arrived at two specific judgements which are: how good are the services
they have inspected? will they improve?"
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .review import Review


class Stars(models.IntegerChoices):
    """How good is the service? "Rated from 3 stars (excellent) to 0 stars (poor)"."""

    THREE = 3, _("3 stars (excellent)")
    TWO = 2, _("2 stars")
    ONE = 1, _("1 star")
    NONE = 0, _("0 stars (poor)")


class Prospects(models.TextChoices):
    """Will it improve? "Its prospects for improvement are also rated – excellent, promising,
    uncertain or poor"."""

    EXCELLENT = "excellent", _("Excellent")
    PROMISING = "promising", _("Promising")
    UNCERTAIN = "uncertain", _("Uncertain")
    POOR = "poor", _("Poor")


class SelfAssessment(models.Model):
    """The committee's own answer to the inspectors' two questions, with its evidence. One per
    review, revised as the plan goes on; its history keeps every earlier answer."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="self_assessment")
    stars = models.PositiveSmallIntegerField(
        _("How good is the service?"), choices=Stars.choices, validators=[MaxValueValidator(3)]
    )
    stars_evidence = models.TextField(_("The evidence for how good the service is"))
    prospects = models.CharField(_("Will it improve?"), max_length=10, choices=Prospects.choices)
    prospects_evidence = models.TextField(_("The evidence for whether it will improve"))
    assessed_on = models.DateField(_("assessed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{self.review}: {self.get_stars_display()}, {self.get_prospects_display()}"


class InspectorFinding(models.Model):
    """An inspector's or adviser's findings: their own judgement on each of the two questions,
    what led to it, and what they recommend. The organisation reads them; nobody changes them
    but the one who recorded them (history kept)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    stars = models.PositiveSmallIntegerField(
        _("How good is the service?"), choices=Stars.choices, validators=[MaxValueValidator(3)]
    )
    stars_reasons = models.TextField(_("What led to this judgement"))
    prospects = models.CharField(_("Will it improve?"), max_length=10, choices=Prospects.choices)
    prospects_reasons = models.TextField(_("What led to this judgement on improvement"))
    recommendations = models.TextField(_("Recommendations"), blank=True)
    found_on = models.DateField(_("date of the findings"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspector's findings")
        verbose_name_plural = _("inspectors' findings")
        ordering = ["-found_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_stars_display()}, {self.get_prospects_display()}"
