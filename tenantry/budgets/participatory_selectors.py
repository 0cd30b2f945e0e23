"""Reads of the participatory budget's pages, each in a fixed number of queries."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from tenantry.core.figures import POUNDS, figure_text
from tenantry.organisations.models import Organisation

from .models import Feasibility, ParticipatoryRound, Project, Proposal


def rounds_of(*, organisation: Organisation) -> QuerySet[ParticipatoryRound]:
    """The organisation's rounds, newest first, each with its estate and proposal counts."""
    return (
        ParticipatoryRound.objects.filter(organisation=organisation)
        .select_related("estate")
        .annotate(
            n_proposals=Count("proposals"),
            n_feasible=Count("proposals", filter=Q(proposals__feasibility=Feasibility.FEASIBLE)),
        )
        .order_by("-created_at", "-pk")
    )


def _spent():
    # Spend entries are negative in the ledger; a project's spend is shown as a positive sum.
    return Coalesce(
        -Sum("project__spends__entry__amount"),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def proposals_of(round: ParticipatoryRound) -> list[Proposal]:
    """The round's proposals in the order the page shows them: once decided, in the order the
    winner rule took them; before, in the order they came in. Each with its project and spend."""
    found = list(
        round.proposals.select_related("project")
        .annotate(spent=_spent())
        .order_by("submitted_on", "pk")
    )
    if round.decision:
        order = {step["proposal"]: n for n, step in enumerate(round.decision)}
        found.sort(key=lambda p: order.get(p.pk, len(order)))
    return found


def decision_of(round: ParticipatoryRound) -> list[dict]:
    """The winner rule's steps as taken at the count, amounts as decimals and as written
    (`core.figures.figure_text`: pence left off whole pounds, so the table fits a phone)."""
    return [
        step
        | {
            "cost": Decimal(step["cost"]),
            "left_before": Decimal(step["left_before"]),
            "left_after": Decimal(step["left_after"]),
            "cost_text": figure_text(Decimal(step["cost"]), POUNDS),
            "left_text": figure_text(Decimal(step["left_before"]), POUNDS),
        }
        for step in round.decision
    ]


def project_spends(project: Project) -> tuple[list, Decimal]:
    """The project's payments from the ledger, oldest first, and their total."""
    entries = [
        spend.entry
        for spend in project.spends.select_related("entry").order_by("entry__on", "entry__pk")
    ]
    for entry in entries:
        entry.paid = -entry.amount  # a payment is written out of the budget, so negative
    return entries, sum((e.paid for e in entries), Decimal("0.00"))
