"""Community Cashback: a service the organisation has taken over from the landlord, and the
savings against the landlord's cost that stay with the community as a budget of their own."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import DelegatedService

from .ledger import Budget, LedgerEntry


class CashbackService(models.Model):
    """A service taken over: what it cost the landlord a year, and what it costs now."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="cashback_services")
    service = models.CharField(_("service"), max_length=20, choices=DelegatedService.choices)
    taken_over_on = models.DateField(_("taken over on"))
    landlord_cost = models.DecimalField(
        _("what the service cost the landlord a year, £"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    community_cost = models.DecimalField(
        _("what it costs the community a year, £"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("service taken over")
        verbose_name_plural = _("services taken over")
        ordering = ["taken_over_on", "service"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "service"], name="one_cashback_per_service"),
            models.CheckConstraint(
                condition=Q(landlord_cost__gte=0) & Q(community_cost__gte=0),
                name="cashback_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.get_service_display()

    @property
    def saving_per_year(self) -> Decimal:
        return max(self.landlord_cost - self.community_cost, Decimal("0.00"))


class CashbackCredit(models.Model):
    """A year's saving on one service, paid into the Cashback budget: once a year a service."""

    service = models.ForeignKey(CashbackService, on_delete=models.PROTECT, related_name="credits")
    year = models.PositiveSmallIntegerField(_("financial year"))
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="one_cashback_credit_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year}"
