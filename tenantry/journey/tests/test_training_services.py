"""Training's services: places and the waiting list, cancelling, attendance, courses, quizzes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_training as services
from tenantry.journey.models import Attempt, Attendance, Booking, BookingStatus, Module
from tenantry.journey.selectors_training import training_record
from tenantry.journey.tests.factories import (
    BookingFactory,
    CourseFactory,
    SessionFactory,
    module_with_quiz,
)


def _book(session, n, by=None):
    return services.book(
        session=session, by=by, name=f"Person {n}", email=f"p{n}@example.org", for_self=False
    )


def test_a_full_session_puts_the_next_person_on_the_waiting_list(db):
    session = SessionFactory(capacity=2)

    statuses = [_book(session, n).status for n in range(3)]

    assert statuses == [BookingStatus.BOOKED, BookingStatus.BOOKED, BookingStatus.WAITING]


def test_the_same_person_cannot_book_twice_whatever_the_case_of_their_email(db):
    session = SessionFactory()
    services.book(session=session, by=None, name="Ann", email="ann@example.org", for_self=False)

    with pytest.raises(ValidationError) as refused:
        services.book(session=session, by=None, name="Ann", email="ANN@example.org", for_self=False)

    assert "email" in refused.value.error_dict


def test_a_signed_in_person_books_themselves_from_any_organisation(cast):
    session = SessionFactory()
    outsider = cast.people["outsider"]

    booking = services.book(session=session, by=outsider, organisation=cast.other_tmo)

    assert (booking.user, booking.email, booking.status) == (
        outsider,
        outsider.email.lower(),
        BookingStatus.BOOKED,
    )


def test_only_the_organiser_books_someone_else(cast):
    session = SessionFactory(course=CourseFactory(organisation=cast.tmo))

    with pytest.raises(PermissionDenied):
        _book(session, 1, by=cast.people["resident"])
    with pytest.raises(PermissionDenied):
        _book(session, 1, by=cast.people["outsider"])
    assert _book(session, 1, by=cast.people["staff"]).status == BookingStatus.BOOKED


def test_a_session_that_has_started_cannot_be_booked(db):
    start = timezone.now() - timedelta(minutes=5)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=2))

    with pytest.raises(ValidationError):
        _book(session, 1)


def test_cancelling_a_place_moves_the_first_on_the_waiting_list_up_and_emails_them(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    first = _book(session, 1)
    second, third = _book(session, 2), _book(session, 3)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved_up = services.cancel_booking(booking=first, by=None)

    assert moved_up == second
    second.refresh_from_db(), third.refresh_from_db(), first.refresh_from_db()
    assert (first.status, second.status, third.status) == (
        BookingStatus.CANCELLED,
        BookingStatus.BOOKED,
        BookingStatus.WAITING,
    )
    assert [m.to for m in mailoutbox] == [["p2@example.org"]]
    assert "A place has come free" in mailoutbox[0].subject


def test_cancelling_a_place_on_the_waiting_list_moves_no_one_up(db):
    session = SessionFactory(capacity=1)
    _book(session, 1)
    waiting = _book(session, 2)
    third = _book(session, 3)

    assert services.cancel_booking(booking=waiting, by=None) is None
    third.refresh_from_db()
    assert third.status == BookingStatus.WAITING


def test_someone_else_cannot_cancel_my_booking(cast):
    session = SessionFactory()
    mine = services.book(session=session, by=cast.people["resident"])

    with pytest.raises(PermissionDenied):
        services.cancel_booking(booking=mine, by=cast.people["outsider"])
    services.cancel_booking(booking=mine, by=cast.people["resident"])
    mine.refresh_from_db()
    assert mine.status == BookingStatus.CANCELLED


def test_attendance_is_marked_only_once_the_session_has_started(db):
    session = SessionFactory()
    booking = BookingFactory(session=session)

    with pytest.raises(ValidationError):
        services.mark_attendance(session=session, marks={booking.pk: Attendance.ATTENDED}, by=None)

    session.starts_at = timezone.now() - timedelta(hours=3)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    changed = services.mark_attendance(
        session=session, marks={booking.pk: Attendance.ATTENDED}, by=None
    )
    booking.refresh_from_db()
    assert (changed, booking.attendance) == (1, Attendance.ATTENDED)


def test_an_accredited_course_names_its_awarding_body(cast):
    with pytest.raises(ValidationError) as refused:
        services.create_course(
            organisation=cast.tmo,
            title="Board skills",
            summary="For boards.",
            length="Three days",
            delivery="face_to_face",
            accredited=True,
            by=cast.people["staff"],
        )
    assert "awarding_body" in refused.value.error_dict


def test_a_course_builds_only_skills_of_the_matrix(cast):
    with pytest.raises(ValidationError):
        services.create_course(
            organisation=cast.tmo,
            title="Board skills",
            summary="For boards.",
            length="Three days",
            delivery="face_to_face",
            skills=["juggling"],
            by=cast.people["staff"],
        )


def test_a_resident_cannot_add_a_course(cast):
    with pytest.raises(PermissionDenied):
        services.create_course(
            organisation=cast.tmo,
            title="Board skills",
            summary="For boards.",
            length="Three days",
            delivery="face_to_face",
            by=cast.people["resident"],
        )


def _answers(module: Module, right: set[int]) -> dict[int, set[int]]:
    """The right answers to the questions in `right` (by position), the wrong ones elsewhere."""
    answers = {}
    for question in module.questions.prefetch_related("options"):
        options = list(question.options.all())
        if question.position in right:
            answers[question.pk] = {o.pk for o in options if o.correct}
        else:
            answers[question.pk] = {next(o.pk for o in options if not o.correct)}
    return answers


def test_a_quiz_is_passed_at_the_pass_mark_and_can_be_taken_again(db):
    module = module_with_quiz(CourseFactory().organisation, pass_mark=2)
    person = UserFactory()

    failed = services.take_quiz(module=module, by=person, answers=_answers(module, {1}))
    passed = services.take_quiz(module=module, by=person, answers=_answers(module, {1, 2}))

    assert (failed.score, failed.passed) == (1, False)
    assert (passed.score, passed.out_of, passed.passed) == (2, 3, True)
    record = training_record(person)
    assert [(c.module, c.best, c.attempt_id) for c in record.completed] == [(module, 2, passed.pk)]


def test_a_question_with_two_right_answers_needs_both(db):
    module = module_with_quiz(CourseFactory().organisation)
    answers = _answers(module, {1, 2, 3})
    third = module.questions.get(position=3)
    answers[third.pk] = {next(iter(answers[third.pk]))}  # one of its two right answers

    attempt = services.take_quiz(module=module, by=UserFactory(), answers=answers)

    assert attempt.score == 2


def test_every_question_must_be_answered(db):
    module = module_with_quiz(CourseFactory().organisation)
    answers = _answers(module, {1, 2, 3})
    answers.pop(module.questions.get(position=2).pk)

    with pytest.raises(ValidationError):
        services.take_quiz(module=module, by=UserFactory(), answers=answers)
    assert Attempt.objects.count() == 0


def test_a_module_needs_a_pass_mark_it_can_reach(db):
    with pytest.raises(ValidationError):
        module_with_quiz(CourseFactory().organisation, pass_mark=4)


def test_the_record_holds_sessions_booked_for_my_email_by_the_organiser(db):
    person = UserFactory(email="ann@example.org")
    start = timezone.now() - timedelta(days=10)
    attended = BookingFactory(
        email="ann@example.org",
        session__starts_at=start,
        session__ends_at=start + timedelta(hours=2),
        attendance=Attendance.ATTENDED,
    )
    upcoming = BookingFactory(email="ann@example.org")
    BookingFactory(email="ann@example.org", status=BookingStatus.CANCELLED)

    record = training_record(person)

    assert (record.attended, record.upcoming) == ([attended], [upcoming])
    assert Booking.objects.count() == 3
