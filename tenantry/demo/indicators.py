"""The demo landlord's figures: every computed indicator for recent years and quarters."""

from datetime import date

from tenantry.core.periods import financial_year_of, quarters_of
from tenantry.indicators.services.results import compute_results
from tenantry.organisations.models import Organisation


def compute_demo_results(*, landlord: Organisation, as_of: date, years: int = 3) -> int:
    """Compute the last `years` financial years and this year's quarters so far, for the
    landlord and every organisation it works with; returns how many results were stored."""
    this_year = financial_year_of(as_of)
    periods = [financial_year_of(date(this_year.start.year - n, 4, 1)) for n in range(years)]
    periods += [q for q in quarters_of(as_of) if q.start <= as_of]
    return sum(len(compute_results(organisation=landlord, period=p)) for p in periods)
