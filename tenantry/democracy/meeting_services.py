"""Every change to a meeting: calling it, its agenda, its notice, attendance at the door, proxies,
motions and votes, minutes, and the criticisms raised. Each checks permission (`require`), runs
in a transaction and records who acted (the audit log, simple-history, or `recorded_by`)."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from . import ballots
from . import meeting_selectors as selectors
from . import permissions as can
from .models import (
    AgendaItem,
    Attendance,
    AttendanceMode,
    Ballot,
    BallotKind,
    CountingRule,
    Criticism,
    Meeting,
    Membership,
    Minutes,
    Motion,
    Outcome,
    Proxy,
    RaisedStatus,
    ResolutionKind,
    VoteMethod,
)
from .resolutions import decide

Action = AuditEntry.Action


def _require(meeting_or_org, by: User | None) -> None:
    organisation = getattr(meeting_or_org, "organisation", meeting_or_org)
    require(can.can_run_meetings, user=by, organisation=organisation)


@transaction.atomic
def save_meeting(*, meeting: Meeting, by: User | None) -> Meeting:
    """Call a meeting, or change its date, time, place or link."""
    _require(meeting, by)
    created = meeting.pk is None
    meeting.full_clean()
    meeting.save()
    record_change(
        organisation=meeting.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=str(_("Meeting: %(name)s on %(day)s") % {"name": meeting.name, "day": meeting.day}),
    )
    return meeting


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, title: str, detail: str = "", by: User | None):
    """Add an item at the end of a meeting's agenda."""
    _require(meeting, by)
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, title=title, detail=detail)
    item.full_clean()
    item.save()
    record_change(
        organisation=meeting.organisation,
        by=by,
        action=Action.CHANGED,
        what=str(_("Agenda of %(meeting)s: %(item)s") % {"meeting": meeting, "item": title}),
    )
    return item


def _notice_emails(meeting: Meeting, members) -> list[emails.Email]:
    url = emails.absolute(
        reverse("democracy:meeting", args=[meeting.organisation.slug, meeting.pk])
    )
    return [
        emails.Email(
            to=membership.resident.email,
            name=membership.resident.name.split(" ")[0],
            template="democracy/email/meeting_notice",
            organisation_name=meeting.organisation.name,
            reason="member",
            language=emails.language_for(None, membership.resident.language),
            context={"meeting": meeting, "agenda": list(meeting.agenda.all()), "url": url},
        )
        for membership in members
        if membership.resident.email
    ]


@transaction.atomic
def send_notice(
    *,
    meeting: Meeting,
    by: User | None,
    late_reason: str = "",
    today: date | None = None,
    send_emails: bool = True,
) -> Meeting:
    """Give notice of a meeting: an email to each member with an address, and a letter (printed
    from `meeting_pdf.notice_letters`) for each of the others. Notice later than the
    constitution allows (`notice.latest_notice_day`) is refused unless a reason is recorded.
    `send_emails=False` records the notice without mailing anyone (the demo's past meetings)."""
    _require(meeting, by)
    today = today or timezone.localdate()
    if meeting.day <= today:
        raise ValidationError(_("The meeting has already taken place, so notice cannot go out."))
    status = selectors.notice_status(
        meeting=meeting, constitution=selectors.constitution_of(meeting.organisation)
    )
    late = today > status.latest
    if late and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _(
                    "Notice is late: your constitution asks for %(days)s clear days' notice, "
                    "so it had to go by %(day)s. Say why it is going late"
                )
                % {"days": status.clear_days, "day": formats.date_format(status.latest, "l j F")}
            }
        )
    members = list(selectors.current_members(meeting).select_related("resident"))
    messages = _notice_emails(meeting, members)
    meeting.notice_given_on = today
    meeting.notice_emails = len(messages)
    meeting.notice_letters = len(members) - len(messages)
    meeting.late_notice_reason = late_reason.strip() if late else ""
    meeting.save(
        update_fields=["notice_given_on", "notice_emails", "notice_letters", "late_notice_reason"]
    )
    record_change(
        organisation=meeting.organisation,
        by=by,
        action=Action.SENT,
        what=str(_("Notice of %(meeting)s") % {"meeting": meeting}),
        detail=str(
            _("%(emails)s emails, %(letters)s letters")
            % {"emails": meeting.notice_emails, "letters": meeting.notice_letters}
        ),
    )
    if send_emails:
        emails.send(messages)
    return meeting


