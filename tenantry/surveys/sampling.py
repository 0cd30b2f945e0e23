"""Choosing which households to invite: a census, or a random sample stratified by estate.

A stratified sample gives every estate its fair share of the invitations, so a small estate
is not left out by chance. The share is proportional to the estate's size, rounded by the
largest-remainder method (Hamilton's method): each estate first gets the whole part of its
exact share, and the invitations still to give go one each to the estates whose exact shares
had the largest fractional parts. Within each estate the households are a simple random
sample.

The draw is reproducible: the same population (the same estates, each listing the same
households in the same order) and the same seed always give the same households. Record the
seed with the survey so anyone can check the sample was drawn fairly.

This module imports no models: it works on plain identifiers so it can be tested by hand.
"""

import random
from collections.abc import Mapping, Sequence


def allocate(sizes: Mapping[str, int], size: int) -> dict[str, int]:
    """How many to draw from each stratum: proportional shares, largest remainders first.

    Ties between equal remainders go to the larger stratum, then to the stratum whose name
    sorts first, so the allocation never depends on the order of the mapping.
    """
    if size < 0:
        raise ValueError(f"the sample size must not be negative, not {size}")
    if any(count < 0 for count in sizes.values()):
        raise ValueError("a stratum cannot have a negative number of members")
    total = sum(sizes.values())
    if size >= total:
        return dict(sizes)
    # Integer arithmetic keeps the remainders exact: stratum s is owed size × N_s / N.
    whole = {name: size * count // total for name, count in sizes.items()}
    remainder = {name: size * count % total for name, count in sizes.items()}
    left = size - sum(whole.values())
    order = sorted(sizes, key=lambda name: (-remainder[name], -sizes[name], name))
    for name in order[:left]:
        whole[name] += 1
    return whole


def stratified_sample(population: Mapping[str, Sequence[int]], size: int, seed: int) -> list[int]:
    """A random sample of `size` identifiers, allocated to strata in proportion to their size.

    `population` maps each stratum (an estate) to the identifiers of its members (households).
    When `size` is at least the whole population the result is a census: every identifier.
    The result lists the chosen identifiers stratum by stratum (strata in name order), each
    stratum's in the order the population gave them, and is the same for the same population
    order and seed.
    """
    seen: set[int] = set()
    for name, members in population.items():
        for member in members:
            if member in seen:
                raise ValueError(f"{member} appears more than once (again in stratum {name!r})")
            seen.add(member)
    quotas = allocate({name: len(members) for name, members in population.items()}, size)
    rng = random.Random(seed)
    chosen: list[int] = []
    for name in sorted(population):
        members = list(population[name])
        quota = quotas[name]
        if quota >= len(members):
            chosen.extend(members)
            continue
        picked = set(rng.sample(range(len(members)), quota))
        chosen.extend(member for index, member in enumerate(members) if index in picked)
    return chosen
