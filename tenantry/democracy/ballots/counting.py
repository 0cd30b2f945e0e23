"""The count: only after the close, and always of every paper of the ballot."""

import random
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from ..models.ballots import (
    CHOOSE_ANY,
    Ballot,
    BallotStatus,
    CountingRule,
    Envelope,
    Mark,
    Paper,
    PaperChoice,
    Voter,
)
from ..models.constitution import TieBreak
from ..permissions import can_run_ballots
from . import listeners


def tally(ballot: Ballot) -> dict[int, tuple[int, int]]:
    """{option id: (votes, votes of secure tenants)} over every paper of the ballot, in one
    GROUP BY. There is no argument to count part of them. Secure tenants' votes are counted
    apart only in a Right to Manage final ballot (the only ballot whose papers say so)."""
    rows = PaperChoice.objects.filter(ballot=ballot).order_by().values("option_id")
    if ballot.rule == CountingRule.RTM_FINAL:
        rows = rows.annotate(
            votes=Count("pk"), secure=Count("pk", filter=Q(paper__secure_tenant=True))
        )
        return {row["option_id"]: (row["votes"], row["secure"]) for row in rows}
    return {row["option_id"]: (row["votes"], 0) for row in rows.annotate(votes=Count("pk"))}


def turnout(ballot: Ballot) -> tuple[int, int, list[dict]]:
    """(on the roll, voted, per estate [{estate, name, roll, voted}]) from the roll and the
    marked register; small estates are hidden where shown (`core.privacy.too_few_to_show`)."""
    estates = list(
        Voter.objects.filter(ballot=ballot)
        .order_by()
        .values("estate_id", "estate__name")
        .annotate(roll=Count("pk"), voted=Count("mark"))
        .order_by("estate__name")
    )
    rows = [
        {
            "estate": e["estate_id"],
            "name": e["estate__name"],
            "roll": e["roll"],
            "voted": e["voted"],
        }
        for e in estates
    ]
    return sum(r["roll"] for r in rows), sum(r["voted"] for r in rows), rows


def _more_than(part: int, whole: int, percent: float | Decimal) -> bool:
    """Whether `part` is more than `percent`% of `whole` (integers: no rounding at the edge)."""
    return whole > 0 and part * 100 > whole * Decimal(str(percent))


def _at_least(part: int, whole: int, percent: float | Decimal) -> bool:
    return whole > 0 and part * 100 >= whole * Decimal(str(percent))


def rtm_members_majority(*, in_favour: int, out_of: int) -> bool:
    """Whether a Right to Manage members' vote is carried: more than RTM_MEMBERS_BALLOT_PERCENT
    (a majority) of `out_of` in favour, where `out_of` is all the members at a ballot of all
    members, or the members present at a meeting (SI 2012/1821, reg. 10). The one rule for an
    RTM members' ballot counted here and for the journey's eligibility check."""
    return _more_than(in_favour, out_of, settings.RTM_MEMBERS_BALLOT_PERCENT)


def decide(ballot: Ballot, options: list[dict], roll: int, valid: int, secure_valid: int) -> dict:
    """The outcome under the ballot's counting rule (docs/ballots.md says where each comes
    from). `options` are in ballot order, the first being the one in favour of a question."""
    in_favour = options[0] if options else {"votes": 0, "secure_votes": 0}
    rule = ballot.rule
    if rule == CountingRule.FIRST_PAST_THE_POST:
        return _seats(ballot, options)
    if rule in CHOOSE_ANY:
        # Approval, or within a budget: the count is the votes for each option, most first
        # (equal votes in ballot order). What is chosen from them is the rule of the part that
        # holds the ballot (a participatory budget's winners: docs/budgets.md).
        ranked = sorted(options, key=lambda o: -o["votes"])
        return {"outcome": "counted", "ranked": [o["id"] for o in ranked]}
    if rule == CountingRule.SIMPLE_MAJORITY:
        # More than half of the valid votes (a tie is not a majority). With several options,
        # the option with more than half wins; none may.
        winner = next((o for o in options if _more_than(o["votes"], valid, 50)), None)
        return {
            "outcome": "carried" if winner else "not_carried",
            "winner": winner and winner["id"],
        }
    if rule == CountingRule.THRESHOLD:
        passed = _at_least(in_favour["votes"], valid, ballot.threshold_percent)
        return {"outcome": "carried" if passed else "not_carried", "winner": None}
    if rule == CountingRule.RTM_MEMBERS:
        # A majority of the members in favour (SI 2012/1821, reg. 10; ../shared/REFERENCE.md):
        # of all those on the roll, not only of those voting.
        passed = rtm_members_majority(in_favour=in_favour["votes"], out_of=roll)
        return {"outcome": "carried" if passed else "not_carried", "winner": None}
    if rule == CountingRule.RTM_FINAL:
        # A majority of the tenants voting and of the secure tenants voting (SI 2012/1821).
        all_voting = _more_than(in_favour["votes"], valid, settings.RTM_FINAL_BALLOT_PERCENT)
        secure = _more_than(
            in_favour["secure_votes"], secure_valid, settings.RTM_FINAL_SECURE_PERCENT
        )
        return {
            "outcome": "carried" if all_voting and secure else "not_carried",
            "winner": None,
            "majority_of_voting": all_voting,
            "majority_of_secure": secure,
        }
    raise ValueError(rule)


