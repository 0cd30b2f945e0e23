"""Every change to an estate's participatory budget: open a round, propose, cost and check,
open the vote on the ballot engine, choose the winners when it is counted, record the projects'
spend through the ledger and their delivery (docs/budgets.md#participatory-budgeting)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.figures import money_text
from tenantry.core.models import User
from tenantry.core.permissions import Roles
from tenantry.democracy import ballots as engine
from tenantry.democracy.models.ballots import Ballot, BallotKind, Electorate
from tenantry.homes.models import Estate
from tenantry.homes.selectors import home_of, homes_of
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

# The ledger's two functions, through this one import (docs/budgets.md).
from . import ledger
from . import participatory_permissions as can
from .models import (
    Budget,
    BudgetKind,
    EntryKind,
    Feasibility,
    Outcome,
    ParticipatoryRound,
    Project,
    ProjectSpend,
    ProjectStatus,
    Proposal,
    RoundStage,
)
from .participatory_rule import Candidate, choose_winners


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future")})


@transaction.atomic
def open_round(
    *,
    organisation: Organisation,
    by: User | None,
    estate: Estate,
    title: str,
    amount: Decimal,
    proposals_close_on: date,
    rule: str,
    explanation: str = "",
) -> ParticipatoryRound:
    """A round of an estate's participatory budget, taking proposals: its own budget, with the
    money allocated to it in the ledger."""
    require(can.can_run_participatory_budgets, user=by, organisation=organisation)
    today = timezone.localdate()
    if not homes_of(organisation=organisation, on=today).filter(estate=estate).exists():
        raise ValidationError(
            {"estate": _("Choose an estate whose homes the organisation manages")}
        )
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Enter the money to spend, £0 or more")})
    if proposals_close_on < today:
        raise ValidationError({"proposals_close_on": _("The closing date cannot be in the past")})
    budget = Budget(
        organisation=organisation,
        kind=BudgetKind.PARTICIPATORY,
        estate=estate,
        name=title,
        opened_on=today,
        created_by=by,
    )
    budget.full_clean()
    budget.save()
    if amount > 0:
        ledger.add_entry(
            budget=budget,
            on=today,
            kind=EntryKind.ALLOCATION,
            description=_("Money for the residents to decide on"),
            amount=amount,
            by=by,
        )
    found = ParticipatoryRound(
        organisation=organisation,
        budget=budget,
        estate=estate,
        title=title,
        explanation=explanation,
        amount=amount,
        proposals_close_on=proposals_close_on,
        rule=rule,
        created_by=by,
    )
    found.full_clean()
    found._history_user = by
    found.save()
    record_change(
        organisation=organisation, by=by, action=AuditEntry.Action.CREATED, what=str(found)
    )
    return found


def lives_on_estate(user: User | None, estate_id: int) -> bool:
    """Whether a signed-in resident lives on the estate now."""
    home = home_of(user=user) if user is not None else None
    return home is not None and home.estate_id == estate_id


def may_propose(*, round: ParticipatoryRound, user: User, roles: Roles, on=None) -> bool:
    """Whether the person may put a proposal to this round now: it is taking proposals, and
    they run it (keying in proposals from paper), or they live on its estate and the closing
    date has not passed."""
    if round.stage != RoundStage.PROPOSALS or not can.can_propose(roles):
        return False
    if can.can_run_participatory_budgets(roles):
        return True
    return _today(on) <= round.proposals_close_on and lives_on_estate(user, round.estate_id)


@transaction.atomic
def propose(
    *,
    round: ParticipatoryRound,
    by: User | None,
    title: str,
    description: str,
    proposer_name: str = "",
    on: date | None = None,
) -> Proposal:
    """A proposal for the round: a resident's own (for their estate, until proposals close), or
    one taken on paper at a stall or door to door and keyed in by staff (until the vote)."""
    require(can.can_propose, user=by, organisation=round.organisation)
    round = ParticipatoryRound.objects.select_for_update().get(pk=round.pk)
    runs = by is None or can.can_run_participatory_budgets(
        roles_in(user=by, organisation=round.organisation)
    )
    if round.stage != RoundStage.PROPOSALS:
        raise ValidationError(_("This round is no longer taking proposals"), code="closed")
    if not runs:
        if _today(on) > round.proposals_close_on:
            raise ValidationError(_("Proposals for this round have closed"), code="closed")
        if not lives_on_estate(by, round.estate_id):
            raise PermissionDenied
        proposer_name = by.resident.name
    proposer_name = proposer_name.strip() or (by.name if by is not None else "")
    title = title.strip()
    if Proposal.objects.filter(round=round, title__iexact=title).exists():
        raise ValidationError(
            {"title": _("There is already a proposal with this name: give yours another")}
        )
    proposal = Proposal(
        round=round,
        title=title,
        description=description.strip(),
        proposed_by=by,
        proposer_name=proposer_name,
        submitted_on=_today(on),
    )
    proposal.full_clean()
    proposal._history_user = by
    proposal.save()
    record_change(
        organisation=round.organisation,
        by=by,
        action=AuditEntry.Action.CREATED,
        what=str(proposal),
        detail=str(round),
    )
    return proposal


@transaction.atomic
def assess_proposal(
    *,
    proposal: Proposal,
    by: User | None,
    feasible: bool,
    cost: Decimal | None,
    reason: str = "",
) -> Proposal:
    """Staff's costing and check of a proposal before the vote: feasible with its cost, or
    rejected with the reasons, which residents read on the round's page."""
    require(can.can_run_participatory_budgets, user=by, organisation=proposal.round.organisation)
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    if proposal.round.stage != RoundStage.PROPOSALS:
        raise ValidationError(_("The vote has opened: proposals can no longer be changed"))
    reason = reason.strip()
    if feasible:
        if cost is None or cost < 0:
            raise ValidationError({"cost": _("Enter what it will cost, £0 or more")})
        proposal.feasibility, proposal.cost, proposal.reason = Feasibility.FEASIBLE, cost, ""
    else:
        if not reason:
            raise ValidationError({"reason": _("Say why it cannot be done: residents read it")})
        proposal.feasibility, proposal.cost, proposal.reason = Feasibility.REJECTED, cost, reason
    proposal.assessed_by = by
    proposal.full_clean()
    proposal._history_user = by
    proposal.save()
    record_change(
        organisation=proposal.round.organisation,
        by=by,
        action=AuditEntry.Action.CHANGED,
        what=str(proposal),
        detail=proposal.feasibility,
    )
    return proposal


