"""Every change to training: courses and sessions, bookings and the waiting list, attendance,
and e-learning attempts. Each checks who may act (`require` with journey/permissions.py, or the
booking's own person), runs in a transaction, validates before saving and records who acted.

Places are counted under a row lock on the session (`_locked`): two people booking the last
place at once each read the count after the other has written, so one gets it and the other
goes on the waiting list, never both (tests/test_training_race.py)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from . import permissions as can
from .models import (
    ACTIVE,
    Attempt,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    Module,
    ModulePage,
    Option,
    Question,
    Session,
)
from .models.groups import Group

Action = AuditEntry.Action


# --- Courses and sessions -----------------------------------------------------------------------


@transaction.atomic
def create_course(
    *,
    organisation: Organisation,
    title: str,
    summary: str,
    length: str,
    delivery: str,
    accredited: bool = False,
    awarding_body: str = "",
    level: str = "",
    credits: int | None = None,
    skills: list[str] | None = None,
    by: User | None,
) -> Course:
    """A course in `organisation`'s programme."""
    require(can.can_keep_training, user=by, organisation=organisation)
    course = Course(
        organisation=organisation,
        title=title,
        summary=summary,
        length=length,
        delivery=delivery,
        accredited=accredited,
        awarding_body=awarding_body,
        level=level,
        credits=credits,
        skills=list(skills or []),
    )
    save_checked(course, by)
    record_change(organisation=organisation, by=by, action=Action.CREATED, what=f"Course {title}")
    return course


@transaction.atomic
def change_course(*, course: Course, by: User | None, **values) -> Course:
    """Change a course's description (title, summary, accreditation, skills…)."""
    require(can.can_keep_training, user=by, organisation=course.organisation)
    for name, value in values.items():
        setattr(course, name, value)
    save_checked(course, by)
    record_change(
        organisation=course.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Course {course.title}",
    )
    return course


@transaction.atomic
def add_session(
    *,
    course: Course,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    trainer: str,
    place: str = "",
    online: bool = False,
    by: User | None,
) -> Session:
    """A session of `course` people can book on."""
    require(can.can_keep_training, user=by, organisation=course.organisation)
    session = Session(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        trainer=trainer,
        place="" if online else place,
        online=online,
    )
    save_checked(session, by)
    record_change(
        organisation=course.organisation,
        by=by,
        action=Action.CREATED,
        what=f"Session of {course.title} on {starts_at:%Y-%m-%d}",
    )
    return session


# --- Bookings and the waiting list --------------------------------------------------------------


def _locked(session: Session) -> Session:
    """The session's row, locked until the transaction ends: every count of its places is taken
    under this lock, so places are never given twice."""
    return Session.objects.select_for_update().get(pk=session.pk)


def is_organiser(user: User | None, session: Session) -> bool:
    if user is None:
        return True
    return can.can_keep_training(roles_in(user=user, organisation=session.course.organisation))


@transaction.atomic
def book(
    *,
    session: Session,
    by: User | None,
    name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
    group: Group | None = None,
    for_self: bool = True,
) -> Booking:
    """Book `by` (for_self) or the person named (by the organiser) on `session`: a place if
    one is free, else a place on the waiting list."""
    if for_self:
        if by is None or not by.is_authenticated:
            raise PermissionDenied
        name, email = by.name or by.email, by.email
    else:
        require(can.can_keep_training, user=by, organisation=session.course.organisation)
    session = _locked(session)
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started, so it cannot be booked"))
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Enter the email address of the person to book")})
    if not (name or "").strip():
        raise ValidationError({"name": _("Enter the name of the person to book")})
    if Booking.objects.filter(session=session, email=email, status__in=ACTIVE).exists():
        raise ValidationError(
            {"email": _("This person is already booked on this session or waiting for a place")}
        )
    taken = Booking.objects.filter(session=session, status=BookingStatus.BOOKED).count()
    booking = Booking(
        session=session,
        user=by if for_self else User.objects.filter(email__iexact=email).first(),
        name=name.strip(),
        email=email,
        organisation=organisation,
        group=group,
        status=BookingStatus.BOOKED if taken < session.capacity else BookingStatus.WAITING,
        booked_by=by,
    )
    save_checked(booking, by)
    record_change(
        organisation=session.course.organisation,
        by=by,
        action=Action.CREATED,
        what=f"Booking on {session}",
        detail=f"{booking.name}: {booking.get_status_display()}",
    )
    _tell(booking, "booked" if booking.status == BookingStatus.BOOKED else "waiting")
    return booking


@transaction.atomic
def cancel_booking(*, booking: Booking, by: User | None) -> Booking | None:
    """Cancel a booking (its own person or the organiser). A place freed goes to the first on
    the waiting list, who is told by email; returns that booking, if any."""
    session = _locked(booking.session)
    booking = Booking.objects.select_related("user").get(pk=booking.pk)
    own = by is not None and booking.user_id is not None and booking.user_id == by.pk
    if not own and not is_organiser(by, session):
        raise PermissionDenied
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError(_("This booking is already cancelled"))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started: mark attendance instead"))
    freed = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    save_checked(booking, by)
    moved_up = None
    if freed:
        moved_up = (
            Booking.objects.filter(session=session, status=BookingStatus.WAITING)
            .order_by("booked_at", "pk")
            .first()
        )
        if moved_up is not None:
            moved_up.status = BookingStatus.BOOKED
            save_checked(moved_up, by)
            _tell(moved_up, "moved_up")
    record_change(
        organisation=session.course.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Booking on {session} cancelled",
        detail=booking.name
        + (f"; {moved_up.name} moved up from the waiting list" if moved_up else ""),
    )
    return moved_up


