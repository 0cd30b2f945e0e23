"""Every change to a group's journey tracker: its dates, tasks, documents and eligibility
checks; the group becoming an organisation on Tenantry; and its ballot of tenants, run by
democracy's ballot engine.

Each service checks who acts (`access.can_work_on_group`, or the network's rule for making the
organisation), runs in a transaction, validates before saving, keeps the model's history
(`save_checked`) and writes the group's network's audit log (`record_change`).
"""

from dataclasses import asdict
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.democracy import ballots as ballot_engine
from tenantry.democracy.models import Ballot
from tenantry.democracy.models.ballots import BallotKind, BallotStatus, CountingRule, Electorate
from tenantry.democracy.permissions import can_run_ballots
from tenantry.homes.selectors import homes_of
from tenantry.organisations import services as organisations
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.selectors import roles_in
from tenantry.reviews.services import check_evidence_file

from . import eligibility
from . import permissions as can
from .access import can_work_on_group
from .forms import DATE_LABELS, IN_ORDER
from .models import (
    STAGE_ORDER,
    Document,
    EligibilityCheck,
    Group,
    GroupMembership,
    Milestone,
    MilestoneKind,
    Stage,
    Task,
)

Action = AuditEntry.Action

# The stage a date shows the group has reached: entering it moves the group on to at least
# this stage, never back (docs/journey.md). The one home of that rule.
STAGE_REACHED = {
    MilestoneKind.NOTICE_SERVED: Stage.LANDLORD_ANSWER,  # now the council's answer is awaited
    MilestoneKind.COUNCIL_ANSWERED: Stage.LANDLORD_ANSWER,  # accepted or not: see acceptance
    MilestoneKind.ACCEPTANCE: Stage.DEVELOPMENT,
    MilestoneKind.ASSESSOR_APPLIED: Stage.DEVELOPMENT,
    MilestoneKind.REPORT_RECEIVED: Stage.DEVELOPMENT,
    MilestoneKind.ACTIONS_COMPLETED: Stage.DEVELOPMENT,
    MilestoneKind.ASSESSOR_TOLD: Stage.DEVELOPMENT,
    MilestoneKind.REASSESSED: Stage.DEVELOPMENT,
    MilestoneKind.AGREEMENT_STARTED: Stage.AGREEMENT,
    MilestoneKind.CONTINUATION_BALLOT: Stage.AGREEMENT,
}

# The kinds of organisation a group may become (Organisation.Kind).
ORGANISATION_KINDS = (
    Organisation.Kind.TMO,
    Organisation.Kind.TMC,
    Organisation.Kind.EMB,
    Organisation.Kind.RMC,
    Organisation.Kind.COOP,
    Organisation.Kind.CLT,
    Organisation.Kind.RESIDENTS_ASSOCIATION,
)


def _require_group(user: User | None, group: Group) -> None:
    if not can_work_on_group(user, group):
        raise PermissionDenied


def _record(group: Group, by: User | None, action: str, what: str) -> None:
    record_change(organisation=group.network, by=by, action=action, what=f"{group}: {what}")


def move_stage_on(*, group: Group, to: str, by: User | None) -> bool:
    """Move the group on to stage `to` if it is not there or beyond already (never back)."""
    if STAGE_ORDER.index(to) <= STAGE_ORDER.index(group.stage):
        return False
    group.stage = to
    save_checked(group, by)
    _record(group, by, Action.CHANGED, _("stage: %(stage)s") % {"stage": group.get_stage_display()})
    return True


# --- Milestones ---------------------------------------------------------------------------------


def _check_order(group: Group, kind: str, day: date) -> None:
    """Refuse a date before the step it follows, or after a step that follows it, naming both."""
    known = dict(
        Milestone.objects.filter(group=group).exclude(kind=kind).values_list("kind", "happened_on")
    )
    label = DATE_LABELS[kind]
    for later, earlier in IN_ORDER:
        if later == kind and earlier in known and day < known[earlier]:
            raise ValidationError(
                {
                    "happened_on": _(
                        "%(later)s cannot be before %(earlier)s (%(day)s): enter a date on or "
                        "after it"
                    )
                    % {
                        "later": label,
                        "earlier": _lower(DATE_LABELS[earlier]),
                        "day": f"{known[earlier]:%d/%m/%Y}",
                    }
                }
            )
        if earlier == kind and later in known and day > known[later]:
            raise ValidationError(
                {
                    "happened_on": _(
                        "%(earlier)s cannot be after %(later)s (%(day)s): enter a date on or "
                        "before it, or correct that date first"
                    )
                    % {
                        "earlier": label,
                        "later": _lower(DATE_LABELS[later]),
                        "day": f"{known[later]:%d/%m/%Y}",
                    }
                }
            )


