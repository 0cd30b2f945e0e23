"""Sample sizes and margins of error, as the Regulator of Social Housing computes them.

Both formulas were checked against every landlord's figures in the regulator's 2024/25 TSM
data (tsm2025_*_perception.csv: 353 low-cost rental, 59 shared-ownership and 2 combined
returns), where the "required minimum sample size" and the "estimated margin of error
achieved" are published unrounded:

- required sample size: n = n₀ / (1 + n₀ / N), with n₀ = z² × 0.25 / e². The data match this
  to the last digit; the variant n₀ / (1 + (n₀ − 1) / N) seen in some textbooks is about 0.05
  too high for every landlord, so it is not the regulator's rule.
- margin of error achieved: e = z × √(p(1 − p) / n) × √((N − n) / (N − 1)), with p = 0.5.

z is 1.96 at 95% confidence, the value the regulator uses. The required margin depends on the
number of tenants (TSM technical requirements): ±5% below 2,500, ±4% up to 9,999, ±3% up to
24,999 and ±2% from 25,000.

This module imports no models.
"""

import math
from statistics import NormalDist

# The regulator, like most survey practice, rounds z at 95% to 1.96 rather than 1.959964….
_CONVENTIONAL_Z = {0.90: 1.645, 0.95: 1.96, 0.99: 2.576}

# (fewest tenants, required margin of error), largest first.
TSM_MARGIN_BANDS = ((25_000, 0.02), (10_000, 0.03), (2_500, 0.04), (0, 0.05))


def z_score(confidence: float = 0.95) -> float:
    """The two-sided z value for a confidence level: 1.96 at 95%."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    for level, z in _CONVENTIONAL_Z.items():
        if math.isclose(confidence, level):
            return z
    return NormalDist().inv_cdf((1 + confidence) / 2)


def required_sample_size(population: int, margin: float, confidence: float = 0.95) -> float:
    """The responses needed for ±`margin` at `confidence`, finite-population corrected.

    Unrounded, as the regulator publishes it (e.g. 1,014.99 for 20,780 tenants at ±3%):
    round up to know how many responses to aim for.
    """
    if population < 1:
        raise ValueError(f"the population must be at least 1, not {population}")
    if not 0 < margin < 1:
        raise ValueError(f"the margin of error is a fraction such as 0.05, not {margin}")
    # p = 0.5 gives the largest variance, p(1 − p) = 0.25: the safe assumption before a survey.
    n0 = z_score(confidence) ** 2 * 0.25 / margin**2
    return n0 / (1 + n0 / population)


def tsm_margin_for(population: int) -> float:
    """The margin of error the TSM rules require for a landlord with this many tenants."""
    if population < 0:
        raise ValueError(f"the population must not be negative, not {population}")
    for fewest, margin in TSM_MARGIN_BANDS:
        if population >= fewest:
            return margin
    raise AssertionError("unreachable: the last band starts at 0")


def tsm_required_sample_size(population: int) -> float:
    """The TSM minimum sample size for this many tenants, unrounded."""
    return required_sample_size(population, tsm_margin_for(population))


def margin_of_error(
    proportion: float, n: int, population: int | None = None, *, confidence: float = 0.95
) -> float:
    """The ± margin of error of a proportion from `n` answers, as a fraction (0.031 = ±3.1%).

    With `population` the finite-population correction √((N − n) / (N − 1)) applies: a census
    (n = N) has no sampling error at all.
    """
    if not 0 <= proportion <= 1:
        raise ValueError(f"a proportion is between 0 and 1, not {proportion}")
    if n < 1:
        raise ValueError(f"a margin of error needs at least one answer, not {n}")
    error = z_score(confidence) * math.sqrt(proportion * (1 - proportion) / n)
    if population is None:
        return error
    if population < n:
        raise ValueError(f"{n} answers cannot come from a population of {population}")
    if population == 1:
        return 0.0
    return error * math.sqrt((population - n) / (population - 1))
