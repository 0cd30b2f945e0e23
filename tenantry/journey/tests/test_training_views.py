"""Training's pages and reads: the committee's skills coverage, the figures, booking, the quiz,
certificates, and queries that do not grow with the rows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.tests.factories import UserFactory
from tenantry.democracy.models import CommitteeTerm
from tenantry.democracy.skills import SKILLS
from tenantry.democracy.tests.factories import MembershipFactory
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory
from tenantry.journey.models import Attempt, Attendance, BookingStatus
from tenantry.journey.selectors_training import skills_coverage, training_figures
from tenantry.journey.tests.factories import (
    BookingFactory,
    CourseFactory,
    GroupFactory,
    NetworkFactory,
    SessionFactory,
    module_with_quiz,
)
from tenantry.organisations.models import Region


def _held(course, **kwargs):
    start = kwargs.pop("start", timezone.now() - timedelta(days=30))
    return SessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=3))


def _committee_member(cast, name: str, email: str):
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home), name=name, email=email)
    membership = MembershipFactory(organisation=cast.tmo, resident=resident)
    CommitteeTerm.objects.create(
        organisation=cast.tmo,
        kind="tenant",
        membership=membership,
        how="elected",
        starts_on=date(2020, 1, 1),
    )
    return resident


def test_skills_are_covered_by_training_the_committee_attended_and_the_rest_are_gaps(cast):
    _committee_member(cast, "Grace Obi", "grace@example.net")
    network = NetworkFactory()
    chairing = CourseFactory(organisation=network, skills=["chairing", "communication"])
    money = CourseFactory(organisation=network, skills=["finance"])
    BookingFactory(
        session=_held(chairing), email="grace@example.net", attendance=Attendance.ATTENDED
    )
    BookingFactory(
        session=_held(money), email="grace@example.net", attendance=Attendance.DID_NOT_ATTEND
    )
    # The committee role holder passed a module on governance.
    module = module_with_quiz(network)
    Attempt.objects.create(
        module=module, user=cast.people["committee"], score=3, out_of=3, passed=True
    )

    coverage = skills_coverage(organisation=cast.tmo, day=timezone.localdate())

    covered = {s.value: s.covered_by for s in coverage.skills if s.covered}
    assert covered == {
        "chairing": ["Grace Obi"],
        "communication": ["Grace Obi"],
        "governance": [cast.people["committee"].name],
    }
    assert len(coverage.gaps) == len(SKILLS) - 3
    assert "finance" in {s.value for s in coverage.gaps}


def test_the_skills_page_reads_a_fixed_number_of_queries(
    cast, client_as, django_assert_max_num_queries
):
    for n in range(6):
        _committee_member(cast, f"Member {n}", f"m{n}@example.net")
        BookingFactory(
            session=_held(CourseFactory()), email=f"m{n}@example.net", attendance="attended"
        )
    client = client_as(cast.people["committee"])

    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:skills", args=[cast.tmo.slug]))

    assert response.status_code == 200
    assert "Member 5" in response.text


def test_the_figures_count_distinct_people_by_year_course_place_and_region(db):
    network = NetworkFactory()
    accredited = CourseFactory(
        organisation=network, title="Board skills", accredited=True, awarding_body="Awards North"
    )
    chairing = CourseFactory(organisation=network, title="Chairing")
    group = GroupFactory(network=network, name="Hollybank Tenants")
    spring_2025 = timezone.make_aware(timezone.datetime(2025, 5, 10, 10))
    winter_2026 = timezone.make_aware(timezone.datetime(2026, 2, 10, 10))
    may_2026 = timezone.make_aware(timezone.datetime(2026, 5, 10, 10))
    board = _held(accredited, start=spring_2025)
    chair = _held(chairing, start=winter_2026)
    later = _held(chairing, start=may_2026)
    tmo = CourseFactory().organisation  # any organisation, with its region
    tmo.region = Region.NORTH_WEST
    tmo.save()
    BookingFactory(session=board, email="a@example.org", organisation=tmo, attendance="attended")
    BookingFactory(session=chair, email="A@example.org", organisation=tmo, attendance="attended")
    BookingFactory(session=later, email="b@example.org", group=group, attendance="attended")
    BookingFactory(session=later, email="c@example.org", attendance="did_not_attend")
    BookingFactory(session=later, email="d@example.org")  # not marked

    figures = training_figures(organisation=network)

    assert (figures.people, figures.places, figures.accredited_people) == (2, 3, 1)
    assert [(r.label, r.people, r.places) for r in figures.by_year] == [
        ("2025/26", 1, 2),
        ("2026/27", 1, 1),
    ]
    assert [(r.label, r.people) for r in figures.by_course] == [
        ("Chairing", 2),
        ("Board skills", 1),
    ]
    assert {(r.label, r.people) for r in figures.by_where} == {
        (tmo.name, 1),
        ("Hollybank Tenants", 1),
    }
    assert {(r.label, r.people) for r in figures.by_region} == {
        ("North West", 1),
        ("Not recorded", 1),
    }


def test_the_figures_page_is_one_query_for_any_number_of_trainees(
    cast, client_as, django_assert_max_num_queries
):
    course = CourseFactory(organisation=cast.tmo)
    for _n in range(20):
        BookingFactory(session=_held(course), organisation=cast.tmo, attendance="attended")
    client = client_as(cast.people["staff"])
    client.get(reverse("training:figures", args=[cast.tmo.slug]))  # warm the session

    with django_assert_max_num_queries(8):
        response = client.get(reverse("training:figures", args=[cast.tmo.slug]))

    assert response.status_code == 200


def test_the_public_list_reads_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    for _n in range(15):
        BookingFactory(session=SessionFactory())
    module_with_quiz(NetworkFactory())

    with django_assert_max_num_queries(4):
        response = client.get(reverse("learning:courses"))

    assert response.status_code == 200
    assert "What a TMO does" in response.text


def test_booking_a_place_from_the_public_page(cast, client_as, mailoutbox):
    session = SessionFactory(capacity=1)
    client = client_as(cast.people["resident"])

    response = client.post(
        reverse("learning:book", args=[session.pk]), {"where": f"o{cast.tmo.pk}"}
    )

    assert response.status_code == 302
    booking = session.bookings.get()
    assert (booking.user, booking.organisation, booking.status) == (
        cast.people["resident"],
        cast.tmo,
        BookingStatus.BOOKED,
    )


def test_the_organisers_booking_form_keeps_what_was_typed_and_names_the_field(cast, client_as):
    session = SessionFactory(course=CourseFactory(organisation=cast.tmo))
    client = client_as(cast.people["staff"])

    response = client.post(
        reverse("training:book-for", args=[cast.tmo.slug, session.pk]),
        {"name": "Ann Lee", "email": "not an email"},
    )

    assert response.status_code == 400
    assert "Ann Lee" in response.text
    assert "govuk-error-summary" in response.text
    assert 'href="#id_email"' in response.text


def test_a_full_session_offers_the_waiting_list_and_the_organiser_sees_it(cast, client_as):
    session = SessionFactory(course=CourseFactory(organisation=cast.tmo), capacity=1)
    BookingFactory(session=session, name="First Person")
    BookingFactory(session=session, name="Second Person", status=BookingStatus.WAITING)

    public = client_as(None).get(reverse("learning:session", args=[session.pk]))
    organiser = client_as(cast.people["staff"]).get(
        reverse("training:session", args=[cast.tmo.slug, session.pk])
    )

    assert "Join the waiting list" in public.text
    assert "Waiting list" in organiser.text and "Second Person" in organiser.text


def test_the_quiz_page_scores_an_attempt_and_asks_again_for_a_missing_answer(cast, client_as):
    module = module_with_quiz(cast.tmo)
    client = client_as(cast.people["resident"])
    url = reverse("learning:quiz", args=[module.slug])
    questions = list(module.questions.prefetch_related("options"))

    missing = client.post(url, {})
    right = {
        f"q{q.pk}": [o.pk for o in q.options.all() if o.correct]
        if q.position == 3
        else next(o.pk for o in q.options.all() if o.correct)
        for q in questions
    }
    passed = client.post(url, right)

    assert missing.status_code == 400 and "Answer question 1" in missing.text
    assert passed.status_code == 200 and "You passed" in passed.text
    assert Attempt.objects.get().passed


def test_a_certificate_is_a_pdf_for_its_own_person_only(cast, client_as):
    person = UserFactory(email="ann@example.org", name="Ann Lee")
    booking = BookingFactory(
        session=_held(CourseFactory()), email="ann@example.org", attendance="attended"
    )
    url = reverse("learning:session-certificate", args=[booking.pk])

    own = client_as(person).get(url)
    other = client_as(cast.people["resident"]).get(url)

    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert own.content.startswith(b"%PDF")
    assert other.status_code == 404


@pytest.mark.parametrize("attendance", ["", "did_not_attend"])
def test_no_certificate_without_attending(db, client_as, attendance):
    person = UserFactory(email="ann@example.org")
    booking = BookingFactory(
        session=_held(CourseFactory()), email="ann@example.org", attendance=attendance
    )

    response = client_as(person).get(reverse("learning:session-certificate", args=[booking.pk]))

    assert response.status_code == 404
