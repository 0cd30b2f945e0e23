"""Casting a vote: one mark on the register and one sealed envelope, in one transaction; the
envelopes opened into papers later, in shuffled batches (docs/ballots.md, docs/privacy.md)."""

import random
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.database import forget_old_versions
from tenantry.core.figures import money_text
from tenantry.core.models import User
from tenantry.organisations.permissions import require

from ..models.ballots import (
    Ballot,
    BallotStatus,
    CountingRule,
    Envelope,
    Mark,
    RefusalReason,
    RefusedAttempt,
    Voter,
)
from ..permissions import can_key_votes
from .codes import hash_code, normalise, open_seal, seal
from .lifecycle import write_papers

MESSAGES = {
    RefusalReason.ALREADY_VOTED: gettext_lazy(
        "A vote has already been recorded for this voter. Each voter has one vote: the first "
        "one received counts, and this one was not counted."
    ),
    RefusalReason.UNKNOWN_CODE: gettext_lazy(
        "That code does not match any voter in this ballot. Check it against your ballot paper."
    ),
    RefusalReason.NOT_OPEN: gettext_lazy("This ballot is not open for voting."),
}


class VoteRefused(ValidationError):
    """A vote that cannot be counted; `code` is a `RefusalReason`."""


class _Refused(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def is_open(ballot: Ballot, now: datetime | None = None) -> bool:
    """Whether votes are taken now: the roll is frozen and the time is within the ballot's."""
    now = now or timezone.now()
    return ballot.status == BallotStatus.OPEN and ballot.opens_at <= now < ballot.closes_at


def voter_by_code(ballot: Ballot, code: str) -> Voter | None:
    normalised = normalise(code)
    if not normalised:
        return None
    return Voter.objects.filter(ballot=ballot, code_hash=hash_code(normalised)).first()


def check_choices(ballot: Ballot, choices: list[int]) -> list[int]:
    """The choices as option ids, refused unless each is one of the ballot's options and there
    are between one and as many as the ballot allows (a voter may not choose more candidates
    than there are seats)."""
    chosen = sorted({int(choice) for choice in choices})
    valid = set(ballot.options.values_list("pk", flat=True))
    if not chosen:
        raise ValidationError({"choices": _("Choose an option")}, code="required")
    if not set(chosen) <= valid:
        raise ValidationError({"choices": _("Choose from the options given")}, code="invalid")
    if len(chosen) > ballot.max_choices:
        raise ValidationError(
            {"choices": _("Choose no more than %(n)s") % {"n": ballot.max_choices}},
            code="too_many",
        )
    if ballot.rule == CountingRule.WITHIN_BUDGET:
        check_within_budget(ballot, chosen)
    return chosen


def check_within_budget(ballot: Ballot, chosen: list[int]) -> None:
    """Within a budget, the chosen options' costs together may not exceed the ballot's budget
    (equal to it is allowed): a basket over the budget is refused, not trimmed, so nothing is
    counted that the voter did not mean."""
    costs = dict(ballot.options.values_list("pk", "cost"))
    total = sum((costs[pk] or Decimal(0) for pk in chosen), Decimal(0))
    if total > ballot.budget:
        message = _(
            "Your choices cost £%(total)s together, more than the budget of £%(budget)s. "
            "Choose fewer, or cheaper ones."
        ) % {"total": money_text(total), "budget": money_text(ballot.budget)}
        raise ValidationError({"choices": ValidationError(message, code="over_budget")})


def cast_vote(
    *,
    ballot: Ballot,
    channel: str,
    choices: list[int] | None = None,
    code: str = "",
    voter: Voter | None = None,
    spoilt: bool = False,
    by: User | None = None,
    now: datetime | None = None,
) -> None:
    """Record one vote: online by the voter's code, a paper ballot keyed in by its code, or an
    in-person vote at a meeting by the voter's roll entry.

    The first vote received stands: a later one on any channel is refused, recorded for the
    scrutineer without its choices (a paper arriving after an online vote is set aside
    unopened). The voter's roll entry is locked for the transaction and the register has a
    unique mark per voter, so two votes racing each other give one mark and one paper.
    Staff keying a vote in need `can_key_votes`; a spoilt paper is counted as cast, with no
    choices.
    """
    if by is not None:
        require(can_key_votes, user=by, organisation=ballot.organisation)
    if channel not in ballot.channels:
        raise ValidationError(_("This ballot does not take votes this way"), code="channel")
    chosen = [] if spoilt else check_choices(ballot, choices or [])
    if voter is None:
        voter = voter_by_code(ballot, code)
    today = timezone.localdate(now) if now else timezone.localdate()
    try:
        if not is_open(ballot, now):
            raise _Refused(RefusalReason.NOT_OPEN)
        if voter is None or voter.ballot_id != ballot.pk:
            raise _Refused(RefusalReason.UNKNOWN_CODE)
        _mark_and_seal(ballot, voter, channel, chosen, spoilt, by, today)
    except _Refused as refused:
        if refused.reason != RefusalReason.NOT_OPEN:
            RefusedAttempt.objects.create(
                ballot=ballot,
                voter=voter,
                channel=channel,
                reason=refused.reason,
                tried_on=today,
                keyed_by=by,
            )
        raise VoteRefused(MESSAGES[refused.reason], code=refused.reason) from None
    transaction.on_commit(lambda: open_envelopes(ballot_id=ballot.pk))


def _mark_and_seal(ballot, voter, channel, chosen, spoilt, by, today) -> None:
    try:
        with transaction.atomic():
            secure_tenant = _lock(ballot, voter)
            # The unique mark per voter refuses a second vote; the lock makes the second of
            # two racing votes wait for the first to commit and then meet that refusal.
            Mark.objects.create(
                ballot=ballot, voter_id=voter.pk, channel=channel, marked_on=today, keyed_by=by
            )
            Envelope.objects.create(
                ballot=ballot,
                sealed=seal(choices=chosen, secure_tenant=secure_tenant, spoilt=spoilt),
            )
    except IntegrityError:
        raise _Refused(RefusalReason.ALREADY_VOTED) from None


def _lock(ballot: Ballot, voter: Voter) -> bool:
    """Lock the voter's roll entry for the transaction and read the ballot's status under a
    shared lock, in one statement on PostgreSQL; refuse unless the ballot is open. Returns
    whether the voter is a secure tenant.

    The shared lock on the ballot lets votes proceed side by side while the close, which locks
    the ballot's row for update, waits for them; a vote arriving during the close waits and
    then finds it closed, so no envelope is left behind once the papers are rewritten."""
    if connection.vendor == "postgresql":
        voters = connection.ops.quote_name(Voter._meta.db_table)
        ballots = connection.ops.quote_name(Ballot._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT b.status, v.secure_tenant FROM {voters} v "  # noqa: S608
                f"JOIN {ballots} b ON b.id = v.ballot_id WHERE v.id = %s AND b.id = %s "
                "FOR NO KEY UPDATE OF v FOR SHARE OF b",
                [voter.pk, ballot.pk],
            )
            status, secure_tenant = cursor.fetchone()
    else:
        secure_tenant = Voter.objects.select_for_update().get(pk=voter.pk).secure_tenant
        status = Ballot.objects.values_list("status", flat=True).get(pk=ballot.pk)
    if status != BallotStatus.OPEN:
        raise _Refused(RefusalReason.NOT_OPEN)
    return secure_tenant


def open_envelopes(*, ballot_id: int, at_least: int | None = None) -> int:
    """Open waiting envelopes into papers, in a random order, in one transaction of their own,
    once at least `BALLOT_MIX_BATCH` wait: every paper written together shares one transaction
    id, which so names a group of voters, never one. Returns how many were opened."""
    at_least = settings.BALLOT_MIX_BATCH if at_least is None else at_least
    # Most votes find fewer than a batch waiting: a count answers that without a transaction.
    if at_least and Envelope.objects.filter(ballot_id=ballot_id).count() < at_least:
        return 0
    with transaction.atomic():
        # Envelopes another opener has locked are skipped, not waited for.
        waiting = list(
            Envelope.objects.filter(ballot_id=ballot_id)
            .select_for_update(skip_locked=True)
            .values_list("pk", "sealed")
        )
        if not waiting or len(waiting) < at_least:
            return 0
        random.SystemRandom().shuffle(waiting)
        votes = []
        for _pk, sealed in waiting:
            vote = open_seal(sealed)
            votes.append((vote["s"], vote["x"], vote["c"]))
        Envelope.objects.filter(pk__in=[pk for pk, _sealed in waiting]).delete()
        write_papers(ballot_id, votes)
        forget_old_versions()
    return len(waiting)