def _lower(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


@transaction.atomic
def record_milestone(
    *,
    group: Group,
    kind: str,
    happened_on: date,
    note: str = "",
    by: User | None,
    today: date | None = None,
) -> Milestone:
    """Enter or correct the date the group reached `kind`; the group's stage moves on with it.

    Every milestone is something that has happened, so a date still to come is refused, as is
    one out of order with the dates already entered (`forms.IN_ORDER`).
    """
    _require_group(by, group)
    today = today or timezone.localdate()
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": _("Choose what happened")})
    if happened_on > today:
        raise ValidationError(
            {"happened_on": _("The date must be today or in the past: enter what has happened")}
        )
    # Lock the group: two people entering dates at once check order against each other's.
    group = Group.objects.select_for_update().get(pk=group.pk)
    _check_order(group, kind, happened_on)
    milestone = Milestone.objects.filter(group=group, kind=kind).first()
    corrected = milestone is not None
    if milestone is None:
        milestone = Milestone(group=group, kind=kind)
    milestone.happened_on = happened_on
    milestone.note = note.strip()
    milestone.recorded_by = by
    save_checked(milestone, by)
    _record(group, by, Action.CHANGED if corrected else Action.CREATED, str(milestone))
    move_stage_on(group=group, to=STAGE_REACHED[kind], by=by)
    return milestone


def milestone_dates(group: Group) -> dict[str, date]:
    """The group's dates as `timelimits.deadlines` takes them."""
    return dict(Milestone.objects.filter(group=group).values_list("kind", "happened_on"))


# --- Tasks --------------------------------------------------------------------------------------


@transaction.atomic
def add_task(
    *,
    group: Group,
    title: str,
    assignee: User | None = None,
    assignee_name: str = "",
    due_on: date | None = None,
    by: User | None,
) -> Task:
    """A task on the group's list, for one of its members or someone named in words."""
    _require_group(by, group)
    if assignee is not None and not GroupMembership.objects.filter(group=group, user=assignee):
        raise ValidationError({"assignee": _("Choose one of the group's members")})
    if assignee is not None and assignee_name.strip():
        raise ValidationError({"assignee_name": _("Choose a member or type a name, not both")})
    task = Task(
        group=group,
        title=title.strip(),
        assignee=assignee,
        assignee_name=assignee_name.strip(),
        due_on=due_on,
        created_by=by,
    )
    save_checked(task, by)
    _record(group, by, Action.CREATED, _("task: %(title)s") % {"title": task.title})
    return task


@transaction.atomic
def mark_task_done(*, task: Task, by: User | None, today: date | None = None) -> Task:
    """Tick a task off (a second tick changes nothing)."""
    _require_group(by, task.group)
    if task.done_on is None:
        task.done_on = today or timezone.localdate()
        save_checked(task, by)
        _record(task.group, by, Action.CHANGED, _("task done: %(title)s") % {"title": task.title})
    return task


# --- Documents ----------------------------------------------------------------------------------


@transaction.atomic
def add_document(*, group: Group, title: str, upload, by: User | None) -> Document:
    """Keep a file for the group, refused by the project's rule for evidence files (kind and
    size: `reviews.services.check_evidence_file`)."""
    _require_group(by, group)
    check_evidence_file(upload)
    document = Document(
        group=group, title=title.strip() or upload.name, file=upload, uploaded_by=by
    )
    save_checked(document, by)
    _record(group, by, Action.CREATED, _("document: %(title)s") % {"title": document.title})
    return document


# --- The eligibility check ----------------------------------------------------------------------


@transaction.atomic
def save_eligibility_check(
    *,
    group: Group,
    answers: dict,
    facts: eligibility.Facts,
    by: User | None,
    today: date | None = None,
) -> EligibilityCheck:
    """Run the Right to Manage check (`eligibility.check`) on the group's answers and keep the
    answers and the result, dated."""
    _require_group(by, group)
    result = eligibility.check(facts)
    found = EligibilityCheck(
        group=group,
        answers=answers,
        outcome=result.outcome,
        tests=[
            {k: str(v) if k in ("title", "explanation") else v for k, v in asdict(t).items()}
            for t in result.tests
        ],
        checked_on=today or timezone.localdate(),
        checked_by=by,
    )
    found.full_clean()
    found.save()
    _record(
        group, by, Action.CREATED, _("eligibility check: %(outcome)s") % {"outcome": found.outcome}
    )
    return found


# --- Becoming an organisation -------------------------------------------------------------------


def can_make_organisation(user: User | None, group: Group) -> bool:
    """The group's network's advisers (staff) and committee, and the site administrator."""
    if user is None:
        return True
    return user.is_authenticated and can.can_follow_up_groups(
        roles_in(user=user, organisation=group.network)
    )


@transaction.atomic
def make_organisation(
    *,
    group: Group,
    name: str,
    slug: str,
    kind: str,
    landlord: Organisation | None,
    by: User | None,
) -> Organisation:
    """The group becomes an organisation on Tenantry: the organisation is registered, the
    group's members get the committee role in it, and the group keeps its journey (its dates,
    tasks, documents and contacts stay on the group, linked by `group.organisation`)."""
    if not can_make_organisation(by, group):
        raise PermissionDenied
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.organisation_id is not None:
        raise ValidationError(_("The group is already an organisation on Tenantry"))
    if kind not in ORGANISATION_KINDS:
        raise ValidationError({"kind": _("Choose the kind of organisation")})
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("That short name is taken: choose another")})
    # Registered by Tenantry on the network's behalf (the rule above is the network's): the
    # organisations' own rule lets only a landlord's officers register one under it, and the
    # network is not the landlord. Who did it is kept in the new organisation's audit log.
    organisation = organisations.create_organisation(
        by=None,
        name=name.strip(),
        slug=slug,
        kind=kind,
        landlord=landlord,
        region=group.network.region,
        email=group.contact_email,
    )
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CREATED,
        what=_("%(organisation)s, from the tenant group %(group)s")
        % {"organisation": organisation, "group": group},
    )
    for membership in GroupMembership.objects.filter(group=group).select_related("user"):
        organisations.assign_role(
            user=membership.user, organisation=organisation, role=Role.COMMITTEE, by=None
        )
    group.organisation = organisation
    save_checked(group, by)
    _record(
        group, by, Action.CHANGED, _("became %(organisation)s") % {"organisation": organisation}
    )
    return organisation


