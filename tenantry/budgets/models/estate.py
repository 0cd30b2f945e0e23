"""A delegated estate budget's rules and the bids made on it. The money itself is in the
budget's ledger (budgets/ledger.py); a bid's spend is a ledger entry."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .ledger import Budget, LedgerEntry


class EstateRules(models.Model):
    """The rules the organisation sets for one estate's budget (docs/budgets.md)."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="estate_rules")
    per_home = models.DecimalField(
        _("allocation per home per year, £"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    carry_over = models.BooleanField(
        _("carry over what is unspent"),
        default=True,
        help_text=_("If not, what is unspent at the end of March goes back."),
    )
    carry_over_limit = models.DecimalField(
        _("most that may be carried over, £"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Leave empty to carry over all of it."),
    )
    quick_bid_limit = models.DecimalField(
        _("quick bids up to, £"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Bids up to this are decided by the estate's representatives; larger "
                    "bids go to the committee."),
    )  # fmt: skip
    bids_per_group_per_year = models.PositiveSmallIntegerField(
        _("bids per group per year"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="estate_budgets_represented",
        verbose_name=_("estate representatives"),
    )

    class Meta:
        verbose_name = _("estate budget rules")
        verbose_name_plural = _("estate budget rules")
        constraints = [
            models.CheckConstraint(condition=Q(per_home__gte=0), name="per_home_not_negative"),
            models.CheckConstraint(
                condition=Q(quick_bid_limit__gte=0), name="quick_limit_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return str(self.budget)


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    COMPLETED = "completed", _("Completed")


class BidRoute(models.TextChoices):
    QUICK = "quick", _("Quick bid: the estate's representatives decide")
    COMMITTEE = "committee", _("The committee decides")


def completion_photo_path(bid: "Bid", filename: str) -> str:
    return f"budgets/{bid.budget.organisation_id}/bids/{bid.pk}/photo.jpg"


class Bid(models.Model):
    """A residents' group's bid for money from an estate budget."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="bids")
    group = models.CharField(_("group making the bid"), max_length=120)
    title = models.CharField(_("what is it for"), max_length=200)
    location = models.CharField(_("where"), max_length=200)
    cost = models.DecimalField(
        _("cost, £"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    quotes = models.TextField(
        _("quotes"), blank=True, help_text=_("Who quoted and how much, one quote a line.")
    )
    maintenance_per_year = models.DecimalField(
        _("ongoing maintenance cost per year, £"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
    )
    route = models.CharField(_("decided by"), max_length=20, choices=BidRoute.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED
    )
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("reason for the decision"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_photo = models.ImageField(
        _("photo of the finished work"), upload_to=completion_photo_path, blank=True
    )

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["budget", "submitted_on"], name="bid_budget_submitted")]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gt=0), name="bid_cost_positive"),
            models.CheckConstraint(
                condition=Q(maintenance_per_year__gte=0), name="bid_maintenance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status=BidStatus.SUBMITTED) | Q(decided_on__isnull=False),
                name="decided_bid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BidPayment(models.Model):
    """A payment towards a bid, with its receipt: the ledger entry that took the money out."""

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="payments")
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="bid_payment")

    class Meta:
        verbose_name = _("payment for a bid")
        verbose_name_plural = _("payments for bids")

    def __str__(self) -> str:
        return str(self.entry)


class EstateYear(models.Model):
    """One financial year of an estate budget: the homes its allocation was worked out from,
    the allocation's ledger entry, and whether the year has been closed (its unspent money
    carried over or returned)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="estate_years")
    year = models.PositiveSmallIntegerField(_("financial year"))
    homes = models.PositiveIntegerField(_("homes on the estate"))
    per_home = models.DecimalField(_("allocation per home, £"), max_digits=8, decimal_places=2)
    allocation = models.OneToOneField(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    unspent = models.DecimalField(
        _("unspent at the year's end, £"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    carried_over = models.DecimalField(
        _("carried over, £"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("year of an estate budget")
        verbose_name_plural = _("years of an estate budget")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "year"], name="one_estate_year"),
        ]

    def __str__(self) -> str:
        return f"{self.budget} {self.year}"
