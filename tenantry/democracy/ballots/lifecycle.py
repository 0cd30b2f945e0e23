"""Creating a ballot, and closing it: the close opens every envelope and rewrites every paper."""

import random
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.database import forget_old_versions
from tenantry.core.models import User
from tenantry.homes.models import Estate
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require

from ..models.ballots import (
    Ballot,
    BallotKind,
    BallotStatus,
    CountingRule,
    Electorate,
    Envelope,
    Option,
    Paper,
    PaperChoice,
)
from ..permissions import can_run_ballots
from .codes import open_seal

# The counting rule and electorate each statutory kind must use (docs/ballots.md).
STATUTORY = {
    BallotKind.RTM_MEMBERS: (CountingRule.RTM_MEMBERS, Electorate.MEMBERS),
    BallotKind.RTM_FINAL: (CountingRule.RTM_FINAL, Electorate.TENANTS),
}


@transaction.atomic
def create_ballot(
    *,
    organisation: Organisation,
    by: User | None,
    kind: str,
    question: str,
    options: list[str],
    opens_at: datetime,
    closes_at: datetime,
    roll_date,
    rule: str = CountingRule.SIMPLE_MAJORITY,
    seats: int = 1,
    threshold_percent: Decimal | None = None,
    electorate: str = Electorate.MEMBERS,
    online: bool = True,
    paper: bool = True,
    in_person: bool = False,
    explanation: str = "",
    estate: Estate | None = None,
    budget: Decimal | None = None,
    costs: list[Decimal] | None = None,
) -> Ballot:
    """A ballot in draft, with its options (or candidates) in the order given.

    A Right to Manage ballot takes the statutory rule and electorate whatever is asked
    (SI 2012/1821; docs/ballots.md). A question decided by a majority or a threshold reads its
    first option as the one in favour. Within a budget, `costs` gives each option's cost, in
    the order of `options`, and `budget` the most a voter's choices may cost together; the
    `estate` electorate is the residents of `estate`.
    """
    require(can_run_ballots, user=by, organisation=organisation)
    if kind in STATUTORY:
        rule, electorate = STATUTORY[kind]
    if kind == BallotKind.ELECTION:
        rule = CountingRule.FIRST_PAST_THE_POST
    labels = [label.strip() for label in options if label.strip()]
    if len(labels) < 2 and rule != CountingRule.FIRST_PAST_THE_POST:
        raise ValidationError({"options": _("Enter at least two options")})
    if not labels:
        raise ValidationError({"options": _("Enter at least one candidate")})
    if len(set(labels)) != len(labels):
        raise ValidationError({"options": _("Each option must be different")})
    if rule == CountingRule.WITHIN_BUDGET:
        costs = list(costs or [])
        if len(costs) != len(labels) or any(c is None or c < 0 for c in costs):
            raise ValidationError({"options": _("Give every option its cost, £0 or more")})
    else:
        costs = [None] * len(labels)
    ballot = Ballot(
        organisation=organisation,
        kind=kind,
        question=question,
        explanation=explanation,
        seats=seats if rule == CountingRule.FIRST_PAST_THE_POST else 1,
        rule=rule,
        threshold_percent=threshold_percent if rule == CountingRule.THRESHOLD else None,
        electorate=electorate,
        roll_date=roll_date,
        opens_at=opens_at,
        closes_at=closes_at,
        online=online,
        paper=paper,
        in_person=in_person,
        created_by=by,
        estate=estate if electorate == Electorate.ESTATE else None,
        budget=budget if rule == CountingRule.WITHIN_BUDGET else None,
    )
    ballot.full_clean()
    ballot._history_user = by
    ballot.save()
    record_change(
        organisation=organisation, by=by, action=AuditEntry.Action.CREATED, what=str(ballot)
    )
    Option.objects.bulk_create(
        Option(ballot=ballot, label=label, position=n, cost=cost)
        for n, (label, cost) in enumerate(zip(labels, costs, strict=True))
    )
    return ballot


