"""Option appraisal: the weighted score worked out by hand, ties, and missing scores refused."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from tenantry.reviews.appraisal import rank, weighted_score


class Named(SimpleNamespace):
    def __str__(self):
        return self.name


def test_weighted_score_by_hand():
    # cost 40%, quality 60%: (40 × 8 + 60 × 5) ÷ 100 = (320 + 300) ÷ 100 = 6.2
    assert weighted_score(cost=8, quality=5, cost_weight=40) == Decimal("6.2")
    # all on cost: the cost score itself; all on quality: the quality score itself
    assert weighted_score(cost=3, quality=9, cost_weight=100) == Decimal("3.0")
    assert weighted_score(cost=3, quality=9, cost_weight=0) == Decimal("9.0")
    # 35/65: (35 × 7 + 65 × 4) ÷ 100 = (245 + 260) ÷ 100 = 5.05 → 5.1 (halves round up)
    assert weighted_score(cost=7, quality=4, cost_weight=35) == Decimal("5.1")


def test_weight_outside_0_to_100_is_refused():
    with pytest.raises(ValidationError):
        weighted_score(cost=5, quality=5, cost_weight=101)


def test_options_ranked_best_first_with_ties_sharing_a_rank():
    in_house = Named(name="In-house", cost_score=8, quality_score=5)  # 6.2
    contractor = Named(name="Contractor", cost_score=4, quality_score=9)  # (160+540)/100 = 7.0
    joint = Named(name="Joint", cost_score=7, quality_score=6)  # (280+360)/100 = 6.4
    hand_back = Named(name="Hand back", cost_score=10, quality_score=5)  # (400+300)/100 = 7.0

    ranked = rank([in_house, contractor, joint, hand_back], cost_weight=40)

    assert [(r.option.name, r.score, r.rank, r.tied) for r in ranked] == [
        ("Contractor", Decimal("7.0"), 1, True),
        ("Hand back", Decimal("7.0"), 1, True),  # tied: same rank, in the order added
        ("Joint", Decimal("6.4"), 3, False),  # third, not second: two came before it
        ("In-house", Decimal("6.2"), 4, False),
    ]


def test_a_missing_score_is_refused_not_taken_as_zero():
    scored = Named(name="In-house", cost_score=8, quality_score=5)
    unscored = Named(name="Contractor", cost_score=None, quality_score=9)
    with pytest.raises(ValidationError) as refused:
        rank([scored, unscored], cost_weight=40)
    assert "Contractor" in refused.value.messages[0]


def test_no_options_rank_to_nothing():
    assert rank([], cost_weight=40) == []
