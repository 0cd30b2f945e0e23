"""The TSM sample: how many answers the regulator's rules ask for, for each stock type.

The one rule: a TSM sample is sized on the relevant stock type's households, never on all
households. Low-cost rental (LCRA) and low-cost home ownership (LCHO) are sized separately,
each on its own current households, because the regulator requires the measures reported
separately for each (../shared/REFERENCE.md, "Sample accuracy"). Homes of another stock type
(leasehold bought outright, market rent) are in no TSM population.

The arithmetic is statistics.tsm_required_sample_size (n = n₀ / (1 + n₀ / N), rounded up here
to the answers to aim for). The results page, the invitation page and the results workbook
(exports.tsm_sample_rows) call `tsm_samples`; tests/test_tsm_sample.py pins them to it.
"""

import math
from dataclasses import dataclass

from django.db.models import Count, Q

from tenantry.homes.models import StockType
from tenantry.organisations.models import Organisation

from .models import Survey
from .selectors import current_households
from .statistics import tsm_margin_for, tsm_required_sample_size

# The stock types the TSM are reported for, in the order they are shown.
TSM_STOCK_TYPES = (StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP)


@dataclass(frozen=True)
class TsmSample:
    """The TSM requirement for one stock type."""

    stock_type: StockType
    population: int  # the stock type's current households
    received: int | None = None  # the survey's answers from that stock type, if a survey

    @property
    def label(self) -> str:
        return StockType(self.stock_type).label

    @property
    def margin(self) -> float:
        """The margin of error required, as a fraction (0.05 = ±5%)."""
        return tsm_margin_for(self.population)

    @property
    def margin_percent(self) -> int:
        return round(self.margin * 100)

    @property
    def required(self) -> int:
        """The fewest answers that meet the rules: the unrounded figure rounded up."""
        return math.ceil(tsm_required_sample_size(self.population))

    @property
    def met(self) -> bool:
        return self.received is not None and self.received >= self.required


def tsm_sample(stock_type: StockType, population: int, received: int | None = None) -> TsmSample:
    """The requirement for `population` households of one stock type."""
    if stock_type not in TSM_STOCK_TYPES:
        raise ValueError(f"the TSM are not reported for {stock_type!r} homes")
    return TsmSample(StockType(stock_type), population, received)


def tsm_samples(*, organisation: Organisation, survey: Survey | None = None) -> list[TsmSample]:
    """The requirement for each stock type the organisation has households of, LCRA first.

    With a survey, each carries the answers received from that stock type's households.
    """
    counts = current_households(organisation=organisation).aggregate(
        **{
            kind.value: Count("pk", filter=Q(home__stock_type=kind.value))
            for kind in TSM_STOCK_TYPES
        }
    )
    received: dict[str, int] = {}
    if survey is not None:
        received = survey.responses.aggregate(
            **{kind.value: Count("pk", filter=Q(stock_type=kind.value)) for kind in TSM_STOCK_TYPES}
        )
    return [
        tsm_sample(kind, counts[kind.value], received.get(kind.value) if survey else None)
        for kind in TSM_STOCK_TYPES
        if counts[kind.value]
    ]
