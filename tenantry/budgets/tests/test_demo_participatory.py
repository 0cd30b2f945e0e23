"""The demo's participatory budgets: at Kingsmead TMO a round from proposals (some rejected with
reasons) through a vote online and on paper to winners and a delivered project; at Brookfield
TMC a round taking proposals; made once."""

from datetime import date

import pytest

from tenantry.budgets import ledger
from tenantry.budgets.models import ParticipatoryRound, ProjectStatus
from tenantry.demo.generate import generate
from tenantry.demo.participatory import add_demo_participatory
from tenantry.democracy.models import Mark

pytestmark = pytest.mark.django_db


def test_kingsmead_runs_a_round_to_a_delivered_project():
    generate(homes=400, years=1, seed=3, as_of=date(2026, 1, 15))

    assert add_demo_participatory() == 2

    round = ParticipatoryRound.objects.get(organisation__slug="kingsmead-tmo")
    assert round.stage == "decided"
    rejected = round.proposals.filter(feasibility="rejected")
    assert rejected.count() == 2 and all(p.reason for p in rejected)
    channels = set(Mark.objects.filter(ballot=round.ballot).values_list("channel", flat=True))
    assert channels == {"online", "paper"}
    won = round.proposals.filter(outcome="won")
    assert won.exists() and round.proposals.filter(outcome="skipped").exists()
    assert sum(p.cost for p in won) <= round.amount
    assert won.filter(project__status=ProjectStatus.DELIVERED).count() == 1
    assert ledger.balance(round.budget) < round.amount
    assert ParticipatoryRound.objects.get(organisation__slug="brookfield-tmc").stage == "proposals"
    assert add_demo_participatory() == 0
