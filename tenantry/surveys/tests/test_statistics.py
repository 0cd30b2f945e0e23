"""Sample sizes and margins of error, checked by hand and against the regulator's own data."""

import csv
import math

import pytest

from tenantry.core.tests.regulator_data import TSM_DATA
from tenantry.surveys.statistics import (
    margin_of_error,
    required_sample_size,
    tsm_margin_for,
    tsm_required_sample_size,
    z_score,
)

MARKERS = {"[X]", "[Z]", "[U]", "[E]", "[S]"}


def _column(header, start):
    """The index of the column whose heading starts with `start` (headings carry footnotes)."""
    for index, heading in enumerate(header):
        if heading.replace("\xa0", " ").startswith(start):
            return index
    raise LookupError(start)


def _published(name):
    """(landlord, tenants, required size, responses, margin %) rows; markers become None."""
    path = TSM_DATA / name
    if not path.exists():
        pytest.skip(f"the regulator's data is not at {path}")
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    header = rows[0]
    columns = [
        _column(header, "Relevant tenant population size"),
        _column(header, "Required minimum sample size"),
        _column(header, "Total sample size achieved"),
        _column(header, "Estimated margin of error achieved"),
    ]

    def number(text):
        text = text.strip()
        if text in MARKERS or text == "":
            return None
        return float(text.replace(",", ""))

    return [(row[0], *(number(row[i]) for i in columns)) for row in rows[1:] if row[0]]


def test_z_is_1_96_at_95_percent_confidence():
    assert z_score() == 1.96
    assert z_score(0.99) == 2.576
    assert z_score(0.80) == pytest.approx(1.2816, abs=1e-4)


def test_required_sample_size_by_hand():
    # ±5% of 1,000 tenants: n₀ = 1.96² × 0.25 / 0.05² = 3.8416 × 0.25 / 0.0025 = 384.16;
    # n = 384.16 / (1 + 384.16 / 1000) = 384.16 / 1.38416 = 277.5402…
    assert required_sample_size(1000, 0.05) == pytest.approx(277.54017, abs=1e-5)
    # ±3% of 20,780 (the regulator's figure for one landlord is 1,014.98860769794):
    # n₀ = 0.9604 / 0.0009 = 1067.1111…; n = 1067.1111 / (1 + 1067.1111 / 20780) = 1014.9886…
    assert required_sample_size(20780, 0.03) == pytest.approx(1014.98860769794, abs=1e-9)


def test_a_tiny_population_needs_nearly_everyone():
    # 10 tenants at ±5%: 384.16 / (1 + 38.416) = 9.7463…
    assert required_sample_size(10, 0.05) == pytest.approx(9.74630, abs=1e-5)


def test_tsm_margins_follow_the_number_of_tenants():
    assert tsm_margin_for(0) == 0.05
    assert tsm_margin_for(2_499) == 0.05
    assert tsm_margin_for(2_500) == 0.04
    assert tsm_margin_for(9_999) == 0.04
    assert tsm_margin_for(10_000) == 0.03
    assert tsm_margin_for(24_999) == 0.03
    assert tsm_margin_for(25_000) == 0.02
    assert tsm_margin_for(97_494) == 0.02


def test_the_tsm_requirement_for_a_small_organisation():
    # 300 homes, ±5%: 384.16 / (1 + 384.16 / 300) = 384.16 / 2.28053… = 168.4518…
    assert tsm_required_sample_size(300) == pytest.approx(168.45182, abs=1e-5)


def test_margin_of_error_without_and_with_the_finite_population_correction():
    # 60% of 400 answers: 1.96 × √(0.6 × 0.4 / 400) = 1.96 × 0.024495 = 0.048010
    assert margin_of_error(0.6, 400) == pytest.approx(0.0480100, abs=1e-7)
    # From 1,000 tenants: × √(600 / 999) = × 0.774984 → 0.037207
    assert margin_of_error(0.6, 400, 1000) == pytest.approx(0.0372070, abs=1e-6)


def test_a_census_has_no_sampling_error():
    assert margin_of_error(0.5, 250, 250) == 0.0
    assert margin_of_error(1.0, 1, 1) == 0.0


def test_impossible_inputs_are_refused():
    with pytest.raises(ValueError):
        margin_of_error(0.5, 0)
    with pytest.raises(ValueError):
        margin_of_error(0.5, 20, 10)
    with pytest.raises(ValueError):
        margin_of_error(1.5, 20)
    with pytest.raises(ValueError):
        required_sample_size(0, 0.05)
    with pytest.raises(ValueError):
        required_sample_size(100, 5)


@pytest.mark.parametrize(
    ("name", "landlords"),
    [
        ("tsm2025_lcra_perception.csv", 353),
        ("tsm2025_lcho_perception.csv", 59),
        ("tsm2025_combined_perception.csv", 2),
    ],
)
def test_required_sample_size_matches_every_landlord_in_the_regulators_2024_25_data(
    name, landlords
):
    checked = 0
    for landlord, tenants, required, _responses, _margin in _published(name):
        if tenants is None or required is None:
            continue  # a marker: blank, not required, suppressed or excluded
        computed = tsm_required_sample_size(int(tenants))
        assert computed == pytest.approx(required, rel=1e-12), landlord
        checked += 1
    assert checked == landlords


@pytest.mark.parametrize(
    ("name", "landlords"),
    [
        ("tsm2025_lcra_perception.csv", 353),
        ("tsm2025_lcho_perception.csv", 59),
    ],
)
def test_margin_of_error_matches_every_landlords_published_margin(name, landlords):
    checked = 0
    for landlord, tenants, _required, responses, margin in _published(name):
        if None in (tenants, responses, margin):
            continue
        computed = margin_of_error(0.5, int(responses), int(tenants)) * 100
        assert math.isclose(computed, margin, rel_tol=1e-9), landlord
        checked += 1
    assert checked == landlords
