"""The top quarter of landlords is worked out once (peers.spread, fed by
benchmarks.peer_spreads) and the indicator page, the benchmark page and the five-year goal
all give the same figures for the same published values.

Hand-worked: BS01 (higher is better), 2024/25, five landlords at 95, 97, 98, 99 and 100, one
that left it blank ([X]) and one that published 0 with no homes behind it. Both of the last
two are left out, so QUARTILE.INC of the five: position (5 - 1) × p gives 97, 98 and 99. The
top quarter runs from 99 to the best figure, 100. Had the 0 been kept, the lower quartile
would be 95.5 and the upper 98.75.

CH01-1 (lower is better, low-cost rental): 10, 20, 30, 40, 50 and a 0 over 0 homes. Lower
quartile 20, so the top quarter runs from the best, 10, to 20.
"""

from datetime import date
from decimal import Decimal

import pytest

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.indicators import benchmarks, peers
from tenantry.indicators.models import Indicator, PeerLandlord, PeerValue
from tenantry.indicators.target_tracking import top_quartile_goal
from tenantry.indicators.views.indicator import top_quarters

pytestmark = pytest.mark.django_db

YEAR = financial_year("2024/25")


def _published(code: str, stock: str, values: list) -> None:
    for number, value in enumerate(values):
        landlord = PeerLandlord.objects.create(
            year_label=YEAR.label, code=f"L{number}", name=f"Landlord {number}"
        )
        if value == "[X]":
            PeerValue.objects.create(landlord=landlord, code=code, stock_type=stock, marker="[X]")
        elif value == 0:
            PeerValue.objects.create(
                landlord=landlord, code=code, stock_type=stock, value=0, denominator=0
            )
        else:
            PeerValue.objects.create(
                landlord=landlord, code=code, stock_type=stock, value=value, denominator=1000
            )


def D(*numbers) -> tuple:
    return tuple(Decimal(str(n)) for n in numbers)


def _national_quartiles(cast, indicator: Indicator, stock: str = "lcra") -> tuple:
    found = benchmarks.benchmark(
        organisation=cast.tmo,
        indicator=indicator,
        year=YEAR,
        roles=frozenset({Role.RESIDENT}),
        filters=benchmarks.Filters(stock=stock),
    )
    return found.national.quartiles


def test_every_caller_gives_the_same_top_quarter_when_higher_is_better(cast):
    bs01 = Indicator.objects.get(code="BS01", organisation__isnull=True)
    _published("BS01", "", [95, 97, 98, 99, 100, "[X]", 0])

    assert peers.spread([95, 97, 98, 99, 100], higher_is_better=True).quartiles == D(97, 98, 99)
    # the benchmark page, its national group and its API for other pages
    assert _national_quartiles(cast, bs01) == D(97, 98, 99)
    assert benchmarks.peer_quartiles(code="BS01", year_label="2024/25", stock_type="") == D(
        97, 98, 99
    )
    # the indicator page's shaded band
    assert top_quarters(bs01, [YEAR], "") == {"2024/25": D(99, 100)}
    # the five-year goal
    goal = top_quartile_goal(indicator=bs01, today=date(2025, 6, 1))
    assert (goal.lower, goal.median, goal.upper, goal.threshold) == D(97, 98, 99, 99)


def test_every_caller_gives_the_same_top_quarter_when_lower_is_better(cast):
    ch01 = Indicator.objects.get(code="CH01-1", organisation__isnull=True)
    _published("CH01-1", "lcra", [10, 20, 30, 40, 50, 0])

    assert _national_quartiles(cast, ch01) == D(20, 30, 40)
    assert top_quarters(ch01, [YEAR], "") == {"2024/25": D(10, 20)}
    assert top_quartile_goal(indicator=ch01, today=date(2025, 6, 1)).threshold == Decimal(20)


def test_with_fewer_than_four_comparable_figures_no_caller_shows_quartiles(cast):
    bs01 = Indicator.objects.get(code="BS01", organisation__isnull=True)
    # Three figures, a blank and a 0 over nothing: five rows, three to compare.
    _published("BS01", "", [95, 97, 98, "[X]", 0])

    assert _national_quartiles(cast, bs01) is None
    assert benchmarks.peer_quartiles(code="BS01", year_label="2024/25", stock_type="") is None
    assert top_quarters(bs01, [YEAR], "") == {}
    assert top_quartile_goal(indicator=bs01, today=date(2025, 6, 1)) is None


def test_the_indicator_page_asks_for_every_years_band_in_one_query(cast, django_assert_num_queries):
    bs01 = Indicator.objects.get(code="BS01", organisation__isnull=True)
    years = [financial_year(f"{y}/{(y + 1) % 100:02d}") for y in range(2020, 2025)]
    with django_assert_num_queries(1):
        top_quarters(bs01, years, "")
