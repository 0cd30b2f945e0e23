"""A meeting's quorum, general or committee: how many must be there, and who counts towards it.

Each is one function here; the door page, the meeting page, the minutes and democratic health
call them. The figures come from the organisation's `Constitution`: a general meeting counts the
members on its day and takes proxies where the constitution allows them; a committee meeting
counts the committee members in office on its day, who attend in person (a director appoints no
proxy), against the constitution's committee quorum (`rules_for`).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .models.constitution import QuorumRule


@dataclass(frozen=True)
class QuorumRules:
    """The constitution's quorum for one kind of meeting."""

    rule: str
    number: int
    percent: Decimal
    proxies_allowed: bool
    of_committee: bool  # counted of the committee in office, not of all the members


def rules_for(*, constitution, general: bool) -> QuorumRules:
    """The quorum a general meeting (`general`) or a committee meeting follows: the one place
    that chooses between the constitution's two sets of quorum values."""
    if general:
        return QuorumRules(
            rule=constitution.quorum_rule,
            number=constitution.quorum_number,
            percent=constitution.quorum_percent,
            proxies_allowed=constitution.proxies_allowed,
            of_committee=False,
        )
    return QuorumRules(
        rule=constitution.committee_quorum_rule,
        number=constitution.committee_quorum_number,
        percent=constitution.committee_quorum_percent,
        proxies_allowed=False,
        of_committee=True,
    )


def quorum_needed(*, rule: str, number: int, percent: Decimal | int, members: int) -> int:
    """How many members (present, or by a proxy whose holder is present) make a meeting quorate.

    `rule` is the constitution's `quorum_rule`: a fixed `number`; a share (`percent`) of the
    `members` on the meeting's day, rounded up (10% of 123 members is 12.3, so 13 are needed: 12
    would fall short of the share); or the greater of the two. Companies Act 2006 s318 makes two
    the quorum unless the articles say otherwise; a society's rules often set the greater of a
    number and a share (REFERENCE.md, "Governance"; docs/meetings.md).
    """
    # Decimal arithmetic, so 10% of 150 is exactly 15 and not 15.000000000000002 rounded to 16.
    share = math.ceil(Decimal(str(percent)) * members / 100)
    if rule == QuorumRule.NUMBER:
        return number
    if rule == QuorumRule.SHARE:
        return share
    return max(number, share)


@dataclass(frozen=True)
class ProxyVote:
    """A proxy as the quorum sees it: whose it is, who holds it, when it was lodged."""

    member: int  # the appointing membership's id
    holder: int  # the holder's membership id
    lodged_at: datetime


@dataclass(frozen=True)
class Count:
    present: int  # members marked present, in person or online
    proxies: int  # valid proxies whose holder is present
    needed: int
    of: int = 0  # the members (or the committee in office) the quorum was worked out of

    @property
    def total(self) -> int:
        return self.present + self.proxies

    @property
    def quorate(self) -> bool:
        return self.total >= self.needed


def count_towards_quorum(
    *,
    present: Iterable[int],
    proxies: Iterable[ProxyVote],
    deadline: datetime,
    proxies_allowed: bool,
    needed: int,
) -> Count:
    """Who counts towards the quorum: each member present (in person or online), plus each valid
    proxy whose holder is present.

    A proxy counts only where the constitution allows proxies, it was lodged by `deadline`
    (`notice.proxy_deadline`), its holder is present (a proxy held by someone absent counts for
    nothing) and the member who appointed it is not there themselves (they count once, in
    person). Non-members (observers) are never passed in: they do not count. Companies Act 2006
    s318 counts a proxy as a qualifying person; the constitution decides the rest.
    """
    here = set(present)
    counted = set()
    if proxies_allowed:
        for proxy in proxies:
            if proxy.lodged_at <= deadline and proxy.holder in here and proxy.member not in here:
                counted.add(proxy.member)
    return Count(present=len(here), proxies=len(counted), needed=needed)
