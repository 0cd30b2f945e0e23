"""A budget is a ring-fenced account of one organisation's; its ledger holds every movement of
money into or out of it. Entries are never changed: a mistake is put right by an entry that
reverses it, so the ledger an accountant receives is the whole story."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.homes.models import Estate
from tenantry.organisations.models import Organisation


class BudgetKind(models.TextChoices):
    MANAGEMENT_ALLOWANCE = "allowance", _("Management allowance")
    ESTATE = "estate", _("Delegated estate budget")
    PARTICIPATORY = "participatory", _("Participatory budget")
    CASHBACK = "cashback", _("Community Cashback")


class Budget(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="budgets")
    kind = models.CharField(_("kind of budget"), max_length=20, choices=BudgetKind.choices)
    name = models.CharField(_("name"), max_length=200)
    # An estate budget's estate; empty for budgets of the whole organisation.
    estate = models.ForeignKey(
        Estate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("estate"),
    )
    opened_on = models.DateField(_("opened on"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=BudgetKind.ESTATE) | Q(estate__isnull=False),
                name="estate_budget_has_estate",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    ALLOCATION = "allocation", _("Allocation")
    CARRIED_OVER = "carried_over", _("Carried over from last year")
    SAVING = "saving", _("Saving kept by the community")
    SPEND = "spend", _("Spend")
    REFUND = "refund", _("Refund")
    CORRECTION = "correction", _("Correction")


class LedgerEntry(models.Model):
    """One movement of money: positive into the budget, negative out of it."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="entries")
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind of entry"), max_length=20, choices=EntryKind.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount, £"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("invoice or receipt number"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The entry this one puts right; an entry is reversed at most once (the unique key).
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["budget", "on"], name="ledger_budget_on")]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.description} {self.amount}"
