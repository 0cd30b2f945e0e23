"""Whether a resolution is carried on a show of hands, and the outcome in words and numbers.

One function decides (`decide`); the motion service stores what it says, and the minutes and the
decisions log quote it. The thresholds come from the organisation's `Constitution`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.figures import figure_text, rounded

from .models.meetings import ResolutionKind as Kind


@dataclass(frozen=True)
class Decision:
    carried: bool
    votes_for: int
    against: int
    abstentions: int
    votes_cast: int
    share_for: Decimal | None  # percent of votes cast that were for; None when none were cast
    threshold: Decimal
    kind: str
    abstentions_count: bool

    def sentence(self) -> str:
        """The outcome in words and numbers, as the minutes and the decisions log give it:
        "Carried: 31 for, 4 against, 2 abstentions — a special resolution needs at least 75% of
        votes cast; 89% voted for"."""
        verdict = _("Carried") if self.carried else _("Not carried")
        counts = _("%(for)s for, %(against)s against, %(abstentions)s") % {
            "for": self.votes_for,
            "against": self.against,
            "abstentions": ngettext("%(n)s abstention", "%(n)s abstentions", self.abstentions)
            % {"n": self.abstentions},
        }
        threshold = figure_text(self.threshold, "percent", places=2)
        if self.kind == Kind.SPECIAL:
            rule = _("a special resolution needs at least %(threshold)s of votes cast") % {
                "threshold": threshold
            }
        else:
            rule = _("an ordinary resolution needs more than %(threshold)s of votes cast") % {
                "threshold": threshold
            }
        if self.abstentions_count:
            rule += _(" (abstentions count as votes cast)")
        if self.share_for is None:
            result = _("no votes were cast")
        else:
            result = _("%(share)s voted for") % {"share": self.share_text()}
        return f"{verdict}: {counts} — {rule}; {result}"

    def share_text(self) -> str:
        """The share for, in whole percent unless rounding would hide which side of the
        threshold it falls (74.6% is not written "75%" against a 75% threshold)."""
        for places in (0, 1, 2):
            shown = rounded(self.share_for, places)
            if shown != self.threshold or self.share_for == self.threshold:
                break
        return figure_text(self.share_for, "percent", places=places)


def decide(
    *,
    kind: str,
    votes_for: int,
    against: int,
    abstentions: int,
    ordinary_percent: Decimal | int,
    special_percent: Decimal | int,
    abstentions_count: bool,
) -> Decision:
    """Whether a resolution is carried on these counts, under the constitution's thresholds.

    An ordinary resolution needs *more than* `ordinary_percent` of the votes cast (a simple
    majority: Companies Act 2006 s282, 50%), so a tie is not carried; a special resolution needs
    *at least* `special_percent` (s283, 75%). Votes cast are those for and against; abstentions
    are added only where the constitution counts them as votes (s282 and s283 count votes cast,
    so by default an abstention changes nothing). When no votes are cast (everyone abstained)
    nothing is carried: a resolution needs someone to vote for it.
    """
    cast = votes_for + against + (abstentions if abstentions_count else 0)
    ordinary_percent, special_percent = (
        Decimal(str(ordinary_percent)),
        Decimal(str(special_percent)),
    )
    threshold = special_percent if kind == Kind.SPECIAL else ordinary_percent
    if cast == 0:
        share = None
        carried = False
    else:
        share = Decimal(votes_for) * 100 / Decimal(cast)
        carried = share >= threshold if kind == Kind.SPECIAL else share > threshold
        carried = carried and votes_for > 0
    return Decision(
        carried=carried,
        votes_for=votes_for,
        against=against,
        abstentions=abstentions,
        votes_cast=cast,
        share_for=share,
        threshold=threshold,
        kind=kind,
        abstentions_count=abstentions_count,
    )
