"""The engine's rules for choosing several options: approval (any number) and within a budget
(options with costs, a voter's choices together no more than the budget), and the electorate of
one estate's residents."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tenantry.democracy import ballots
from tenantry.democracy.ballots.forms import choice_form
from tenantry.democracy.models import BallotKind, CountingRule, Electorate, Voter
from tenantry.homes.tests.factories import (
    CoverageFactory,
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)

from .ballot_helpers import after_close, make_ballot, open_with_codes, option_ids

pytestmark = pytest.mark.django_db


def _estate_with_residents(cast, estate, n, *, start=0, lead_only=False):
    for i in range(start, start + n):
        home = HomeFactory(estate=estate, address=f"{i} Orchard Way")
        CoverageFactory(agreement=cast.agreement, home=home)
        household = HouseholdFactory(home=home)
        ResidentFactory(household=household, name=f"Lead {i}", is_lead_tenant=True)
        if not lead_only:
            ResidentFactory(household=household, name=f"Partner {i}", is_lead_tenant=False)


def _budget_ballot(cast, *, budget="1000.00", costs=("600.00", "400.00", "300.00")):
    return make_ballot(
        cast,
        kind=BallotKind.PARTICIPATORY,
        options=("Benches", "Planters", "Play area mural"),
        rule=CountingRule.WITHIN_BUDGET,
        budget=Decimal(budget),
        costs=[Decimal(c) for c in costs],
        electorate=Electorate.ESTATE,
        estate=cast.estate,
        in_person=False,
    )


def test_the_estate_roll_is_every_resident_of_the_estate_and_no_other(cast):
    _estate_with_residents(cast, cast.estate, 3)
    elsewhere = EstateFactory(landlord=cast.landlord, name="Riverside")
    _estate_with_residents(cast, elsewhere, 2, start=10)
    ballot = _budget_ballot(cast)

    on_roll = ballots.freeze_roll(ballot=ballot, by=cast.people["committee"])

    # 3 homes of two residents each, plus the cast's resident at 1 Mill Road.
    assert on_roll == 7
    assert set(Voter.objects.filter(ballot=ballot).values_list("estate_id", flat=True)) == {
        cast.estate.pk
    }


def test_an_estate_ballot_needs_its_estate(cast):
    with pytest.raises(ValidationError) as refused:
        make_ballot(cast, electorate=Electorate.ESTATE, estate=None)
    assert "estate" in refused.value.message_dict


def test_a_budget_ballot_needs_every_option_costed(cast):
    with pytest.raises(ValidationError) as refused:
        _budget_ballot(cast, costs=("600.00", "400.00"))
    assert "options" in refused.value.message_dict


def test_choices_within_the_budget_are_taken_and_an_exact_fit_too(cast):
    _estate_with_residents(cast, cast.estate, 2, lead_only=True)
    ballot = _budget_ballot(cast)
    first, second = list(open_with_codes(cast, ballot).values())[:2]
    benches, planters, mural = option_ids(ballot)

    ballots.cast_vote(ballot=ballot, channel="online", code=first, choices=[benches, planters])
    ballots.cast_vote(ballot=ballot, channel="online", code=second, choices=[mural])

    assert ballot.marks.count() == 2


def test_a_basket_over_the_budget_is_refused_with_its_total(cast):
    _estate_with_residents(cast, cast.estate, 1, lead_only=True)
    ballot = _budget_ballot(cast)
    code = next(iter(open_with_codes(cast, ballot).values()))
    benches, planters, mural = option_ids(ballot)

    with pytest.raises(ValidationError) as refused:
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=[benches, planters, mural]
        )

    # £600 + £400 + £300 = £1,300 against £1,000.
    assert refused.value.error_dict["choices"][0].code == "over_budget"
    assert "£1,300.00" in refused.value.message_dict["choices"][0]
    assert "£1,000.00" in refused.value.message_dict["choices"][0]
    assert ballot.marks.count() == 0


def test_the_voting_form_refuses_a_basket_over_the_budget_before_the_check_page(cast):
    ballot = _budget_ballot(cast)
    benches, planters, mural = option_ids(ballot)

    form = choice_form(ballot, {"choices": [str(benches), str(planters), str(mural)]})

    assert not form.is_valid()
    assert "£1,300.00" in form.errors["choices"][0]


def test_approval_takes_any_number_and_counts_the_votes_for_each(cast):
    _estate_with_residents(cast, cast.estate, 3, lead_only=True)
    ballot = make_ballot(
        cast,
        kind=BallotKind.PARTICIPATORY,
        options=("Benches", "Planters", "Mural"),
        rule=CountingRule.APPROVAL,
        electorate=Electorate.ESTATE,
        estate=cast.estate,
    )
    codes = list(open_with_codes(cast, ballot).values())
    benches, planters, mural = option_ids(ballot)
    ballots.cast_vote(
        ballot=ballot, channel="online", code=codes[0], choices=[benches, planters, mural]
    )
    ballots.cast_vote(ballot=ballot, channel="online", code=codes[1], choices=[benches, mural])
    ballots.cast_vote(
        ballot=ballot, channel="paper", code=codes[2], choices=[benches], by=cast.people["staff"]
    )
    by = cast.people["committee"]
    ballots.close_ballot(ballot=ballot, by=by, now=after_close(ballot))

    result = ballots.count_ballot(ballot=ballot, by=by)

    assert {o["label"]: o["votes"] for o in result["options"]} == {
        "Benches": 3,
        "Planters": 1,
        "Mural": 2,
    }
    assert result["outcome"] == "counted"
    assert result["ranked"] == [benches, mural, planters]
    assert result["voted"] == result["papers"] == 3


def test_the_count_keeps_each_options_cost_and_the_budget(cast):
    _estate_with_residents(cast, cast.estate, 1, lead_only=True)
    ballot = _budget_ballot(cast)
    open_with_codes(cast, ballot)
    by = cast.people["committee"]
    ballots.close_ballot(ballot=ballot, by=by, now=ballot.closes_at + timedelta(minutes=1))

    result = ballots.count_ballot(ballot=ballot, by=by)

    assert [o["cost"] for o in result["options"]] == ["600.00", "400.00", "300.00"]
    assert result["budget"] == "1000.00"
