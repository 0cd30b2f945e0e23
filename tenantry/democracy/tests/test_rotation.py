"""Who retires at the next AGM, worked by hand (Table A 1985 regs 73-74)."""

from datetime import date

import pytest

from tenantry.democracy.models import CommitteeTerm, SeatKind
from tenantry.democracy.rotation import retiring_at, retiring_count

AGM = date(2026, 9, 30)


def _terms(*starts, kind=SeatKind.TENANT):
    # Each a distinct pk (model instances with the same pk are equal), named P1, P2… in order.
    return [
        CommitteeTerm(
            pk=SeatKind.values.index(kind) * 100 + i + 1, kind=kind, starts_on=day, name=f"P{i + 1}"
        )
        for i, day in enumerate(starts)
    ]


@pytest.mark.parametrize(
    ("elected", "denominator", "retire"),
    [(9, 3, 3), (7, 3, 2), (8, 3, 3), (4, 3, 1), (5, 3, 2), (1, 3, 0), (2, 3, 1),
     (5, 2, 3), (4, 2, 2), (6, 1, 6), (6, 0, 0), (0, 3, 0)],
)  # fmt: skip
def test_the_number_nearest_the_share_retires(elected, denominator, retire):
    # 7 / 3 = 2.33 → 2; 8 / 3 = 2.67 → 3; 5 / 2 = 2.5, half-way → 3; 2 / 3 = 0.67 → 1.
    assert retiring_count(elected, denominator) == retire


def test_those_longest_in_office_since_their_election_retire_first():
    terms = _terms(
        date(2024, 9, 20), date(2025, 9, 18), date(2024, 9, 20), date(2023, 9, 21),
        date(2025, 9, 18), date(2025, 12, 1),
    )  # fmt: skip
    # 6 elected: 2 retire. P4 (2023) first, then P1 and P3 (2024) tie for the last place.
    result = retiring_at(terms, agm=AGM, denominator=3, term_years=3)
    assert [t.name for t in result.retiring] == ["P4"]
    assert [t.name for t in result.tied] == ["P1", "P3"]
    assert result.by_lot == 1


def test_a_whole_day_of_ties_retires_together_when_all_must_go():
    terms = _terms(date(2023, 10, 1), date(2024, 9, 20), date(2024, 9, 20), date(2025, 9, 18),
                   date(2025, 9, 18), date(2025, 9, 18), date(2025, 9, 18), date(2025, 9, 18),
                   date(2025, 9, 18))  # fmt: skip
    # 9 elected: 3 retire: P1 (2023), then P2 and P3 (2024) fill the three places exactly.
    result = retiring_at(terms, agm=AGM, denominator=3, term_years=3)
    assert [t.name for t in result.retiring] == ["P1", "P2", "P3"]
    assert result.tied == [] and result.by_lot == 0


def test_those_whose_term_runs_out_retire_even_beyond_the_share():
    terms = _terms(date(2023, 9, 28), date(2023, 9, 30), date(2023, 10, 1), date(2025, 9, 18))
    # 4 elected: 1 by rotation, but P1 and P2 reach 3 years by 30 September 2026: both go.
    result = retiring_at(terms, agm=AGM, denominator=3, term_years=3)
    assert [t.name for t in result.retiring] == ["P1", "P2"]
    assert [t.name for t in result.out_of_term] == ["P1", "P2"]


def test_co_opted_members_retire_at_the_agm_and_appointees_do_not_rotate():
    tenants = _terms(date(2024, 9, 20), date(2025, 9, 18), date(2025, 9, 18))
    co_opted = _terms(date(2026, 1, 10), kind=SeatKind.CO_OPTED)
    nominee = _terms(date(2020, 1, 1), kind=SeatKind.LANDLORD_NOMINEE)
    result = retiring_at(tenants + co_opted + nominee, agm=AGM, denominator=3, term_years=3)
    assert [t.name for t in result.retiring] == ["P1"]
    assert result.co_opted == co_opted
    assert nominee[0] not in result.retiring
