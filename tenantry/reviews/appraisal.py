"""Option appraisal at step 6: each option scored on cost and on quality, weighted.

**How the weighted score is worked out** (docs/reviews.md says the same): each option has a
cost score and a quality score, each a whole number from 0 to 10 (10 is the cheapest, or the
best quality). The review sets the weight of cost in per cent (the weight of quality is the
rest, so the two add up to 100). An option's weighted score is

    (cost weight × cost score + quality weight × quality score) ÷ 100

kept to one decimal place, so it is also out of 10. With cost 40% and quality 60%, an option
scoring 8 on cost and 5 on quality scores (40 × 8 + 60 × 5) ÷ 100 = 6.2.

Options are ranked by weighted score, highest first; options with the same score share a rank
(both are "1st equal") and stay in the order they were added. No ranking is given while any
option lacks a score: a missing score is not a zero.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_COST_WEIGHT = 40  # Best Value weighs quality, not just cost (the Guide, step 6)


@dataclass(frozen=True)
class Ranked:
    option: object
    score: Decimal
    rank: int
    tied: bool


def weighted_score(*, cost: int, quality: int, cost_weight: int) -> Decimal:
    """(cost weight × cost + quality weight × quality) ÷ 100, to one decimal place."""
    if not 0 <= cost_weight <= 100:
        raise ValidationError(_("The weight of cost must be between 0 and 100 per cent"))
    total = Decimal(cost_weight * cost + (100 - cost_weight) * quality) / 100
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rank(options, *, cost_weight: int) -> list[Ranked]:
    """The options, best first, with their weighted scores and ranks. Refused (ValidationError
    naming them) while any option lacks a cost or quality score."""
    options = list(options)
    unscored = [o for o in options if o.cost_score is None or o.quality_score is None]
    if unscored:
        raise ValidationError(
            _("Give every option a cost and a quality score before they are ranked: %(names)s")
            % {"names": ", ".join(str(o) for o in unscored)}
        )
    scored = [
        (weighted_score(cost=o.cost_score, quality=o.quality_score, cost_weight=cost_weight), i, o)
        for i, o in enumerate(options)
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    counts: dict[Decimal, int] = {}
    for score, _i, _o in scored:
        counts[score] = counts.get(score, 0) + 1
    ranked, previous, place = [], None, 0
    for position, (score, _i, option) in enumerate(scored, start=1):
        if score != previous:
            place, previous = position, score
        ranked.append(Ranked(option=option, score=score, rank=place, tied=counts[score] > 1))
    return ranked