@transaction.atomic
def start_vote(
    *,
    round: ParticipatoryRound,
    by: User | None,
    opens_at: datetime,
    closes_at: datetime,
    online: bool = True,
    paper: bool = True,
) -> Ballot:
    """Put the feasible proposals to the estate's residents on the ballot engine: a ballot of
    the round's rule, its options the proposals with their costs, its roll every resident of
    the estate today, frozen, each given a code."""
    require(can.can_run_participatory_budgets, user=by, organisation=round.organisation)
    given, round = round, ParticipatoryRound.objects.select_for_update().get(pk=round.pk)
    if round.stage != RoundStage.PROPOSALS:
        raise ValidationError(_("The vote of this round has already opened"), code="opened")
    proposals = list(round.proposals.all())
    if any(p.feasibility == Feasibility.PENDING for p in proposals):
        raise ValidationError(_("Cost and check every proposal before the vote opens"))
    feasible = [p for p in proposals if p.feasibility == Feasibility.FEASIBLE]
    if len(feasible) < 2:
        raise ValidationError(_("A vote needs at least two proposals that can be done"))
    ballot = engine.create_ballot(
        organisation=round.organisation,
        by=by,
        kind=BallotKind.PARTICIPATORY,
        question=round.title,
        explanation=round.explanation,
        options=[p.title for p in feasible],
        costs=[p.cost for p in feasible],
        rule=round.rule,
        budget=round.amount,
        electorate=Electorate.ESTATE,
        estate=round.estate,
        roll_date=timezone.localdate(),
        opens_at=opens_at,
        closes_at=closes_at,
        online=online,
        paper=paper,
    )
    options = {o.label: o for o in ballot.options.all()}
    for p in feasible:
        p.option = options[p.title]
        p.save(update_fields=["option"])
    engine.freeze_roll(ballot=ballot, by=by)
    engine.issue_codes(ballot=ballot, by=by)
    round.ballot, round.stage = ballot, RoundStage.VOTING
    round._history_user = by
    round.save(update_fields=["ballot", "stage"])
    given.ballot, given.stage = round.ballot, round.stage
    record_change(
        organisation=round.organisation, by=by, action=AuditEntry.Action.OPENED, what=str(round)
    )
    return ballot