def _member_of(meeting: Meeting, membership: Membership, field: str) -> None:
    if not selectors.current_members(meeting).filter(pk=membership.pk).exists():
        raise ValidationError(
            {
                field: _("%(name)s is not a member on the day of the meeting")
                % {"name": membership.resident.name}
            }
        )


@transaction.atomic
def mark_attendance(
    *, meeting: Meeting, membership: Membership, mode: str, by: User | None
) -> Attendance:
    """Mark a member present (in person or online) or sending apologies, at the door or before;
    marking again changes how."""
    _require(meeting, by)
    _member_of(meeting, membership, "membership")
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={"mode": mode, "recorded_by": by, "recorded_at": timezone.now()},
    )
    attendance.full_clean()
    return attendance


@transaction.atomic
def add_observer(*, meeting: Meeting, name: str, mode: str, by: User | None) -> Attendance:
    """Someone who is not a member attends: counted apart, never towards the quorum."""
    _require(meeting, by)
    if mode == AttendanceMode.APOLOGIES:
        raise ValidationError({"mode": _("An observer is present in person or online")})
    attendance = Attendance(meeting=meeting, observer_name=name.strip(), mode=mode, recorded_by=by)
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def remove_attendance(*, attendance: Attendance, by: User | None) -> None:
    """Take back an attendance marked by mistake."""
    _require(attendance.meeting, by)
    attendance.delete()


@transaction.atomic
def lodge_proxy(
    *,
    meeting: Meeting,
    member: Membership,
    holder: Membership,
    lodged_at: datetime,
    by: User | None,
) -> Proxy:
    """Record a member's proxy: another member to attend and vote for them. One lodged after the
    deadline is kept (the record is the record) but never counts (`quorum.count_towards_quorum`)."""
    _require(meeting, by)
    constitution = selectors.constitution_of(meeting.organisation)
    if not constitution.proxies_allowed:
        raise ValidationError(_("Your constitution does not allow proxies."))
    if member.pk == holder.pk:
        raise ValidationError({"holder": _("A member cannot hold their own proxy")})
    _member_of(meeting, member, "member")
    _member_of(meeting, holder, "holder")
    if Proxy.objects.filter(meeting=meeting, member=member).exists():
        raise ValidationError({"member": _("This member has already appointed a proxy")})
    proxy = Proxy(
        meeting=meeting, member=member, holder=holder, lodged_at=lodged_at, recorded_by=by
    )
    proxy.full_clean()
    proxy.save()
    record_change(
        organisation=meeting.organisation,
        by=by,
        action=Action.CREATED,
        what=str(_("Proxy for %(meeting)s") % {"meeting": meeting}),
    )
    return proxy


def _history(obj, by: User | None) -> None:
    obj._history_user = by


@transaction.atomic
def add_motion(*, motion: Motion, by: User | None) -> Motion:
    """Put a motion (or an amendment to one) to a meeting, proposed and seconded by members."""
    meeting = motion.meeting
    _require(meeting, by)
    if motion.amends_id and motion.amends.meeting_id != meeting.pk:
        raise ValidationError({"amends": _("An amendment amends a motion of the same meeting")})
    if motion.proposer_id:
        _member_of(meeting, motion.proposer, "proposer")
    if motion.seconder_id:
        _member_of(meeting, motion.seconder, "seconder")
    if motion.proposer_id and motion.proposer_id == motion.seconder_id:
        raise ValidationError(
            {"seconder": _("The seconder must be someone other than the proposer")}
        )
    motion.full_clean()
    _history(motion, by)
    motion.save()
    return motion