def _rewrite_papers(ballot: Ballot) -> int:
    """Open every envelope and write every paper of the ballot afresh, shuffled, with new
    random keys, in the caller's transaction: afterwards every paper has the same transaction
    id and their order on disk is random (docs/privacy.md)."""
    # Lock the waiting envelopes first: a batch being opened at this moment holds some of
    # them, so this waits for it to commit, and what follows then reads its papers and not
    # its envelopes (READ COMMITTED takes a fresh snapshot per statement), never both.
    envelopes = list(
        Envelope.objects.filter(ballot=ballot).select_for_update().values_list("pk", "sealed")
    )
    votes: list[tuple[bool, bool, list[int]]] = []
    choices = defaultdict(list)
    for paper_id, option_id in PaperChoice.objects.filter(ballot=ballot).values_list(
        "paper_id", "option_id"
    ):
        choices[paper_id].append(option_id)
    for pk, secure, spoilt in Paper.objects.filter(ballot=ballot).values_list(
        "pk", "secure_tenant", "spoilt"
    ):
        votes.append((secure, spoilt, choices.get(pk, [])))
    for _pk, sealed in envelopes:
        vote = open_seal(sealed)
        votes.append((vote["s"], vote["x"], vote["c"]))
    PaperChoice.objects.filter(ballot=ballot).delete()
    Paper.objects.filter(ballot=ballot).delete()
    Envelope.objects.filter(pk__in=[pk for pk, _sealed in envelopes]).delete()
    write_papers(ballot.pk, votes)
    return len(votes)


def write_papers(ballot_id: int, votes: list[tuple[bool, bool, list[int]]]) -> None:
    """Papers for `votes` (secure tenant, spoilt, option ids), in a random order."""
    random.SystemRandom().shuffle(votes)
    papers = [Paper(ballot_id=ballot_id, secure_tenant=s, spoilt=x) for s, x, _c in votes]
    Paper.objects.bulk_create(papers, batch_size=2000)
    marks = [
        PaperChoice(ballot_id=ballot_id, paper=paper, option_id=option_id)
        for paper, (_s, _x, option_ids) in zip(papers, votes, strict=True)
        for option_id in option_ids
    ]
    random.SystemRandom().shuffle(marks)
    PaperChoice.objects.bulk_create(marks, batch_size=2000)


def vacuum_papers() -> None:
    """Reclaim the old versions of papers and envelopes (PostgreSQL keeps them until VACUUM;
    SQLite's write-ahead log is checkpointed by `forget_old_versions`)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table) for model in (Paper, PaperChoice, Envelope)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")  # noqa: S608 – table names from the models


@transaction.atomic
def close_ballot(*, ballot: Ballot, by: User | None, now: datetime | None = None) -> Ballot:
    """Close a ballot once its closing time has come: no more votes; every sealed vote is
    opened and every paper rewritten in one transaction, then old row versions are cleared."""
    require(can_run_ballots, user=by, organisation=ballot.organisation)
    # FOR NO KEY UPDATE: it waits for votes being cast (they hold the ballot FOR SHARE) and
    # stops new ones, but not a batch of envelopes being opened, whose papers' foreign keys
    # only need the ballot FOR KEY SHARE (a full FOR UPDATE would deadlock with it).
    given, ballot = ballot, Ballot.objects.select_for_update(no_key=True).get(pk=ballot.pk)
    if ballot.status != BallotStatus.OPEN:
        raise ValidationError(_("Only an open ballot can be closed"), code="not_open")
    if (now or timezone.now()) < ballot.closes_at:
        raise ValidationError(
            _("This ballot closes at %(time)s: it cannot be closed before then")
            % {"time": timezone.localtime(ballot.closes_at).strftime("%-d %B %Y %H:%M")},
            code="too_early",
        )
    _rewrite_papers(ballot)
    ballot.status = BallotStatus.CLOSED
    ballot._history_user = by
    ballot.save(update_fields=["status"])
    given.status = ballot.status
    record_change(
        organisation=ballot.organisation,
        by=by,
        action=AuditEntry.Action.CLOSED,
        what=str(ballot),
    )
    transaction.on_commit(vacuum_papers)
    forget_old_versions()
    return ballot
