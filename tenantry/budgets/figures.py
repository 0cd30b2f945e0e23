"""Every sum the budgets pages, exports and demo show: one home each (docs/budgets.md).

Money is held as Decimal pounds and pence; a share is rounded to the penny half up, as people
round by hand (core/figures.py `rounded`), and a split hands its odd pennies out so that the
parts always add up to the whole.
"""

from datetime import date
from decimal import Decimal

from tenantry.core.figures import rounded
from tenantry.core.periods import Period

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def quarter_split(amount: Decimal) -> list[Decimal]:
    """A year's budget as four quarters (April–June first) that add up to it exactly: equal
    shares to the penny, the odd pennies to the earliest quarters (£1,000.02 is £250.01,
    £250.01, £250.00, £250.00)."""
    pennies = int((amount / PENNY).to_integral_value())
    base, odd = divmod(pennies, 4)
    return [(Decimal(base + (1 if q < odd else 0)) * PENNY).quantize(PENNY) for q in range(4)]


def variance(budgeted: Decimal, actual: Decimal) -> Decimal:
    """Budget less what was spent: positive is underspent, negative overspent."""
    return (budgeted - actual).quantize(PENNY)


def variance_percent(budgeted: Decimal, actual: Decimal) -> Decimal | None:
    """The variance as a percentage of the budget, to one place; none when nothing was
    budgeted (any spend against nothing is not a percentage of it)."""
    if not budgeted:
        return None
    return rounded(variance(budgeted, actual) * 100 / budgeted, 1)


def per_home(total: Decimal, homes: int) -> Decimal | None:
    """A yearly sum per home, to the penny; none when there are no homes to share it."""
    if not homes:
        return None
    return rounded(total / homes, 2)


def allocation(per_home_per_year: Decimal, homes: int) -> Decimal:
    """An estate's allocation for a year: the amount per home times the homes on the estate."""
    return (per_home_per_year * homes).quantize(PENNY)


def carry_over(unspent: Decimal, limit: Decimal | None) -> Decimal:
    """What an estate budget carries into the next year: what is unspent at the year's end,
    never less than nothing, and no more than the limit the organisation sets (if any)."""
    kept = max(unspent, ZERO)
    if limit is not None:
        kept = min(kept, limit)
    return kept.quantize(PENNY)


def days_in(period: Period) -> int:
    return (period.end - period.start).days + 1


def cashback_saving(
    *, landlord_cost: Decimal, community_cost: Decimal, taken_over_on: date, year: Period
) -> Decimal:
    """What the community keeps for one financial year of a service it has taken over: the
    landlord's yearly cost less the community's, for the share of the year since the takeover
    (by days, the year's own 365 or 366), rounded half up to the penny. A service that costs
    the community more saves nothing: there is no negative cashback."""
    saving = landlord_cost - community_cost
    if saving <= 0 or taken_over_on > year.end:
        return ZERO
    start = max(taken_over_on, year.start)
    days = (year.end - start).days + 1
    return rounded(saving * days / days_in(year), 2)
