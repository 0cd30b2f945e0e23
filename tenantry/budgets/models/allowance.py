"""The management allowance against spend: what the organisation planned to spend on each
delegated service in a financial year (its budget lines), and what it spent (its actuals,
entered or imported from its accounts). Variance and cost per home are worked out in
budgets/allowance.py, never stored."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import DelegatedService, Organisation

from .ledger import Budget


class AllowanceLine(models.Model):
    """The part of a year's management allowance planned for one service."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="allowance_lines")
    # The financial year by the calendar year it starts in: 2025 is 2025/26 (core/periods.py).
    year = models.PositiveSmallIntegerField(_("financial year"))
    service = models.CharField(_("service"), max_length=20, choices=DelegatedService.choices)
    amount = models.DecimalField(
        _("budget for the year, £"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "year", "service"], name="one_allowance_line_per_service"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="allowance_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.year}"


class Actual(models.Model):
    """One amount the organisation spent on a service, from its accounts. Identified by the
    accounts' own reference, so importing the same file again changes nothing."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="actuals")
    reference = models.CharField(_("reference"), max_length=60)
    on = models.DateField(_("date"))
    service = models.CharField(_("service"), max_length=20, choices=DelegatedService.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # A credit note in the accounts is a negative amount.
    amount = models.DecimalField(_("amount, £"), max_digits=12, decimal_places=2)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("actual spend")
        verbose_name_plural = _("actual spend")
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["budget", "on"], name="actual_budget_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "reference"], name="one_actual_per_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount}"


class LandlordCost(models.Model):
    """What a service costs the landlord per home in a year for the homes it manages itself,
    where the landlord gives it: the allowance's cost per home is compared with it."""

    landlord = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("financial year"))
    service = models.CharField(_("service"), max_length=20, choices=DelegatedService.choices)
    cost_per_home = models.DecimalField(
        _("landlord's cost per home, £"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("landlord's cost per home")
        verbose_name_plural = _("landlord's costs per home")
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year", "service"], name="one_landlord_cost_per_service"
            ),
            models.CheckConstraint(
                condition=Q(cost_per_home__gte=0), name="landlord_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.landlord} {self.year} {self.service}"