def _seats(ballot: Ballot, options: list[dict]) -> dict:
    """The `seats` options with most votes are elected. A tie for the last seat is broken by
    the rule the constitution names (`Constitution.tie_break`): by lot, the drawing is made
    here with a recorded seed, so the scrutineer can repeat it; otherwise the tie is reported
    for the chair's casting vote or a new ballot."""
    ranked = sorted(options, key=lambda o: -o["votes"])
    seats = min(ballot.seats, len(ranked))
    if seats == len(ranked):
        return {"outcome": "elected", "elected": [o["id"] for o in ranked], "tie": None}
    cut = ranked[seats - 1]["votes"]
    sure = [o["id"] for o in ranked if o["votes"] > cut]
    tied = [o["id"] for o in ranked if o["votes"] == cut]
    places = seats - len(sure)
    if len(tied) == places:
        return {"outcome": "elected", "elected": sure + tied, "tie": None}
    constitution = getattr(ballot.organisation, "constitution", None)
    rule = constitution.tie_break if constitution else TieBreak.LOT
    tie = {"rule": rule, "tied": tied, "places": places}
    if rule != TieBreak.LOT:
        return {"outcome": "tied", "elected": sure, "tie": tie}
    seed = secrets.randbits(32)
    drawn = random.Random(seed).sample(sorted(tied), places)
    tie |= {"seed": seed, "drawn": drawn, "how": "random.Random(seed).sample(sorted(tied), places)"}
    return {"outcome": "elected", "elected": sure + drawn, "tie": tie}


@transaction.atomic
def count_ballot(*, ballot: Ballot, by: User | None) -> dict:
    """Count a closed ballot, all of its papers at once, and keep the result on it.

    Refused while the ballot is open (no partial tally) and while any envelope is unopened.
    """
    require(can_run_ballots, user=by, organisation=ballot.organisation)
    given = ballot
    ballot = Ballot.objects.select_for_update().select_related("organisation").get(pk=ballot.pk)
    if ballot.status not in (BallotStatus.CLOSED, BallotStatus.COUNTED):
        raise ValidationError(
            _("A ballot is counted only after it closes, and then all of it"), code="not_closed"
        )
    if ballot.status == BallotStatus.COUNTED:
        return ballot.result
    if Envelope.objects.filter(ballot=ballot).exists():
        raise ValidationError(_("Some votes are still sealed: close the ballot again"))
    counts = tally(ballot)
    papers = Paper.objects.filter(ballot=ballot).aggregate(
        n_all=Count("pk"),
        n_spoilt=Count("pk", filter=Q(spoilt=True)),
        n_secure=Count("pk", filter=Q(secure_tenant=True, spoilt=False)),
    )
    roll, voted, estates = turnout(ballot)
    options = [
        {"id": o.pk, "label": o.label, "votes": counts.get(o.pk, (0, 0))[0],
         "secure_votes": counts.get(o.pk, (0, 0))[1]}
        | ({"cost": str(o.cost)} if o.cost is not None else {})
        for o in ballot.options.all()
    ]  # fmt: skip
    valid = papers["n_all"] - papers["n_spoilt"]
    result = (
        {
            "roll": roll,
            "voted": voted,
            "papers": papers["n_all"],
            "spoilt": papers["n_spoilt"],
            "valid": valid,
            "secure_valid": papers["n_secure"],
            "marks": Mark.objects.filter(ballot=ballot).count(),
            "options": options,
            "estates": estates,
            "counted_on": timezone.localdate().isoformat(),
        }
        | ({"budget": str(ballot.budget)} if ballot.budget is not None else {})
        | decide(ballot, options, roll, valid, papers["n_secure"])
    )
    ballot.result = result
    ballot.status = BallotStatus.COUNTED
    ballot._history_user = by
    ballot.save(update_fields=["result", "status"])
    given.status, given.result = ballot.status, ballot.result
    record_change(
        organisation=ballot.organisation,
        by=by,
        action=AuditEntry.Action.CHANGED,
        what=str(ballot),
        detail="counted",
    )
    listeners.counted(ballot=ballot, by=by)
    return result
