"""The committee (board): who holds each seat the constitution provides, from when to when.

A seat is not a row: the constitution's `SeatRule`s say how many seats of each kind there are,
and a `CommitteeTerm` is one person holding a seat of a kind for a span of days. Seats of a
kind with fewer current terms than the rule provides are vacancies.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.core.dated import InForceQuerySet
from tenantry.organisations.models import Organisation

from .constitution import Membership, SeatKind


class HowChosen(models.TextChoices):
    ELECTED = "elected", _("Elected at a general meeting")
    CO_OPTED = "co_opted", _("Co-opted by the committee")
    APPOINTED = "appointed", _("Appointed")


class TermQuerySet(InForceQuerySet):
    def current(self, day):
        """Terms held on `day`: from the first day in office to the last, both included
        (`core/dated.py`); the seat is vacant from the day after `ends_on`."""
        return self.in_force(day)


class CommitteeTerm(models.Model):
    """One person holding one committee seat of a kind, from `starts_on` to `ends_on` (their
    last day in office, for example the day of the AGM they retire at)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="committee_terms"
    )
    kind = models.CharField(_("kind of seat"), max_length=20, choices=SeatKind.choices)
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_terms",
        help_text=_("Tenant, leaseholder and co-opted seats are held by members."),
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("For an independent or a landlord nominee who is not a member."),
    )
    how = models.CharField(_("how they were chosen"), max_length=10, choices=HowChosen.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        ordering = ["kind", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="committee_term_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(membership__isnull=True, name=""),
                name="committee_term_has_a_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_kind_display()})"

    @property
    def holder(self) -> str:
        return self.membership.resident.name if self.membership_id else self.name

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end of the term must be on or after its start")}
            )
        if self.membership_id is None and not self.name:
            raise ValidationError({"name": _("Enter the name of the person who holds the seat")})
