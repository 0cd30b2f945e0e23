"""Reads about meetings worth a name: the constitution a meeting follows, its notice and AGM
timing, its live quorum, members found at the door, the decisions log and the criticisms owed
an answer. Each asks a fixed number of queries whatever the size."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Count as DbCount
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tenantry.core.dated import in_force_on
from tenantry.organisations.models import Organisation

from . import notice
from .models import (
    Attendance,
    AttendanceMode,
    CommitteeTerm,
    Constitution,
    Criticism,
    LegalForm,
    Meeting,
    MeetingKind,
    Membership,
    Motion,
    Outcome,
    Proxy,
    RaisedStatus,
)
from .models.constitution import current_q
from .quorum import Count, ProxyVote, count_towards_quorum, quorum_needed, rules_for


def constitution_of(organisation: Organisation) -> Constitution:
    """The organisation's constitution, or the defaults (unsaved) until it records its own."""
    found = Constitution.objects.filter(organisation=organisation).first()
    return found or Constitution(organisation=organisation, legal_form=LegalForm.COMPANY)


@dataclass(frozen=True)
class NoticeStatus:
    """What the constitution asks of a meeting's notice, and whether it was met."""

    clear_days: int
    latest: date
    given_on: date | None
    meeting_day: date

    @property
    def in_time(self) -> bool | None:
        if self.given_on is None:
            return None
        return self.given_on <= self.latest

    @property
    def days_given(self) -> int | None:
        if self.given_on is None:
            return None
        return notice.clear_days_between(self.given_on, self.meeting_day)

    def overdue(self, today: date | None = None) -> bool:
        """No notice given and the last day for it has passed."""
        return self.given_on is None and (today or timezone.localdate()) > self.latest


def notice_status(*, meeting: Meeting, constitution: Constitution) -> NoticeStatus:
    """The clear days' notice the constitution asks of `meeting` (general or committee), the last
    day to give it (`notice.latest_notice_day`) and when it was given."""
    clear_days = (
        constitution.notice_clear_days
        if meeting.is_general
        else constitution.committee_notice_clear_days
    )
    return NoticeStatus(
        clear_days=clear_days,
        latest=notice.latest_notice_day(meeting.day, clear_days),
        given_on=meeting.notice_given_on,
        meeting_day=meeting.day,
    )


@dataclass(frozen=True)
class AgmTiming:
    year_end: date
    due_by: date
    within_months: int
    in_time: bool


def agm_timing(*, meeting: Meeting, constitution: Constitution) -> AgmTiming | None:
    """For an AGM: the financial year it is held for (the last year end before it), the last day
    the constitution allows (`notice.agm_due_by`), and whether the meeting's day is in time."""
    if meeting.kind != MeetingKind.AGM:
        return None
    year_end = notice.year_end_before(meeting.day, constitution.year_end_month)
    due = notice.agm_due_by(
        held_for_year_ending=year_end, within_months=constitution.agm_within_months
    )
    return AgmTiming(year_end, due, constitution.agm_within_months, meeting.day <= due)


def current_members(meeting: Meeting) -> QuerySet[Membership]:
    """The organisation's members on the meeting's day: who may attend, vote and count."""
    return Membership.objects.current(meeting.day).filter(organisation=meeting.organisation_id)


def proxy_deadline_of(*, meeting: Meeting, constitution: Constitution) -> datetime:
    """The last moment a proxy for `meeting` may be lodged (`notice.proxy_deadline`)."""
    start = notice.meeting_start(meeting.day, meeting.starts_at)
    return notice.proxy_deadline(start, constitution.proxy_deadline_hours)


def quorum_of(*, meeting: Meeting, constitution: Constitution) -> Count:
    """The live quorum of a meeting (`quorums_of` for one meeting): four queries."""
    return quorums_of(meetings=[meeting], constitution=constitution)[meeting.pk]


