"""Reads of training worth naming: the public list of sessions, a person's training record,
the committee's skills coverage and a training organisation's figures. Each is a fixed number
of queries, whatever the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import financial_year_of
from tenantry.core.permissions import Role
from tenantry.democracy.models import CommitteeTerm
from tenantry.democracy.skills import SKILLS
from tenantry.organisations.models import Organisation, Region

from .models import Attempt, Attendance, Booking, BookingStatus, Course, Group, Module, Session


def with_places(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with their course, its organisation, and places booked and waiting counted in
    the same query."""
    return (
        sessions.select_related("course__organisation")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .annotate(left=Greatest(F("capacity") - F("booked"), Value(0)))
    )


def upcoming_sessions() -> QuerySet[Session]:
    """Every session not yet started, soonest first: the public list."""
    return with_places(Session.objects.filter(starts_at__gt=timezone.now())).order_by(
        "starts_at", "pk"
    )


def published_modules() -> QuerySet[Module]:
    return Module.objects.filter(published=True).select_related("organisation")


def places_left(session: Session) -> int:
    return session.left


# --- A person's record -------------------------------------------------------------------------


def _own_bookings(user: User) -> QuerySet[Booking]:
    """A person's bookings: made by them, or for their email address by an organiser."""
    return Booking.objects.filter(Q(user=user) | Q(email=user.email.lower()))


@dataclass
class Completion:
    module: Module
    passed_on: date
    best: int
    out_of: int
    attempt_id: int  # the first attempt that passed: its certificate


@dataclass
class Record:
    upcoming: list[Booking]
    attended: list[Booking]
    completed: list[Completion]
    tried: list[tuple[Module, int, int]]  # modules tried and not yet passed: best score


def training_record(user: User) -> Record:
    """What `user` is booked on, has attended and has completed (three queries)."""
    now = timezone.now()
    bookings = list(
        _own_bookings(user)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("session__course__organisation")
        .order_by("session__starts_at", "pk")
    )
    upcoming = [b for b in bookings if b.session.starts_at > now]
    attended = [b for b in bookings if b.attendance == Attendance.ATTENDED]
    attempts = list(
        Attempt.objects.filter(user=user).select_related("module").order_by("taken_at", "pk")
    )
    by_module: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_module[attempt.module_id].append(attempt)
    completed, tried = [], []
    for tries in by_module.values():
        best = max(t.score for t in tries)
        first_pass = next((t for t in tries if t.passed), None)
        if first_pass is None:
            tried.append((tries[0].module, best, tries[0].out_of))
        else:
            completed.append(
                Completion(
                    module=first_pass.module,
                    passed_on=timezone.localdate(first_pass.taken_at),
                    best=best,
                    out_of=first_pass.out_of,
                    attempt_id=first_pass.pk,
                )
            )
    return Record(upcoming=upcoming, attended=attended, completed=completed, tried=tried)


# --- The committee's skills coverage ------------------------------------------------------------


@dataclass
class CommitteeMember:
    name: str
    user_id: int | None = None
    email: str = ""
    skills: set[str] = field(default_factory=set)
    trained_in: list[str] = field(default_factory=list)  # course and module titles


@dataclass
class SkillCoverage:
    value: str
    label: str
    covered_by: list[str]  # names of committee members trained in it

    @property
    def covered(self) -> bool:
        return bool(self.covered_by)


@dataclass
class Coverage:
    members: list[CommitteeMember]
    skills: list[SkillCoverage]

    @property
    def gaps(self) -> list[SkillCoverage]:
        return [s for s in self.skills if not s.covered]


def committee_people(*, organisation: Organisation, day: date) -> list[CommitteeMember]:
    """Who sits on the committee on `day`: the holders of democracy's committee terms in force,
    and the people with a Tenantry account who hold the committee role there (joined to a term
    through their resident record when they have one). Two queries."""
    members: list[CommitteeMember] = []
    seen_users: set[int] = set()
    terms = (
        CommitteeTerm.objects.current(day)
        .filter(organisation=organisation)
        .select_related("membership__resident")
    )
    for term in terms:
        resident = term.membership.resident if term.membership_id else None
        member = CommitteeMember(
            name=term.holder,
            user_id=resident.user_id if resident else None,
            email=(resident.email or "").lower() if resident else "",
        )
        if member.user_id in seen_users:
            continue
        if member.user_id:
            seen_users.add(member.user_id)
        members.append(member)
    for user in User.objects.filter(
        role_assignments__organisation=organisation, role_assignments__role=Role.COMMITTEE
    ).distinct():
        if user.pk not in seen_users:
            seen_users.add(user.pk)
            members.append(
                CommitteeMember(name=user.name or user.email, user_id=user.pk, email=user.email)
            )
    return sorted(members, key=lambda m: m.name)


