"""Participatory budgeting on an estate (docs/budgets.md#participatory-budgeting).

A `ParticipatoryRound` is one round of an estate's participatory budget: residents propose
(`Proposal`), staff cost each proposal and check it can be done (with the reasons when it
cannot), residents vote on the ballot engine (democracy's ballots: approval, or within the
round's budget), and the winners are chosen by the published rule (`participatory_rule`). Each
winner becomes a `Project`, whose spend goes through the budget's ledger (`ProjectSpend`) until
it is delivered, with a note and a photo.
"""

from uuid import uuid4

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.democracy.models.ballots import Ballot, CountingRule, Option
from tenantry.homes.models import Estate
from tenantry.organisations.models import Organisation

from .ledger import Budget, LedgerEntry


class RoundStage(models.TextChoices):
    PROPOSALS = "proposals", _("Taking proposals")
    VOTING = "voting", _("Voting")
    DECIDED = "decided", _("Winners chosen")


class VotingRule(models.TextChoices):
    """How residents vote: the ballot engine's two rules for choosing several options."""

    APPROVAL = CountingRule.APPROVAL.value, _("Approval: vote for as many proposals as you like")
    WITHIN_BUDGET = (
        CountingRule.WITHIN_BUDGET.value,
        _("Within the budget: choose proposals whose costs fit the budget"),
    )


class ParticipatoryRound(models.Model):
    """One round of an estate's participatory budget, from proposals to delivered projects."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participatory_rounds"
    )
    # The ring-fenced account the round's money sits in and its projects spend from.
    budget = models.OneToOneField(
        Budget, on_delete=models.PROTECT, related_name="participatory_round"
    )
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    title = models.CharField(_("name of the round"), max_length=200)
    explanation = models.TextField(_("what it is for"), blank=True)
    amount = models.DecimalField(
        _("money to spend, £"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    proposals_close_on = models.DateField(_("proposals close on"))
    rule = models.CharField(
        _("how residents vote"),
        max_length=20,
        choices=VotingRule.choices,
        default=VotingRule.WITHIN_BUDGET,
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=RoundStage.choices, default=RoundStage.PROPOSALS
    )
    ballot = models.OneToOneField(
        Ballot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The winner rule's steps as they were taken at the count, published on the round's page.
    decision = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participatory budget round")
        verbose_name_plural = _("participatory budget rounds")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="pb_round_org")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="pb_round_amount_not_negative")
        ]

    def __str__(self) -> str:
        return self.title


class Feasibility(models.TextChoices):
    PENDING = "pending", _("Waiting to be costed")
    FEASIBLE = "feasible", _("Costed: can be done")
    REJECTED = "rejected", _("Cannot be done")


class Outcome(models.TextChoices):
    WON = "won", _("Chosen")
    NO_LONGER_FITS = "skipped", _("Not chosen: no longer fitted the money left")
    NOT_CHOSEN = "not_chosen", _("Not chosen")


class Proposal(models.Model):
    """A resident's idea for the estate, costed and checked by staff before the vote."""

    round = models.ForeignKey(
        ParticipatoryRound, on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("your idea in a few words"), max_length=200)
    description = models.TextField(_("what it is and who it helps"), max_length=2000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who proposed it, as shown: a resident's own name, or the name staff took at a stall.
    proposer_name = models.CharField(_("proposed by"), max_length=150)
    submitted_on = models.DateField(_("proposed on"))
    cost = models.DecimalField(
        _("cost, £"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    feasibility = models.CharField(
        _("can it be done"), max_length=10, choices=Feasibility.choices, default=Feasibility.PENDING
    )
    reason = models.TextField(_("why it cannot be done"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    option = models.OneToOneField(
        Option, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["submitted_on", "pk"]
        constraints = [
            # Each proposal is an option on the ballot paper, where labels are unique.
            models.UniqueConstraint(fields=["round", "title"], name="pb_proposal_title_once"),
            models.CheckConstraint(
                condition=~Q(feasibility="rejected") | ~Q(reason=""),
                name="pb_rejected_proposal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(feasibility="feasible") | Q(cost__gte=0),
                name="pb_feasible_proposal_has_cost",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectStatus(models.TextChoices):
    UNDER_WAY = "under_way", _("Under way")
    DELIVERED = "delivered", _("Delivered")


def _photo_path(project: "Project", filename: str) -> str:
    # A random name: the file's own name may say who took it or where they live.
    return f"projects/{project.proposal.round.organisation_id}/{uuid4().hex}.jpg"


class Project(models.Model):
    """A winning proposal being delivered: its spend through the ledger, then its completion."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="project")
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.UNDER_WAY
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    completion_note = models.TextField(_("what was done"), blank=True)
    # Re-encoded as a small JPEG when uploaded (as candidates' photos are).
    photo = models.FileField(_("photo"), upload_to=_photo_path, max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="delivered")
                | (Q(delivered_on__isnull=False) & ~Q(completion_note="")),
                name="pb_delivered_project_has_date_and_note",
            ),
        ]

    def __str__(self) -> str:
        return self.proposal.title


class ProjectSpend(models.Model):
    """Which ledger entries are a project's spend."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="spends")
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("project spend")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.entry_id}"
