"""Routes of participatory budgeting, for the permission matrix.

Everyone with a role in the organisation reads its rounds, their proposals (with the reasons
for those rejected), results and projects; residents propose for their own estate (the cast's
resident lives on it), and staff and the committee key in proposals taken on paper; the
committee and staff open rounds, cost and check proposals, open the vote and record the
projects' spend and delivery (docs/budgets.md#participatory-budgeting).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tenantry.budgets import participatory_services as services
from tenantry.budgets.models import Feasibility, Outcome, Project, Proposal, RoundStage
from tenantry.core.tests.matrix import SHOWN_TO_ALL

PB_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
PB_PROPOSERS = ["login", 200, 200, 200, 403, 403, 404, 404, 200]


def _round(cast):
    return services.open_round(
        organisation=cast.tmo,
        by=None,
        estate=cast.estate,
        title="Kingsmead Estate community budget",
        amount=Decimal("5000.00"),
        proposals_close_on=timezone.localdate() + timedelta(days=14),
        rule="budget",
    )


def _round_pk(cast) -> int:
    return _round(cast).pk


def _proposal_pair():
    made = {}

    def round(cast) -> int:
        found = _round(cast)
        made["proposal"] = services.propose(
            round=found, by=cast.people["staff"], title="Benches", description="By the swings"
        ).pk
        return found.pk

    return {"pk": round, "proposal": lambda cast: made["proposal"]}


def _project_pair():
    """A decided round's winning project (made directly: the vote is tested elsewhere)."""
    made = {}

    def round(cast) -> int:
        found = _round(cast)
        proposal = Proposal.objects.create(
            round=found,
            title="Benches",
            description="By the swings",
            proposer_name="A resident",
            submitted_on=timezone.localdate(),
            cost=Decimal("600.00"),
            feasibility=Feasibility.FEASIBLE,
            votes=12,
            outcome=Outcome.WON,
        )
        found.stage = RoundStage.DECIDED
        found.save(update_fields=["stage"])
        made["project"] = Project.objects.create(proposal=proposal).pk
        return found.pk

    return {"pk": round, "project": lambda cast: made["project"]}


ROUTES = {
    "budgets:pb-rounds": ("tmo", {}, SHOWN_TO_ALL),
    "budgets:pb-new-round": ("tmo", {}, PB_RUNNERS),
    "budgets:pb-round": ("tmo", {"pk": _round_pk}, SHOWN_TO_ALL),
    "budgets:pb-propose": ("tmo", {"pk": _round_pk}, PB_PROPOSERS),
    "budgets:pb-assess": ("tmo", _proposal_pair(), PB_RUNNERS),
    "budgets:pb-start-vote": ("tmo", {"pk": _round_pk}, PB_RUNNERS),
    "budgets:pb-project": ("tmo", _project_pair(), SHOWN_TO_ALL),
    "budgets:pb-record-spend": ("tmo", _project_pair(), PB_RUNNERS),
    "budgets:pb-complete-project": ("tmo", _project_pair(), PB_RUNNERS),
}
