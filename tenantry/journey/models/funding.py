"""Grant programmes and their conditions, as data the organisation that keeps them edits.

A network, federation or landlord that helps tenants towards control keeps the programmes it
knows of; each programme's conditions are questions a group answers (yes or no, or a number
with a minimum), so a new grant or a changed condition is a change of data, not of code.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation


class FundingProgramme(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="funding_programmes",
        verbose_name=_("kept by"),
    )
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("who gives the grant"), max_length=200)
    summary = models.TextField(_("what the grant is for"), blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    published = models.BooleanField(_("shown to the public"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="journey_programme_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="journey_programme_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ConditionKind(models.TextChoices):
    YES_NO = "yes_no", _("A question answered yes or no")
    AT_LEAST = "at_least", _("A number that must be at least the minimum")


class GrantCondition(models.Model):
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="conditions"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    question = models.CharField(_("question asked of the group"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=ConditionKind.choices)
    minimum = models.PositiveIntegerField(_("minimum"), null=True, blank=True)
    advice = models.CharField(_("what to do if it is not met"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant condition")
        verbose_name_plural = _("grant conditions")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="journey_condition_position_unique"
            ),
            # A number has a minimum to meet; a yes-or-no question has none.
            models.CheckConstraint(
                condition=Q(kind="at_least", minimum__isnull=False)
                | Q(kind="yes_no", minimum__isnull=True),
                name="journey_condition_minimum_by_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.question
