"""Every change to an election: calling it, nominations (keyed in from paper, or a member
standing online), closing nominations (uncontested, or a ballot on the engine) and declaring the
result (the elected take their committee seats). docs/elections.md gives the rules.

Each service checks permission (`require`; `by=None` is Tenantry itself, the demo), runs in one
transaction and records who acted (history on elections and nominations, and the audit trail).
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from . import ballots as engine
from . import permissions as can
from . import selectors
from .constitution import agm_due_by
from .models import (
    BallotKind,
    BallotStatus,
    CountingRule,
    Election,
    ElectionStatus,
    HowChosen,
    Membership,
    NominatedBy,
    Nomination,
    Option,
)
from .models.constitution import ELECTED_SEATS
from .services import (
    add_committee_term,
    constitution_of,
    end_committee_term,
    seat_refusal,
    seats_of,
)

# --- Reads --------------------------------------------------------------------------------------


def surname_order(name: str) -> tuple[str, str]:
    """The fair order of candidates on the ballot paper: alphabetical by surname (the last word
    of the name), then by the whole name."""
    words = name.split()
    return ((words[-1] if words else "").casefold(), name.casefold())


def seats_to_fill(*, organisation: Organisation, kind: str, agm: date, day: date) -> int:
    """Seats of `kind` an election at the AGM on `agm` fills: those vacant on `day` and those
    whose holders certainly retire at the AGM by rotation (`rotation.retiring_at`). Where the
    rotation leaves a tie to be settled by lot, those seats are not counted until the committee
    records who retires."""
    constitution = constitution_of(organisation)
    committee = selectors.committee(
        constitution=constitution, seats=seats_of(constitution), day=day, agm=agm
    )
    vacant = sum(g.vacancies for g in committee.groups if g.kind == kind)
    retiring = sum(1 for t in committee.rotation.retiring if t.kind == kind)
    return vacant + retiring


def member_by_number(
    *, organisation: Organisation, number: int, name: str, day: date
) -> Membership | None:
    """The current member with this membership number, if their name is `name` (any case): a
    nomination names its candidate, proposer and seconder by number and name, so a typing
    slip in either is caught rather than nominating someone else."""
    found = (
        Membership.objects.current(day)
        .filter(organisation=organisation, number=number)
        .select_related("resident", "household__home")
        .first()
    )
    if found is None or found.resident.name.casefold() != " ".join(name.split()).casefold():
        return None
    return found


def candidates(election: Election) -> list[Nomination]:
    """The nominations in the order of the ballot paper (alphabetical by surname)."""
    found = election.nominations.select_related(
        "candidate__resident", "proposer__resident", "seconder__resident", "option", "term"
    )
    return sorted(found, key=lambda n: surname_order(n.name))


# --- Calling an election ----------------------------------------------------------------------


def _audit(election: Election, by: User | None, action: str, detail: str = "") -> None:
    record_change(
        organisation=election.organisation, by=by, action=action, what=str(election), detail=detail
    )


@transaction.atomic
def create_election(*, election: Election, by: User | None) -> Election:
    """Call an election for seats of one kind (tenant or leaseholder), with its nomination
    period and voting times."""
    require(can.can_run_elections, user=by, organisation=election.organisation)
    if election.kind not in ELECTED_SEATS:
        raise ValidationError({"kind": _("Only tenant and leaseholder seats are elected")})
    if election.meeting_id and election.meeting.organisation_id != election.organisation_id:
        raise PermissionDenied
    election.created_by = by
    election.full_clean()
    election._history_user = by
    election.save()
    _audit(election, by, Action.CREATED)
    return election


# --- Nominations --------------------------------------------------------------------------------


@transaction.atomic
def nominate(
    *,
    election: Election,
    by: User | None,
    candidate: Membership | None,
    proposer: Membership | None,
    seconder: Membership | None,
    statement: str = "",
    photo: ContentFile | None = None,
    how: str = NominatedBy.PAPER,
    received_on: date | None = None,
) -> Nomination:
    """Nominate a member: keyed in by the committee or staff from a paper form (`received_on`
    the day it arrived), or a member standing online (then `candidate` is their own membership
    and `received_on` today).

    A nomination is refused after nominations close, for someone who is not a current member or
    may not hold a seat of the election's kind, for a proposer or seconder who is not a current
    member, is the candidate, or is the same person as the other, and for a candidate already
    nominated.
    """
    organisation = election.organisation
    today = timezone.localdate()
    if how == NominatedBy.ONLINE:
        require(can.can_stand_for_election, user=by, organisation=organisation)
        if by is not None and (candidate is None or candidate.resident.user_id != by.pk):
            raise PermissionDenied
        received_on = today
    else:
        require(can.can_run_elections, user=by, organisation=organisation)
    received_on = received_on or today
    election = Election.objects.select_for_update().get(pk=election.pk)
    errors: dict[str, str] = {}
    if election.status != ElectionStatus.NOMINATIONS:
        raise ValidationError(_("Nominations for this election have closed."))
    if received_on > today:
        errors["received_on"] = _("The day the nomination was received must be today or earlier")
    elif received_on < election.nominations_open_on:
        errors["received_on"] = _("Nominations open on %(day)s") % {
            "day": election.nominations_open_on.strftime("%-d %B %Y")
        }
    elif received_on > election.nominations_close_on:
        errors["received_on"] = _(
            "Nominations closed on %(day)s: a nomination received after that cannot stand"
        ) % {"day": election.nominations_close_on.strftime("%-d %B %Y")}
    people = {"candidate": candidate, "proposer": proposer, "seconder": seconder}
    current = set(
        Membership.objects.current(min(received_on, today))
        .filter(organisation=organisation, pk__in=[p.pk for p in people.values() if p])
        .values_list("pk", flat=True)
    )
    for field, person in people.items():
        if person is not None and person.organisation_id != organisation.pk:
            raise PermissionDenied
        if person is None or person.pk not in current:
            errors.setdefault(
                field,
                {
                    "candidate": _("The candidate must be a current member"),
                    "proposer": _("The proposer must be a current member"),
                    "seconder": _("The seconder must be a current member"),
                }[field],
            )
    if candidate is not None and "candidate" not in errors:
        if refusal := seat_refusal(candidate, election.kind):
            errors["candidate"] = refusal
        elif election.nominations.filter(candidate=candidate).exists():
            errors["candidate"] = _("%(name)s is already nominated in this election") % {
                "name": candidate.resident.name
            }
    if candidate is not None:
        if proposer is not None and proposer.pk == candidate.pk:
            errors["proposer"] = _("The proposer must be someone other than the candidate")
        if seconder is not None and seconder.pk == candidate.pk:
            errors["seconder"] = _("The seconder must be someone other than the candidate")
    if proposer is not None and seconder is not None and proposer.pk == seconder.pk:
        errors.setdefault("seconder", _("The seconder must be someone other than the proposer"))
    if errors:
        raise ValidationError(errors)
    nomination = Nomination(
        election=election, candidate=candidate, proposer=proposer, seconder=seconder,
        statement=statement.strip(), how=how, received_on=received_on, keyed_by=by,
    )  # fmt: skip
    nomination.full_clean(exclude=["photo"])
    if photo is not None:
        nomination.photo.save("photo.jpg", photo, save=False)
    nomination._history_user = by
    nomination.save()
    _audit(election, by, Action.CHANGED, detail=f"nominated: {candidate.resident.name}")
    return nomination


# --- Closing nominations ----------------------------------------------------------------------


def _labels(nominations: list[Nomination]) -> list[str]:
    """Names on the ballot paper; two candidates of the same name are told apart by number."""
    names = [n.name for n in nominations]
    return [
        f"{n.name} ({_('member %(number)s') % {'number': n.candidate.number}})"
        if names.count(n.name) > 1
        else n.name
        for n in nominations
    ]


@transaction.atomic
def close_nominations(*, election: Election, by: User | None) -> Election:
    """After the day nominations close: no more than one candidate a seat is uncontested (no
    ballot; they are declared elected); more, and a ballot is created on the engine with the
    candidates in alphabetical order of surname, its roll frozen at the day nominations closed
    and a code issued to each voter, on the channels the constitution allows."""
    require(can.can_run_elections, user=by, organisation=election.organisation)
    given, election = election, Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.NOMINATIONS:
        raise ValidationError(_("Nominations for this election have already closed."))
    if timezone.localdate() <= election.nominations_close_on:
        raise ValidationError(
            _("Nominations close at the end of %(day)s: they cannot be closed before then")
            % {"day": election.nominations_close_on.strftime("%-d %B %Y")}
        )
    standing = candidates(election)
    if len(standing) <= election.seats:
        election.status = ElectionStatus.UNCONTESTED
    else:
        constitution = constitution_of(election.organisation)
        in_person = election.meeting_id is not None
        online = constitution.online_votes_allowed
        paper = constitution.postal_votes_allowed or not (online or in_person)
        ballot = engine.create_ballot(
            organisation=election.organisation,
            by=by,
            kind=BallotKind.ELECTION,
            question=_("Election of %(n)s %(kind)s members to the committee")
            % {"n": election.seats, "kind": election.get_kind_display().lower()},
            explanation=_("Choose up to %(n)s candidates.") % {"n": election.seats},
            options=_labels(standing),
            rule=CountingRule.FIRST_PAST_THE_POST,
            seats=election.seats,
            roll_date=election.nominations_close_on,
            opens_at=election.voting_opens_at,
            closes_at=election.voting_closes_at,
            online=online,
            paper=paper,
            in_person=in_person,
        )
        options = list(Option.objects.filter(ballot=ballot).order_by("position"))
        for nomination, option in zip(standing, options, strict=True):
            nomination.option = option
            nomination._history_user = by
            nomination.save(update_fields=["option"])
        engine.freeze_roll(ballot=ballot, by=by)
        engine.issue_codes(ballot=ballot, by=by)
        election.ballot = ballot
        election.status = ElectionStatus.BALLOT
    election._history_user = by
    election.save(update_fields=["status", "ballot"])
    given.status, given.ballot = election.status, election.ballot
    _audit(election, by, Action.CHANGED, detail=f"nominations closed: {len(standing)} standing")
    return election


# --- The result -------------------------------------------------------------------------------


def elected_and_undecided(election: Election) -> tuple[list[Nomination], int]:
    """Who is elected, and how many seats a tie leaves undecided: every candidate when
    uncontested; otherwise the counted ballot's result, its tie broken by the constitution's
    rule (by lot at the count; a casting vote or a new ballot leaves the tied seats open)."""
    standing = candidates(election)
    if election.ballot_id is None:
        return standing, 0
    result = election.ballot.result
    elected = set(result.get("elected", []))
    tie = result.get("tie") or {}
    undecided = tie.get("places", 0) if result.get("outcome") == "tied" else 0
    return [n for n in standing if n.option_id in elected], undecided


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def declare_result(*, election: Election, by: User | None, on: date | None = None) -> Election:
    """Declare who is elected, on `on` (today unless given, as when an AGM is recorded later):
    the members retiring by rotation at this AGM from seats of the election's kind leave office
    the day before, and each one elected takes a seat from `on` (`add_committee_term`), to
    retire by rotation once the constitution's term has run."""
    require(can.can_declare_elections, user=by, organisation=election.organisation)
    given, election = election, Election.objects.select_for_update().get(pk=election.pk)
    on = on or timezone.localdate()
    if election.status == ElectionStatus.NOMINATIONS:
        raise ValidationError(_("Close nominations before declaring the result."))
    if election.status == ElectionStatus.DECLARED:
        raise ValidationError(_("The result of this election has already been declared."))
    if election.ballot_id and election.ballot.status != BallotStatus.COUNTED:
        raise ValidationError(_("The ballot must be closed and counted before the result."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("The result can be declared today or on an earlier day")})
    elected, _undecided = elected_and_undecided(election)
    constitution = constitution_of(election.organisation)
    # The committee as it stood the day before the AGM: another election declared at the same
    # AGM has already changed who holds a seat on the day, but not who retires.
    committee = selectors.committee(
        constitution=constitution, seats=seats_of(constitution), day=on - timedelta(days=1), agm=on
    )
    for term in committee.rotation.retiring:
        if term.kind == election.kind and (term.ends_on is None or term.ends_on >= on):
            end_committee_term(
                term=term,
                by=by,
                on=on - timedelta(days=1),
                reason=_("Retired by rotation at the AGM"),
            )
    winners = {n.pk for n in elected}
    for nomination in candidates(election):
        nomination.elected = nomination.pk in winners
        if nomination.elected:
            nomination.term = add_committee_term(
                organisation=election.organisation,
                by=by,
                kind=election.kind,
                how=HowChosen.ELECTED,
                starts_on=on,
                membership=nomination.candidate,
            )
        nomination._history_user = by
        nomination.save(update_fields=["elected", "term"])
    election.status = ElectionStatus.DECLARED
    election.declared_on = on
    election._history_user = by
    election.save(update_fields=["status", "declared_on"])
    given.status, given.declared_on = election.status, election.declared_on
    _audit(election, by, Action.CHANGED, detail=f"declared: {len(elected)} elected")
    return election


def term_runs_to(election: Election) -> int | None:
    """The year of the AGM at which those elected retire, their term having run."""
    if not election.declared_on:
        return None
    return _years_later(
        election.declared_on, constitution_of(election.organisation).term_years
    ).year


def default_agm(organisation: Organisation, day: date) -> date:
    """The AGM to count retirements to when an election is held at no recorded meeting."""
    return agm_due_by(constitution_of(organisation), day)


def voting_window(day: date) -> tuple[datetime, datetime]:
    """Default voting times for a ballot: from 9am the day after nominations close for three
    weeks, to 7pm."""
    start = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
    return start.replace(hour=9), (start + timedelta(days=20)).replace(hour=19)