def skills_coverage(*, organisation: Organisation, day: date) -> Coverage:
    """For each skill of democracy's skills matrix, the committee members whose training builds
    it: a course session they attended, or an e-learning module they passed. A skill no one
    is trained in is a gap. Four queries."""
    members = committee_people(organisation=organisation, day=day)
    by_user = {m.user_id: m for m in members if m.user_id}
    by_email = {m.email: m for m in members if m.email}
    attended = (
        Booking.objects.filter(attendance=Attendance.ATTENDED)
        .filter(Q(user_id__in=list(by_user)) | Q(email__in=list(by_email)))
        .values_list("user_id", "email", "session__course__title", "session__course__skills")
    )
    for user_id, email, title, skills in attended:
        member = by_user.get(user_id) or by_email.get(email)
        member.skills |= set(skills)
        if title not in member.trained_in:
            member.trained_in.append(title)
    passed = (
        Attempt.objects.filter(passed=True, user_id__in=list(by_user))
        .values_list("user_id", "module__title", "module__skills")
        .distinct()
    )
    for user_id, title, skills in passed:
        member = by_user[user_id]
        member.skills |= set(skills)
        if title not in member.trained_in:
            member.trained_in.append(title)
    coverage = [
        SkillCoverage(
            value=skill.value,
            label=str(skill.label),
            covered_by=[m.name for m in members if skill.value in m.skills],
        )
        for skill in SKILLS
    ]
    return Coverage(members=members, skills=coverage)


# --- A training organisation's figures ----------------------------------------------------------


@dataclass
class Row:
    label: str
    people: int
    places: int  # attendances: one person at two sessions is two


@dataclass
class Figures:
    people: int
    places: int
    accredited_people: int
    by_year: list[Row]
    by_course: list[Row]
    by_where: list[Row]
    by_region: list[Row]


def _rows(pairs: list[tuple[str, str]], order=None) -> list[Row]:
    people: dict[str, set[str]] = defaultdict(set)
    places: dict[str, int] = defaultdict(int)
    for key, email in pairs:
        people[key].add(email)
        places[key] += 1
    keys = sorted(people, key=order or (lambda k: (-len(people[k]), k)))
    return [Row(label=k, people=len(people[k]), places=places[k]) for k in keys]


def training_figures(*, organisation: Organisation) -> Figures:
    """Who `organisation` has trained face to face or online: distinct people who attended a
    session of one of its courses (a person is their email address), by financial year, course,
    where they came from (organisation or tenant group) and region, and how many attended an
    accredited course. One query: the attendances are read once and counted here."""
    rows = list(
        Booking.objects.filter(
            session__course__organisation=organisation, attendance=Attendance.ATTENDED
        ).values_list(
            Lower("email"),
            "session__starts_at",
            "session__course__title",
            "session__course__accredited",
            Coalesce("organisation__name", "group__name"),
            Coalesce(
                "organisation__region",
                "organisation__landlord__region",
                "group__organisation__region",
                "group__landlord__region",
            ),
        )
    )
    regions = dict(Region.choices)
    not_said = _("Not recorded")
    years = [(financial_year_of(timezone.localdate(r[1])).label, r[0]) for r in rows]
    return Figures(
        people=len({r[0] for r in rows}),
        places=len(rows),
        accredited_people=len({r[0] for r in rows if r[3]}),
        by_year=_rows(years, order=lambda k: k),
        by_course=_rows([(r[2], r[0]) for r in rows]),
        by_where=_rows([(r[4] or not_said, r[0]) for r in rows]),
        by_region=_rows([(str(regions.get(r[5], not_said)), r[0]) for r in rows]),
    )


def courses_of(organisation: Organisation) -> QuerySet[Course]:
    """An organisation's courses, with their sessions to come and past counted."""
    now = timezone.now()
    return Course.objects.filter(organisation=organisation).annotate(
        upcoming=Count("sessions", filter=Q(sessions__starts_at__gt=now)),
        past=Count("sessions", filter=Q(sessions__starts_at__lte=now)),
    )


def groups_of(user: User) -> list:
    """The open tenant groups a person works on as one of the group's own people."""
    return list(Group.objects.filter(memberships__user=user, closed_at__isnull=True))
