"""Who retires from the committee at the next AGM: the rotation rule, in one function.

The rule is the one the Companies (Tables A to F) Regulations 1985, Table A regs 73-74, made
familiar and most TMO articles and society rules repeat:
- of the members holding elected seats (tenant and leaseholder seats), one in
  `retire_share_denominator` retires at each AGM (a third by default); where the number is not
  a multiple, the number nearest to that share retires (a half-way number, possible only for a
  half, is rounded up);
- those longest in office since they were last elected retire first;
- anyone whose term (`term_years`) will have run out by the AGM retires whatever the share, and
  counts towards it;
- between people elected on the same day where only some must go, Table A says "by lot, unless
  they agree among themselves": Tenantry does not draw the lot, it names everyone tied and how
  many of them retire, and the committee records the result.
Co-opted members serve until the next AGM, so they all retire then too (listed apart).
Independents and the landlord's nominees are appointed, not elected, and do not rotate.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import CommitteeTerm, SeatKind
from .models.constitution import ELECTED_SEATS


@dataclass
class Rotation:
    retiring: list[CommitteeTerm] = field(default_factory=list)  # certain to retire
    tied: list[CommitteeTerm] = field(default_factory=list)  # `by_lot` of these retire
    by_lot: int = 0
    co_opted: list[CommitteeTerm] = field(default_factory=list)
    out_of_term: list[CommitteeTerm] = field(default_factory=list)  # term runs out by then


def retiring_count(elected: int, denominator: int) -> int:
    """How many of `elected` members retire: the number nearest to 1/denominator of them."""
    if denominator <= 0 or elected == 0:
        return 0
    return int((Decimal(elected) / denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def retiring_at(
    terms: list[CommitteeTerm], *, agm: date, denominator: int, term_years: int
) -> Rotation:
    """Who of the committee holding `terms` (current terms) retires at the AGM on `agm`."""
    result = Rotation()
    elected = [t for t in terms if t.kind in ELECTED_SEATS]
    result.co_opted = [t for t in terms if t.kind == SeatKind.CO_OPTED]
    result.out_of_term = [t for t in elected if _years_later(t.starts_on, term_years) <= agm]

    wanted = max(retiring_count(len(elected), denominator), len(result.out_of_term))
    result.retiring = list(result.out_of_term)
    others = sorted(
        (t for t in elected if t not in result.out_of_term), key=lambda t: (t.starts_on, t.pk)
    )
    left = wanted - len(result.retiring)
    if left <= 0:
        return result
    cut = others[left - 1].starts_on  # the start day of the last one who must go
    before = [t for t in others if t.starts_on < cut]
    same_day = [t for t in others if t.starts_on == cut]
    result.retiring += before
    left -= len(before)
    if left == len(same_day):
        result.retiring += same_day
    else:
        result.tied, result.by_lot = same_day, left
    return result
