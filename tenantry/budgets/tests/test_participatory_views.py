"""The participatory budget's pages: what each shows, forms that keep what was typed and name
the field, and lists read in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.budgets.models import ParticipatoryRound, Proposal
from tenantry.democracy import ballots as engine

from .participatory_helpers import (
    add_proposals,
    add_residents,
    close_and_count,
    codes_of,
    open_round,
    start_vote,
)

pytestmark = pytest.mark.django_db


def _url(cast, name, *args):
    return reverse(f"budgets:{name}", args=[cast.tmo.slug, *args])


def test_the_list_of_rounds_takes_the_same_queries_for_one_round_or_many(
    cast, client_as, django_assert_max_num_queries
):
    open_round(cast, title="First round")
    client = client_as(cast.people["resident"])
    client.get(_url(cast, "pb-rounds"))
    for n in range(6):
        open_round(cast, title=f"Round {n}")

    with django_assert_max_num_queries(12):
        response = client.get(_url(cast, "pb-rounds"))

    assert response.status_code == 200
    assert response.content.decode().count('govuk-summary-card__title">') == 7


def test_the_round_page_takes_a_fixed_number_of_queries(
    cast, client_as, django_assert_max_num_queries
):
    round = open_round(cast)
    add_proposals(cast, round, {"Benches": "600.00", "Skate park": None})
    client = client_as(cast.people["resident"])
    with django_assert_max_num_queries(14) as few:
        client.get(_url(cast, "pb-round", round.pk))
    add_proposals(cast, round, {f"Idea {n}": "100.00" for n in range(8)})

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(cast, "pb-round", round.pk))

    assert response.status_code == 200


def test_a_resident_proposes_from_the_round_page(cast, client_as):
    round = open_round(cast)
    client = client_as(cast.people["resident"])
    page = client.get(_url(cast, "pb-round", round.pk)).content.decode()
    assert _url(cast, "pb-propose", round.pk) in page

    response = client.post(
        _url(cast, "pb-propose", round.pk),
        {"title": "Benches by the swings", "description": "Somewhere to sit while children play"},
    )

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.proposer_name == cast.people["resident"].resident.name


def test_a_proposal_without_its_description_keeps_the_title_and_names_the_field(cast, client_as):
    round = open_round(cast)

    response = client_as(cast.people["resident"]).post(
        _url(cast, "pb-propose", round.pk), {"title": "Benches by the swings", "description": ""}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Benches by the swings" in page
    assert 'href="#id_description"' in page


def test_rejecting_a_proposal_without_a_reason_is_refused_on_the_form(cast, client_as):
    round = open_round(cast)
    add_proposals(cast, round, {})
    proposal = Proposal.objects.create(
        round=round,
        title="Skate park",
        description="x",
        proposer_name="A resident",
        submitted_on=timezone.localdate(),
    )

    response = client_as(cast.people["staff"]).post(
        _url(cast, "pb-assess", round.pk, proposal.pk), {"feasible": "no", "reason": ""}
    )

    assert response.status_code == 400
    assert 'href="#id_reason"' in response.content.decode()


def test_residents_read_the_reasons_a_proposal_was_rejected(cast, client_as):
    round = open_round(cast)
    add_proposals(cast, round, {"Skate park": None})

    page = client_as(cast.people["resident"]).get(_url(cast, "pb-round", round.pk))

    assert "The land belongs to the highways authority" in page.content.decode()


def test_the_round_page_publishes_the_winner_rule(cast, client_as):
    round = open_round(cast)

    page = client_as(cast.people["resident"]).get(_url(cast, "pb-round", round.pk))

    assert "skipped, and the next one that fits is chosen" in page.content.decode()


def test_opening_a_round_on_the_page(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _url(cast, "pb-new-round"),
        {
            "title": "Kingsmead Estate community budget",
            "estate": cast.estate.pk,
            "amount": "5000",
            "proposals_close_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "rule": "budget",
        },
    )

    assert response.status_code == 302
    assert ParticipatoryRound.objects.get().amount == Decimal("5000.00")


def test_the_decided_round_shows_each_step_and_the_projects(cast, client_as):
    add_residents(cast, 2)
    round = open_round(cast, amount="1000.00")
    add_proposals(cast, round, {"Benches": "600.00", "Planters": "500.00", "Mural": "300.00"})
    ballot = start_vote(cast, round)
    benches, planters, mural = ballot.options.values_list("pk", flat=True)
    codes = codes_of(ballot)
    engine.cast_vote(ballot=ballot, channel="online", code=codes[0], choices=[benches, mural])
    engine.cast_vote(ballot=ballot, channel="online", code=codes[1], choices=[benches])
    engine.cast_vote(
        ballot=ballot, channel="paper", code=codes[2], choices=[planters], by=cast.people["staff"]
    )
    close_and_count(cast, ballot)

    page = client_as(cast.people["resident"]).get(_url(cast, "pb-round", round.pk))

    text = page.content.decode()
    assert "Skipped: no longer fits" in text
    assert "3 of the 3 residents on the roll voted" in text
    assert text.count("/projects/") == 2