def round_counted(*, ballot: Ballot, by: User | None) -> None:
    """The ballot engine's listener: when a round's ballot is counted, choose its winners by
    the published rule in the count's transaction, and make each winner a project."""
    if ballot.kind != BallotKind.PARTICIPATORY:
        return
    round = ParticipatoryRound.objects.select_for_update().filter(ballot=ballot).first()
    if round is None or round.stage == RoundStage.DECIDED:
        return
    votes = {o["id"]: o["votes"] for o in ballot.result.get("options", [])}
    proposals = {
        p.pk: p
        for p in round.proposals.filter(feasibility=Feasibility.FEASIBLE, option__isnull=False)
    }
    positions = {o.pk: o.position for o in ballot.options.all()}
    steps = choose_winners(
        [
            Candidate(p.pk, votes.get(p.option_id, 0), p.cost, positions.get(p.option_id, 0))
            for p in proposals.values()
        ],
        round.amount,
    )
    decision = []
    for step in steps:
        proposal = proposals[step.id]
        proposal.votes, proposal.outcome = step.votes, step.outcome
        proposal._history_user = by
        proposal.save(update_fields=["votes", "outcome"])
        if step.outcome == Outcome.WON:
            Project.objects.create(proposal=proposal)
        decision.append(
            {
                "proposal": proposal.pk,
                "title": proposal.title,
                "votes": step.votes,
                "cost": str(step.cost),
                "left_before": str(step.left_before),
                "left_after": str(step.left_after),
                "outcome": step.outcome,
            }
        )
    round.decision, round.stage = decision, RoundStage.DECIDED
    round._history_user = by
    round.save(update_fields=["decision", "stage"])
    record_change(
        organisation=round.organisation,
        by=by,
        action=AuditEntry.Action.CHANGED,
        what=str(round),
        detail="winners chosen",
    )


@transaction.atomic
def record_spend(
    *,
    project: Project,
    by: User | None,
    on: date,
    amount: Decimal,
    description: str,
    reference: str = "",
) -> ProjectSpend:
    """A payment for a project, out of the round's budget through its ledger. The budget's row
    is locked while its balance is read and the entry written, so two payments at once cannot
    together spend more than is left."""
    round = project.proposal.round
    require(can.can_run_participatory_budgets, user=by, organisation=round.organisation)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount paid, more than £0")})
    _not_in_future(on, "on")
    budget = Budget.objects.select_for_update().get(pk=round.budget_id)
    left = ledger.balance(budget)
    if amount > left:
        raise ValidationError(
            {
                "amount": _("Only £%(left)s is left in this budget: the payment is more")
                % {"left": money_text(left)}
            }
        )
    entry = ledger.add_entry(
        budget=budget,
        on=on,
        kind=EntryKind.SPEND,
        description=description.strip() or project.proposal.title,
        amount=-amount,
        reference=reference.strip(),
        by=by,
    )
    spend = ProjectSpend.objects.create(project=project, entry=entry)
    record_change(
        organisation=round.organisation,
        by=by,
        action=AuditEntry.Action.CHANGED,
        what=str(project),
        detail=f"spend {money_text(amount)}",
    )
    return spend


@transaction.atomic
def complete_project(
    *,
    project: Project,
    by: User | None,
    delivered_on: date,
    note: str,
    photo: ContentFile | None = None,
) -> Project:
    """Mark a project delivered, with what was done and, if there is one, a photo."""
    require(
        can.can_run_participatory_budgets,
        user=by,
        organisation=project.proposal.round.organisation,
    )
    project = (
        Project.objects.select_for_update().select_related("proposal__round").get(pk=project.pk)
    )
    _not_in_future(delivered_on, "delivered_on")
    if not note.strip():
        raise ValidationError({"note": _("Say what was done")})
    project.status = ProjectStatus.DELIVERED
    project.delivered_on = delivered_on
    project.completion_note = note.strip()
    if photo is not None:
        project.photo.save("photo.jpg", photo, save=False)
    project.full_clean()
    project._history_user = by
    project.save()
    record_change(
        organisation=project.proposal.round.organisation,
        by=by,
        action=AuditEntry.Action.CHANGED,
        what=str(project),
        detail="delivered",
    )
    return project