# --- The ballot of tenants ----------------------------------------------------------------------


def ballot_electorate(organisation: Organisation, roll_date: date) -> str:
    """Who votes in the group's ballot: the tenants of the homes the organisation manages (the
    statutory final ballot), or, while it manages none on Tenantry (a residents' association,
    or before the agreement's homes are entered), its members."""
    if homes_of(organisation=organisation, on=roll_date).exists():
        return Electorate.TENANTS
    return Electorate.MEMBERS


def group_ballots(group: Group) -> list[Ballot]:
    """The ballots of the organisation the group became, newest first (none before)."""
    if group.organisation_id is None:
        return []
    return list(Ballot.objects.filter(organisation_id=group.organisation_id).order_by("-opens_at"))


@transaction.atomic
def schedule_tenants_ballot(
    *,
    group: Group,
    question: str,
    roll_date: date,
    opens_on: date,
    closes_on: date,
    by: User | None,
    today: date | None = None,
) -> Ballot:
    """Schedule the ballot of tenants through democracy's engine (`ballots.create_ballot`,
    which checks the person may run the organisation's ballots): votes are taken from 9am on
    `opens_on` until 5pm on `closes_on`. The group moves on to the ballot stage."""
    _require_group(by, group)
    organisation = group.organisation
    if organisation is None:
        raise ValidationError(_("The group must be an organisation on Tenantry first"))
    today = today or timezone.localdate()
    # Lock the group: two people scheduling at once would otherwise both find no ballot yet.
    Group.objects.select_for_update().get(pk=group.pk)
    # One ballot of tenants at a time: another may follow once this one is counted.
    if (
        Ballot.objects.filter(organisation=organisation)
        .exclude(status=BallotStatus.COUNTED)
        .exists()
    ):
        raise ValidationError(
            _("A ballot is already scheduled: run or count it before scheduling another")
        )
    if opens_on < today:
        raise ValidationError({"opens_on": _("The ballot must open today or later")})
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": _("The ballot must close on or after the day it opens")}
        )
    if roll_date > opens_on:
        raise ValidationError(
            {"roll_date": _("The roll date must be on or before the day the ballot opens")}
        )
    zone = timezone.get_current_timezone()
    if ballot_electorate(organisation, roll_date) == Electorate.TENANTS:
        kind, rule = BallotKind.RTM_FINAL, CountingRule.RTM_FINAL
    else:
        kind, rule = BallotKind.REFERENDUM, CountingRule.SIMPLE_MAJORITY
    ballot = ballot_engine.create_ballot(
        organisation=organisation,
        by=by,
        kind=kind,
        question=question,
        options=[_("Yes"), _("No")],
        roll_date=roll_date,
        opens_at=datetime.combine(opens_on, time(9), tzinfo=zone),
        closes_at=datetime.combine(closes_on, time(17), tzinfo=zone),
        rule=rule,
        electorate=Electorate.MEMBERS,  # the engine sets the tenants for a final ballot
    )
    move_stage_on(group=group, to=Stage.BALLOT, by=by)
    return ballot


def may_schedule_ballot(user: User | None, group: Group) -> bool:
    """Those who run the organisation's ballots (democracy's rule), once there is one."""
    if group.organisation is None or user is None or not user.is_authenticated:
        return False
    return can_run_ballots(roles_in(user=user, organisation=group.organisation))