def _record_outcome(motion: Motion, method: str, counts: tuple[int, int, int], by) -> Motion:
    constitution = selectors.constitution_of(motion.meeting.organisation)
    votes_for, against, abstentions = counts
    decision = decide(
        kind=motion.kind,
        votes_for=votes_for,
        against=against,
        abstentions=abstentions,
        ordinary_percent=constitution.ordinary_resolution_percent,
        special_percent=constitution.special_resolution_percent,
        abstentions_count=constitution.abstentions_count_as_votes,
    )
    motion.method = method
    motion.votes_for, motion.votes_against, motion.abstentions = counts
    motion.outcome = Outcome.CARRIED if decision.carried else Outcome.LOST
    motion.outcome_text = decision.sentence()
    motion.decided_at = timezone.now()
    _history(motion, by)
    motion.save()
    if decision.carried and motion.approves_minutes_of_id:
        _approve_minutes(motion)
    return motion


@transaction.atomic
def record_show_of_hands(
    *, motion: Motion, votes_for: int, against: int, abstentions: int, by: User | None
) -> Motion:
    """Record the counts of a show of hands; the outcome is the constitution's
    (`resolutions.decide`), stored in words and numbers."""
    _require(motion.meeting, by)
    if motion.outcome not in (Outcome.PENDING,):
        raise ValidationError(_("This motion has already been decided."))
    return _record_outcome(motion, VoteMethod.HANDS, (votes_for, against, abstentions), by)


# A poll demanded at a meeting is taken there, in person, and closes this long after the demand
# unless the chair directs otherwise (`closes_at`).
POLL_MINUTES = 60


@transaction.atomic
def demand_poll(*, motion: Motion, by: User | None, closes_at: datetime | None = None) -> Motion:
    """A poll is demanded: the motion will be decided by a ballot, not a show of hands.

    A ballot is opened on the engine for the motion (For, then Against; members on the roll as
    they are on the meeting's day; votes in person at the meeting), its threshold the
    constitution's for an ordinary or a special resolution. When it is counted, the engine tells
    `poll_counted`, which records its totals (`record_poll_result`).
    """
    _require(motion.meeting, by)
    if motion.outcome != Outcome.PENDING:
        raise ValidationError(_("This motion has already been decided."))
    now = timezone.now()
    meeting = motion.meeting
    constitution = selectors.constitution_of(meeting.organisation)
    special = motion.kind == ResolutionKind.SPECIAL
    motion.ballot = ballots.create_ballot(
        organisation=meeting.organisation,
        by=by,
        kind=BallotKind.RESOLUTION,
        question=motion.title,
        explanation=motion.text,
        options=[_("For"), _("Against")],
        rule=CountingRule.THRESHOLD if special else CountingRule.SIMPLE_MAJORITY,
        threshold_percent=constitution.special_resolution_percent if special else None,
        roll_date=min(meeting.day, timezone.localdate()),
        opens_at=now,
        closes_at=closes_at or now + timedelta(minutes=POLL_MINUTES),
        online=False,
        paper=False,
        in_person=True,
    )
    ballots.freeze_roll(ballot=motion.ballot, by=by)
    motion.method = VoteMethod.POLL
    motion.outcome = Outcome.POLL
    motion.poll_demanded_at = now
    motion.outcome_text = _("A poll was demanded: the motion is decided by a ballot.")
    _history(motion, by)
    motion.save()
    return motion


def poll_counted(*, ballot: Ballot, by: User | None) -> None:
    """The engine's listener: a counted ballot that is a motion's poll decides the motion, its
    votes for and against decided by the constitution's rule (`resolutions.decide`). Those who
    did not vote are not abstentions: a poll counts the votes cast."""
    motion = Motion.objects.filter(ballot=ballot, outcome=Outcome.POLL).first()
    if motion is None:
        return
    votes = [o["votes"] for o in ballot.result["options"]]
    record_poll_result(motion=motion, votes_for=votes[0], against=votes[1], abstentions=0, by=by)