def quorums_of(*, meetings: list[Meeting], constitution: Constitution) -> dict[int, Count]:
    """The quorum of each meeting, general or committee, by its id, by the constitution's rules
    for its kind (`quorum.rules_for`): four queries however many meetings.

    A general meeting counts members present plus valid proxies whose holder is present, against
    the number needed of the members on its day. A committee meeting counts those present who
    hold a committee seat that day, against the number needed of the committee in office then
    (seats held, members or not). Non-members on the committee (independents, nominees) are
    recorded at the door as observers, so they are in the committee in office but not counted
    present: the count errs towards "not quorate", never the other way."""
    if not meetings:
        return {}
    general_days = sorted({m.day for m in meetings if m.is_general})
    committee_days = sorted({m.day for m in meetings if not m.is_general})
    organisation = constitution.organisation_id
    in_office: dict = {}
    members_on: dict = {}
    if general_days:
        counted = Membership.objects.filter(organisation=organisation).aggregate(
            **{f"d{i}": DbCount("pk", filter=current_q(day)) for i, day in enumerate(general_days)}
        )
        members_on = {day: counted[f"d{i}"] for i, day in enumerate(general_days)}
    if committee_days:
        first, last = committee_days[0], committee_days[-1]
        terms = list(
            CommitteeTerm.objects.filter(organisation=organisation)
            .in_force_during(first, last)
            .values_list("membership_id", "starts_on", "ends_on")
        )
        for day in committee_days:
            held = [t for t in terms if in_force_on(t[1], t[2], day)]
            in_office[day] = (len(held), {t[0] for t in held if t[0]})
    present: dict[int, list[int]] = {m.pk: [] for m in meetings}
    for meeting_id, membership_id in (
        Attendance.objects.filter(meeting__in=[m.pk for m in meetings], membership__isnull=False)
        .exclude(mode=AttendanceMode.APOLOGIES)
        .values_list("meeting_id", "membership_id")
    ):
        present[meeting_id].append(membership_id)
    proxies: dict[int, list[ProxyVote]] = {m.pk: [] for m in meetings}
    for meeting_id, member, holder, lodged_at in Proxy.objects.filter(
        meeting__in=[m.pk for m in meetings if m.is_general]
    ).values_list("meeting_id", "member_id", "holder_id", "lodged_at"):
        proxies[meeting_id].append(ProxyVote(member=member, holder=holder, lodged_at=lodged_at))
    counts = {}
    for meeting in meetings:
        rules = rules_for(constitution=constitution, general=meeting.is_general)
        here = present[meeting.pk]
        if rules.of_committee:
            size, holders = in_office[meeting.day]
            here = [member for member in here if member in holders]
        else:
            size = members_on[meeting.day]
        counts[meeting.pk] = replace(
            count_towards_quorum(
                present=here,
                proxies=proxies[meeting.pk],
                deadline=proxy_deadline_of(meeting=meeting, constitution=constitution),
                proxies_allowed=rules.proxies_allowed,
                needed=quorum_needed(
                    rule=rules.rule, number=rules.number, percent=rules.percent, members=size
                ),
            ),
            of=size,
        )
    return counts


def members_matching(*, meeting: Meeting, search: str, limit: int = 20) -> list[Membership]:
    """Members on the meeting's day whose name contains `search`, or whose membership number it
    is: for finding someone at the door."""
    search = search.strip()
    if not search:
        return []
    match = Q(resident__name__icontains=search)
    if search.isdigit() and len(search) < 10:
        match |= Q(number=int(search))
    return list(
        current_members(meeting)
        .filter(match)
        .select_related("resident", "household__home")
        .order_by("resident__name", "pk")[:limit]
    )


def attendance_of(meeting: Meeting):
    """Everyone recorded at the meeting, members first by name, observers after."""
    return meeting.attendances.select_related("membership__resident").order_by(
        F("membership__resident__name").asc(nulls_last=True), "observer_name", "pk"
    )


def meetings_of(organisation: Organisation) -> QuerySet[Meeting]:
    """An organisation's meetings, the newest first."""
    return Meeting.objects.filter(organisation=organisation).order_by("-day", "-starts_at", "-pk")


def decisions_of(organisation: Organisation) -> QuerySet[Motion]:
    """The decisions log: every motion decided at the organisation's meetings, newest first."""
    return (
        Motion.objects.filter(meeting__organisation=organisation)
        .exclude(outcome=Outcome.PENDING)
        .select_related("meeting")
        .order_by("-meeting__day", "-pk")
    )


def criticisms_of(organisation: Organisation, *, answered: bool | None = None):
    """Criticisms and questions raised at the organisation's meetings, the soonest due first;
    only those waiting (`answered=False`) or answered (`True`) when asked."""
    found = Criticism.objects.filter(organisation=organisation).select_related("meeting")
    if answered is True:
        return found.filter(status=RaisedStatus.ANSWERED).order_by("-answered_on", "-pk")
    if answered is False:
        return found.filter(status=RaisedStatus.OPEN).order_by("due_on", "pk")
    return found


def previous_meeting_with_draft_minutes(meeting: Meeting) -> Meeting | None:
    """The latest earlier meeting of the same body (general or committee) whose minutes wait for
    approval and are not already put to `meeting`: what the next meeting is asked to approve."""
    kinds = (
        [MeetingKind.AGM, MeetingKind.GENERAL] if meeting.is_general else [MeetingKind.COMMITTEE]
    )
    return (
        Meeting.objects.filter(
            organisation=meeting.organisation_id,
            kind__in=kinds,
            day__lt=meeting.day,
            minutes__isnull=False,
            minutes__approved_on__isnull=True,
        )
        .exclude(approving_motions__meeting=meeting)
        .order_by("-day", "-pk")
        .first()
    )
