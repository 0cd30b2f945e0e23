"""Reach: who answered a survey, against who lives there — so the hard to reach show up.

For each characteristic (age band, disability, ethnic group, first language, communication
needs, estate, tenure) the profile of the respondents is set beside the profile of the
residents, group by group:

- a group's *share* is its count divided by the count of everyone whose group is known for
  that characteristic ("prefer not to say" and not recorded are left out of both shares and
  shown on their own line, never flagged);
- the *representation ratio* is the respondents' share divided by the residents' share: 1.0
  means the group answered in proportion, 0.5 that it gave half the answers its size would
  lead you to expect.

**The rule for "under-represented"** (the flag a review acts on): a group is under-represented
when its representation ratio is below 0.8 — the respondents' share is less than four fifths
of the residents' share — and at least 10 residents are in the group. Smaller groups are
marked "too few to judge": one answer more or less swings their share so much that a flag
would mean nothing, but they are still listed so nobody is forgotten. Both numbers are
parameters of `reach_table`. The four-fifths line follows the "four-fifths rule" long used to
judge whether a group is fairly represented in a selection.

The *shortfall* tells a review whom to go and find: how many more answers from the group
would have brought its share up to its share of residents (rounded up), holding the other
groups' answers as they are.

This module imports no models: it works on counts, so the same function serves the results
page, the exports and the benchmark.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

UNDER_REPRESENTED_BELOW = 0.8
SMALLEST_GROUP = 10

# Group keys that mean "we do not know": shown, never compared.
NOT_KNOWN = frozenset({"", "not_said", "not_sure", "not_known", "unknown", "prefer_not_to_say"})

Status = Literal["under_represented", "represented", "too_few_to_judge", "not_known"]


@dataclass(frozen=True)
class ReachRow:
    """One group of one characteristic: respondents against residents."""

    characteristic: str
    group: str
    respondents: int
    residents: int
    respondent_share: float | None  # of respondents whose group is known
    resident_share: float | None  # of residents whose group is known
    ratio: float | None  # respondent_share ÷ resident_share
    status: Status
    shortfall: int = 0  # more answers needed to reach the group's share of residents

    @property
    def under_represented(self) -> bool:
        return self.status == "under_represented"


def _is_known(group: str | None) -> bool:
    return group is not None and group not in NOT_KNOWN


def _shortfall(respondents: int, known_respondents: int, resident_share: float) -> int:
    """Extra answers x from the group so that (r + x) / (R + x) reaches the residents' share."""
    if resident_share >= 1:
        return 0
    # (r + x) / (R + x) = s  ⇒  x = (s·R − r) / (1 − s)
    needed = (resident_share * known_respondents - respondents) / (1 - resident_share)
    # A small tolerance keeps floating-point noise from asking for one answer too many.
    return max(0, math.ceil(needed - 1e-9))


def compare_groups(
    characteristic: str,
    respondents: Mapping[str | None, int],
    residents: Mapping[str | None, int],
    *,
    below: float = UNDER_REPRESENTED_BELOW,
    smallest_group: int = SMALLEST_GROUP,
    respondents_known: int | None = None,
    residents_known: int | None = None,
) -> list[ReachRow]:
    """The reach rows of one characteristic, in the residents' group order.

    Groups found only among respondents follow; groups not known come last. Shares are of the
    people whose group is known: the sum of the known groups' counts, unless the caller says
    how many people that is (`respondents_known`, `residents_known`) because one person can be
    in several groups (communication needs).
    """
    groups = list(residents)
    groups += [group for group in respondents if group not in residents]
    known = [group for group in groups if _is_known(group)]
    unknown = [group for group in groups if not _is_known(group)]
    known_respondents = sum(respondents.get(group, 0) for group in known)
    known_residents = sum(residents.get(group, 0) for group in known)
    if respondents_known is not None:
        known_respondents = respondents_known
    if residents_known is not None:
        known_residents = residents_known

    rows = []
    for group in known:
        answered = respondents.get(group, 0)
        living = residents.get(group, 0)
        respondent_share = answered / known_respondents if known_respondents else None
        resident_share = living / known_residents if known_residents else None
        ratio = None
        if respondent_share is not None and resident_share:
            ratio = respondent_share / resident_share
        shortfall = 0
        if living < smallest_group or ratio is None:
            status: Status = "too_few_to_judge"
        elif ratio < below and not math.isclose(ratio, below):  # exactly 0.8 is not below
            status = "under_represented"
            shortfall = _shortfall(answered, known_respondents, resident_share)
        else:
            status = "represented"
        rows.append(
            ReachRow(
                characteristic=characteristic,
                group=group,
                respondents=answered,
                residents=living,
                respondent_share=respondent_share,
                resident_share=resident_share,
                ratio=ratio,
                status=status,
                shortfall=shortfall,
            )
        )
    for group in unknown:
        rows.append(
            ReachRow(
                characteristic=characteristic,
                group=group or "",
                respondents=respondents.get(group, 0),
                residents=residents.get(group, 0),
                respondent_share=None,
                resident_share=None,
                ratio=None,
                status="not_known",
            )
        )
    return rows


def reach_table(
    respondents: Mapping[str, Mapping[str | None, int]],
    residents: Mapping[str, Mapping[str | None, int]],
    *,
    below: float = UNDER_REPRESENTED_BELOW,
    smallest_group: int = SMALLEST_GROUP,
) -> list[ReachRow]:
    """Every characteristic's reach rows: {characteristic: {group: count}} for each side.

    Characteristics come in the residents' order, then any known only from respondents.
    """
    characteristics = list(residents) + [c for c in respondents if c not in residents]
    rows: list[ReachRow] = []
    for characteristic in characteristics:
        rows += compare_groups(
            characteristic,
            respondents.get(characteristic, {}),
            residents.get(characteristic, {}),
            below=below,
            smallest_group=smallest_group,
        )
    return rows


def hard_to_reach(rows: list[ReachRow]) -> list[ReachRow]:
    """The under-represented groups, furthest behind first."""
    flagged = [row for row in rows if row.under_represented]
    return sorted(flagged, key=lambda row: (row.ratio or 0.0, -row.residents))
