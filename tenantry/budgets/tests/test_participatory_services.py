"""A participatory budget from proposals to a delivered project, through its services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tenantry.budgets import ledger
from tenantry.budgets import participatory_services as services
from tenantry.budgets.models import EntryKind, Project, ProjectStatus, Proposal, RoundStage
from tenantry.democracy import ballots as engine
from tenantry.democracy.models import Ballot, Voter

from .participatory_helpers import (
    add_proposals,
    add_residents,
    close_and_count,
    codes_of,
    open_round,
    start_vote,
)

pytestmark = pytest.mark.django_db


def test_opening_a_round_allocates_its_money_in_the_ledger(cast):
    round = open_round(cast, amount="5000.00")

    assert round.stage == RoundStage.PROPOSALS
    assert ledger.balance(round.budget) == Decimal("5000.00")
    assert round.budget.entries.get().kind == EntryKind.ALLOCATION


def test_a_resident_proposes_for_their_own_estate(cast):
    round = open_round(cast)

    proposal = services.propose(
        round=round, by=cast.people["resident"], title="Benches", description="By the swings"
    )

    assert proposal.proposer_name == cast.people["resident"].resident.name
    assert proposal.feasibility == "pending"


def test_a_resident_of_another_estate_may_not_propose(cast):
    from tenantry.homes.tests.factories import EstateFactory

    elsewhere = EstateFactory(landlord=cast.landlord, name="Riverside")
    add_residents(cast, 1, estate=elsewhere)
    round = open_round(cast, estate=elsewhere)

    with pytest.raises(PermissionDenied):
        services.propose(
            round=round, by=cast.people["resident"], title="Benches", description="Please"
        )


def test_residents_cannot_propose_after_the_closing_date_but_staff_key_in_paper_ones(cast):
    round = open_round(cast)
    late = round.proposals_close_on + timedelta(days=1)

    with pytest.raises(ValidationError):
        services.propose(
            round=round, by=cast.people["resident"], title="Benches", description="x", on=late
        )
    services.propose(
        round=round,
        by=cast.people["staff"],
        title="Benches",
        description="Taken at the stall",
        proposer_name="Mrs Okafor",
        on=late,
    )
    assert Proposal.objects.get().proposer_name == "Mrs Okafor"


def test_two_proposals_may_not_share_a_name(cast):
    round = open_round(cast)
    services.propose(round=round, by=cast.people["staff"], title="Benches", description="x")

    with pytest.raises(ValidationError) as refused:
        services.propose(round=round, by=cast.people["staff"], title="benches", description="y")
    assert "title" in refused.value.message_dict


def test_a_rejected_proposal_needs_its_reason_and_a_feasible_one_its_cost(cast):
    round = open_round(cast)
    proposal = services.propose(
        round=round, by=cast.people["staff"], title="Benches", description="x"
    )

    with pytest.raises(ValidationError) as no_reason:
        services.assess_proposal(
            proposal=proposal, by=cast.people["staff"], feasible=False, cost=None
        )
    with pytest.raises(ValidationError) as no_cost:
        services.assess_proposal(
            proposal=proposal, by=cast.people["staff"], feasible=True, cost=None
        )

    assert "reason" in no_reason.value.message_dict
    assert "cost" in no_cost.value.message_dict


def test_the_vote_waits_until_every_proposal_is_costed(cast):
    round = open_round(cast)
    add_proposals(cast, round, {"Benches": "600.00", "Planters": "400.00"})
    services.propose(round=round, by=cast.people["staff"], title="Mural", description="x")

    with pytest.raises(ValidationError):
        start_vote(cast, round)


def test_only_residents_may_propose_and_only_staff_cost(cast):
    round = open_round(cast)
    proposal = services.propose(
        round=round, by=cast.people["staff"], title="Benches", description="x"
    )
    with pytest.raises(PermissionDenied):
        services.propose(round=round, by=cast.people["inspector"], title="Mural", description="x")
    with pytest.raises(PermissionDenied):
        services.assess_proposal(
            proposal=proposal, by=cast.people["resident"], feasible=True, cost=Decimal(1)
        )


def test_a_round_from_proposals_to_a_delivered_project(cast):
    """£1,000. Benches £600, planters £500, mural £300, a skate park rejected. Votes: benches 3,
    planters 2, mural 1 (online and paper together). Benches win, leaving £400; planters no
    longer fit; the mural fits and wins, leaving £100."""
    add_residents(cast, 4)
    staff = cast.people["staff"]
    round = open_round(cast, amount="1000.00")
    add_proposals(
        cast,
        round,
        {"Benches": "600.00", "Planters": "500.00", "Mural": "300.00", "Skate park": None},
    )
    ballot = start_vote(cast, round)
    assert round.stage == RoundStage.VOTING
    # Everyone living on the estate: the cast's resident and the four added.
    assert Voter.objects.filter(ballot=ballot).count() == 5
    # A rejected proposal is not on the ballot.
    assert [o.label for o in ballot.options.all()] == ["Benches", "Planters", "Mural"]
    options = dict(Proposal.objects.values_list("title", "option_id"))
    benches, planters, mural = (options[t] for t in ("Benches", "Planters", "Mural"))
    codes = codes_of(ballot)
    engine.cast_vote(ballot=ballot, channel="online", code=codes[0], choices=[benches, mural])
    engine.cast_vote(ballot=ballot, channel="online", code=codes[1], choices=[planters])
    for code, choice in ((codes[2], benches), (codes[3], benches), (codes[4], planters)):
        engine.cast_vote(ballot=ballot, channel="paper", code=code, choices=[choice], by=staff)

    close_and_count(cast, ballot)

    round.refresh_from_db()
    assert round.stage == RoundStage.DECIDED
    outcomes = {p.title: (p.votes, p.outcome) for p in round.proposals.all()}
    assert outcomes == {
        "Benches": (3, "won"),
        "Planters": (2, "skipped"),
        "Mural": (1, "won"),
        "Skate park": (None, ""),
    }
    assert [(s["title"], s["left_after"]) for s in round.decision] == [
        ("Benches", "400.00"),
        ("Planters", "400.00"),
        ("Mural", "100.00"),
    ]
    project = Project.objects.get(proposal__title="Benches")
    assert Project.objects.count() == 2

    services.record_spend(
        project=project,
        by=staff,
        on=timezone.localdate(),
        amount=Decimal("450.00"),
        description="Two benches",
        reference="INV-881",
    )
    services.record_spend(
        project=project,
        by=staff,
        on=timezone.localdate(),
        amount=Decimal("150.00"),
        description="Fitting",
    )
    services.complete_project(
        project=project, by=staff, delivered_on=timezone.localdate(), note="Two benches fitted"
    )

    project.refresh_from_db()
    assert project.status == ProjectStatus.DELIVERED
    # £1,000 allocated, £600 spent.
    assert ledger.balance(round.budget) == Decimal("400.00")


def test_a_payment_more_than_is_left_is_refused(cast):
    add_residents(cast, 1)
    round = open_round(cast, amount="500.00")
    add_proposals(cast, round, {"Benches": "300.00", "Planters": "200.00"})
    ballot = start_vote(cast, round)
    engine.cast_vote(
        ballot=ballot,
        channel="online",
        code=codes_of(ballot)[0],
        choices=list(ballot.options.values_list("pk", flat=True)),
    )
    close_and_count(cast, ballot)
    project = Project.objects.get(proposal__title="Benches")

    with pytest.raises(ValidationError) as refused:
        services.record_spend(
            project=project,
            by=cast.people["staff"],
            on=timezone.localdate(),
            amount=Decimal("500.01"),
            description="Too much",
        )
    assert "£500.00" in refused.value.message_dict["amount"][0]


def test_a_delivered_project_needs_what_was_done(cast):
    add_residents(cast, 1)
    round = open_round(cast, amount="500.00")
    add_proposals(cast, round, {"Benches": "300.00", "Planters": "200.00"})
    ballot = start_vote(cast, round)
    engine.cast_vote(
        ballot=ballot,
        channel="online",
        code=codes_of(ballot)[0],
        choices=[ballot.options.first().pk],
    )
    close_and_count(cast, ballot)
    project = Project.objects.get()

    with pytest.raises(ValidationError):
        services.complete_project(
            project=project, by=cast.people["staff"], delivered_on=timezone.localdate(), note=" "
        )


def test_counting_another_kind_of_ballot_leaves_rounds_alone(cast):
    from tenantry.democracy.tests.ballot_helpers import make_ballot

    round = open_round(cast)
    ballot = make_ballot(cast)
    services.round_counted(ballot=ballot, by=None)

    round.refresh_from_db()
    assert round.stage == RoundStage.PROPOSALS
    assert Ballot.objects.count() == 1


def test_an_approval_round_takes_any_basket_and_the_rule_still_keeps_within_the_money(cast):
    """£1,000 by approval: both residents approve everything (£1,400 together is allowed on an
    approval ballot). Benches and planters tie on 2 votes: the cheaper planters (£400) first,
    leaving £600; the benches (£600) fit exactly, leaving £0; the mural (£400, 1 vote) no longer
    fits."""
    add_residents(cast, 1)
    round = open_round(cast, amount="1000.00", rule="approval")
    add_proposals(cast, round, {"Benches": "600.00", "Planters": "400.00", "Mural": "400.00"})
    ballot = start_vote(cast, round)
    assert ballot.rule == "approval" and ballot.budget is None
    options = dict(Proposal.objects.values_list("title", "option_id"))
    first, second = codes_of(ballot)
    engine.cast_vote(ballot=ballot, channel="online", code=first, choices=list(options.values()))
    engine.cast_vote(
        ballot=ballot,
        channel="online",
        code=second,
        choices=[options["Benches"], options["Planters"]],
    )

    close_and_count(cast, ballot)

    round.refresh_from_db()
    assert [(s["title"], s["outcome"], s["left_after"]) for s in round.decision] == [
        ("Planters", "won", "600.00"),
        ("Benches", "won", "0.00"),
        ("Mural", "skipped", "0.00"),
    ]