@transaction.atomic
def record_poll_result(
    *, motion: Motion, votes_for: int, against: int, abstentions: int, by: User | None
) -> Motion:
    """The ballot engine's totals for a motion put to a poll, decided like a show of hands."""
    _require(motion.meeting, by)
    if motion.outcome != Outcome.POLL:
        raise ValidationError(_("No poll was demanded on this motion."))
    return _record_outcome(motion, VoteMethod.POLL, (votes_for, against, abstentions), by)


@transaction.atomic
def withdraw_motion(*, motion: Motion, by: User | None) -> Motion:
    _require(motion.meeting, by)
    if motion.outcome != Outcome.PENDING:
        raise ValidationError(_("This motion has already been decided."))
    motion.outcome = Outcome.WITHDRAWN
    motion.outcome_text = _("Withdrawn by the proposer.")
    motion.decided_at = timezone.now()
    _history(motion, by)
    motion.save()
    return motion


def _approve_minutes(motion: Motion) -> None:
    minutes = Minutes.objects.select_for_update().get(meeting=motion.approves_minutes_of_id)
    minutes.approved_on = motion.meeting.day
    minutes.approved_by = motion
    minutes._history_user = getattr(motion, "_history_user", None)
    minutes.save()


@transaction.atomic
def propose_minutes_approval(*, meeting: Meeting, by: User | None) -> Motion:
    """Put the approval of the last meeting's draft minutes to this meeting, as a motion;
    carried, the minutes are approved and locked."""
    _require(meeting, by)
    earlier = selectors.previous_meeting_with_draft_minutes(meeting)
    if earlier is None:
        raise ValidationError(_("No earlier meeting has minutes waiting for approval."))
    day = formats.date_format(earlier.day, "j F Y")
    motion = Motion(
        meeting=meeting,
        approves_minutes_of=earlier,
        title=_("Minutes of the %(meeting)s of %(day)s") % {"meeting": earlier.name, "day": day},
        text=_("That the minutes of the %(meeting)s held on %(day)s are approved as a true record.")
        % {"meeting": earlier.name, "day": day},
    )
    motion.full_clean()
    _history(motion, by)
    motion.save()
    return motion


@transaction.atomic
def draft_minutes(*, meeting: Meeting, by: User | None) -> Minutes:
    """Draft a meeting's minutes from its record (`minutes_text.draft`); a draft not yet approved
    is written again from the record, approved minutes never."""
    from .minutes_text import draft

    _require(meeting, by)
    minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    if minutes.locked:
        raise ValidationError(_("These minutes are approved and can no longer be changed."))
    minutes.text = draft(meeting)
    minutes.full_clean()
    _history(minutes, by)
    minutes.save()
    return minutes


@transaction.atomic
def edit_minutes(*, minutes: Minutes, text: str, by: User | None) -> Minutes:
    """Correct the draft minutes; once approved they are locked."""
    _require(minutes.meeting, by)
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk).locked
    if locked:
        raise ValidationError(_("These minutes are approved and can no longer be changed."))
    minutes.text = text
    minutes.full_clean()
    _history(minutes, by)
    minutes.save()
    return minutes


@transaction.atomic
def raise_criticism(*, criticism: Criticism, by: User | None) -> Criticism:
    """Record a criticism or question raised at a meeting, with who answers it and by when."""
    _require(criticism.meeting, by)
    criticism.organisation = criticism.meeting.organisation
    criticism.full_clean()
    _history(criticism, by)
    criticism.save()
    return criticism


@transaction.atomic
def answer_criticism(
    *, criticism: Criticism, response: str, by: User | None, on: date | None = None
) -> Criticism:
    """Give the committee's answer; the criticism then leaves the list of those waiting."""
    require(can.can_answer_criticisms, user=by, organisation=criticism.organisation)
    if not response.strip():
        raise ValidationError({"response": _("Enter the response")})
    criticism.response = response.strip()
    criticism.answered_on = on or timezone.localdate()
    criticism.status = RaisedStatus.ANSWERED
    criticism.full_clean()
    _history(criticism, by)
    criticism.save()
    return criticism