@transaction.atomic
def mark_attendance(*, session: Session, marks: dict[int, str], by: User | None) -> int:
    """Mark who attended a session that has started: `marks` maps booking ids to an
    `Attendance` value. Returns how many marks changed."""
    require(can.can_keep_training, user=by, organisation=session.course.organisation)
    session = _locked(session)
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be marked once the session has started"))
    if any(value not in Attendance.values for value in marks.values()):
        raise ValidationError(_("Choose attended or did not attend"))
    changed = 0
    for booking in Booking.objects.filter(
        session=session, status=BookingStatus.BOOKED, pk__in=list(marks)
    ):
        if booking.attendance != marks[booking.pk]:
            booking.attendance = marks[booking.pk]
            save_checked(booking, by)
            changed += 1
    if changed:
        record_change(
            organisation=session.course.organisation,
            by=by,
            action=Action.CHANGED,
            what=f"Attendance at {session}",
            detail=f"{changed} marked",
        )
    return changed


def _tell(booking: Booking, what: str) -> None:
    """Email the person booked: their place, their place on the waiting list, or a place that
    has come free for them. Sent after the change commits (`emails.send`)."""
    session = booking.session
    organisation = session.course.organisation
    kwargs = {
        "template": f"journey/email/training_{what}",
        "organisation_name": organisation.name,
        "reason": "training",
        "context": {
            "booking": booking,
            "session": session,
            "course": session.course,
            "url": emails.absolute(reverse("learning:session", args=[session.pk])),
        },
    }
    if booking.user is not None:
        email = emails.Email.to_user(booking.user, **kwargs)
    else:
        email = emails.Email(to=booking.email, name=booking.name, **kwargs)
    emails.send([email])


# --- E-learning ---------------------------------------------------------------------------------


@transaction.atomic
def create_module(
    *,
    organisation: Organisation,
    slug: str,
    title: str,
    summary: str,
    pass_mark: int,
    pages: list[tuple[str, str]],
    questions: list[tuple[str, list[tuple[str, bool]]]],
    skills: list[str] | None = None,
    minutes: int = 15,
    published: bool = True,
    by: User | None,
) -> Module:
    """An e-learning module with its pages (heading, text) and quiz (question, [(answer,
    correct)]). Every question has at least two answers and at least one correct; the pass mark
    is at most the number of questions."""
    require(can.can_keep_training, user=by, organisation=organisation)
    if not pages:
        raise ValidationError(_("A module needs at least one page"))
    if not questions or pass_mark > len(questions):
        raise ValidationError({"pass_mark": _("The pass mark must be at most the questions")})
    for text, options in questions:
        if len(options) < 2 or not any(correct for _text, correct in options):
            raise ValidationError(
                _("Each question needs two answers or more, one of them correct: %(q)s")
                % {"q": text}
            )
    module = Module(
        organisation=organisation,
        slug=slug,
        title=title,
        summary=summary,
        pass_mark=pass_mark,
        skills=list(skills or []),
        minutes=minutes,
        published=published,
    )
    save_checked(module, by)
    ModulePage.objects.bulk_create(
        ModulePage(module=module, position=n, heading=h, body=b)
        for n, (h, b) in enumerate(pages, 1)
    )
    for n, (text, options) in enumerate(questions, 1):
        question = Question.objects.create(module=module, position=n, text=text)
        Option.objects.bulk_create(
            Option(question=question, position=m, text=o, correct=c)
            for m, (o, c) in enumerate(options, 1)
        )
    record_change(
        organisation=organisation, by=by, action=Action.CREATED, what=f"E-learning module {title}"
    )
    return module


def right_answers(module: Module) -> dict[int, frozenset[int]]:
    """Each question's correct options (one query)."""
    right: dict[int, set[int]] = {q.pk: set() for q in module.questions.all()}
    for question_id, option_id in Option.objects.filter(
        question__module=module, correct=True
    ).values_list("question_id", "pk"):
        right[question_id].add(option_id)
    return {pk: frozenset(options) for pk, options in right.items()}


@transaction.atomic
def take_quiz(*, module: Module, by: User, answers: dict[int, set[int]]) -> Attempt:
    """Score one go at the quiz: a question is right when exactly its correct answers were
    chosen. Every question must be answered; the attempt is kept whether it passed or not."""
    if by is None or not by.is_authenticated:
        raise PermissionDenied
    if not module.published:
        raise PermissionDenied
    right = right_answers(module)
    missing = [pk for pk in right if not answers.get(pk)]
    if missing:
        raise ValidationError({f"q{pk}": _("Choose an answer") for pk in missing})
    score = sum(1 for pk, correct in right.items() if frozenset(answers[pk]) == correct)
    attempt = Attempt(
        module=module,
        user=by,
        score=score,
        out_of=len(right),
        passed=score >= module.pass_mark,
    )
    attempt.full_clean()
    attempt.save()
    return attempt
