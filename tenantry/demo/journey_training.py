"""The demo network's training programme (tenantry/journey): four courses, one of them
accredited; past sessions with who attended, from the committees of Kingsmead TMO, Brookfield
TMC and Marsh Lane EMB (committee@example.org among them); sessions to come with bookings, one
full with a waiting list; and two e-learning modules, some passed.

The courses, the awarding body and the places are examples, not real schemes or
qualifications. Sessions to come are booked through the services, as people would book them;
those already held are written as they stand afterwards (the services refuse a booking on a
session that has started)."""

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from tenantry.core.models import User
from tenantry.demo.network import NETWORK
from tenantry.demo.training_modules import MODULES
from tenantry.democracy.models import CommitteeTerm
from tenantry.journey import services_training as services
from tenantry.journey.models import (
    Attempt,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    Delivery,
    Module,
)
from tenantry.organisations.models import Organisation

COMMITTEES = ("kingsmead-tmo", "brookfield-tmc", "marsh-lane-emb")
HALL = "Tenants' Hall, Kingsmead Community Centre, 12 Mead Way"
OFFICE = "North West Tenant Control Network, 3rd floor, Cotton Exchange, Bridge Street"

COURSES = [
    {
        "title": "Running a tenant-led organisation",
        "summary": (
            "For committee and board members of TMOs, co-ops and groups getting ready for "
            "tenant control. How a board works and what the law asks of it, reading accounts "
            "and the management allowance, and employing staff and contractors fairly. "
            "Assessed by a short portfolio of your own organisation's papers."
        ),
        "length": "Three days, a week apart",
        "delivery": Delivery.FACE_TO_FACE,
        "accredited": True,
        "awarding_body": "Community Learning Awards North",
        "level": "Level 2",
        "credits": 6,
        "skills": ["governance", "finance", "employing", "chairing"],
    },
    {
        "title": "Chairing meetings with confidence",
        "summary": (
            "Agendas, keeping to time, making sure everyone is heard, taking a vote and "
            "writing it down. Practice with real meeting papers."
        ),
        "length": "One day",
        "delivery": Delivery.FACE_TO_FACE,
        "skills": ["chairing", "communication"],
    },
    {
        "title": "Scrutiny: asking the right questions",
        "summary": (
            "Reading repairs, complaints and satisfaction figures, and turning them into "
            "questions your landlord has to answer. Two evenings online."
        ),
        "length": "Two evenings of two hours",
        "delivery": Delivery.ONLINE_LIVE,
        "skills": ["scrutiny", "performance", "repairs"],
    },
    {
        "title": "Money matters: budgets and the management allowance",
        "summary": (
            "Where the money comes from, setting a budget, reading the monthly figures and "
            "spotting trouble early. Bring a calculator."
        ),
        "length": "One day",
        "delivery": Delivery.FACE_TO_FACE,
        "skills": ["finance"],
    },
]


def _at(days: int, hour: int, minutes: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minutes)))


def _committee_people(slug: str) -> list[tuple[str, str, Organisation]]:
    """Committee members of the organisation today with an email address: name, email."""
    organisation = Organisation.objects.get(slug=slug)
    terms = (
        CommitteeTerm.objects.current(timezone.localdate())
        .filter(organisation=organisation, membership__isnull=False)
        .exclude(membership__resident__email="")
        .select_related("membership__resident")
        .order_by("pk")
    )
    people = []
    for term in terms:
        resident = term.membership.resident
        try:
            validate_email(resident.email)
        except ValidationError:
            continue  # an address written down wrongly: no one could email it
        people.append((resident.name, resident.email.lower(), organisation))
    return people


def add_demo_training(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """The programme (only the first time)."""
    network = Organisation.objects.filter(slug=NETWORK).first()
    if network is None or Course.objects.filter(organisation=network).exists():
        return
    progress("The network's training programme…")
    rng = random.Random(16)
    courses = [services.create_course(organisation=network, by=None, **c) for c in COURSES]
    governance, chairing, scrutiny, money = courses

    # Each person once, though they may hold two terms on the day one ends and the next begins.
    people = list({p[1]: p for slug in COMMITTEES for p in _committee_people(slug)}.values())
    rng.shuffle(people)
    committee = User.objects.filter(email="committee@example.org").first()
    kingsmead = Organisation.objects.get(slug="kingsmead-tmo")

    # Sessions already held, with who came: (course, days ago, hour, capacity, place, trainer,
    # how many booked).
    held = [
        (governance, -420, 10, 14, OFFICE, "Dr Helen Okafor", 12),
        (chairing, -300, 10, 16, HALL, "Bernadette Quinn", 10),
        (scrutiny, -200, 18, 20, "", "Comfort Mensah", 14),
        (money, -150, 10, 12, OFFICE, "Raj Bhatt", 9),
        (governance, -90, 10, 14, OFFICE, "Dr Helen Okafor", 13),
        (chairing, -40, 10, 16, HALL, "Bernadette Quinn", 11),
    ]
    for n, (course, days, hour, capacity, place, trainer, count) in enumerate(held):
        session = _session(course, days, hour, capacity, place, trainer)
        chosen = rng.sample(people, k=min(count, len(people)))
        bookings = [
            Booking(
                session=session,
                name=name,
                email=email,
                organisation=organisation,
                status=BookingStatus.BOOKED,
                attendance=Attendance.ATTENDED
                if rng.random() < 0.85
                else Attendance.DID_NOT_ATTEND,
            )
            for name, email, organisation in chosen
        ]
        if committee is not None and n in (1, 4):  # committee@ went to chairing and governance
            bookings.append(
                Booking(
                    session=session,
                    user=committee,
                    name=committee.name,
                    email=committee.email,
                    organisation=kingsmead,
                    status=BookingStatus.BOOKED,
                    attendance=Attendance.ATTENDED,
                    booked_by=committee,
                )
            )
        Booking.objects.bulk_create(bookings)

    # Sessions to come, booked through the services.
    full = _session(money, 16, 10, 8, OFFICE, "Raj Bhatt")
    soon = _session(chairing, 25, 10, 16, HALL, "Bernadette Quinn")
    online = _session(scrutiny, 38, 18, 20, "", "Comfort Mensah")
    later = _session(governance, 60, 10, 14, OFFICE, "Dr Helen Okafor")
    for session, count in ((full, 11), (soon, 6), (online, 9), (later, 4)):
        for name, email, organisation in rng.sample(people, k=min(count, len(people))):
            services.book(
                session=session,
                by=None,
                name=name,
                email=email,
                organisation=organisation,
                for_self=False,
            )
    if committee is not None:
        services.book(session=online, by=committee, organisation=kingsmead, for_self=True)

    for module in MODULES:
        services.create_module(organisation=network, by=None, **module)
    _attempts(committee)


def _session(course, days, hour, capacity, place, trainer):
    online = course.delivery == Delivery.ONLINE_LIVE
    length = 2 if online else 5
    return services.add_session(
        course=course,
        starts_at=_at(days, hour),
        ends_at=_at(days, hour + length, 30 if not online else 0),
        capacity=capacity,
        trainer=trainer,
        place="" if online else place,
        online=online,
        by=None,
    )


def _attempts(committee: User | None) -> None:
    """Quizzes taken: committee@ failed "What a TMO does" once, then passed; staff@ passed the
    figures module; resident@ is still trying it."""
    what, figures = (
        Module.objects.get(slug="what-a-tmo-does"),
        Module.objects.get(slug="reading-performance-figures"),
    )
    staff = User.objects.filter(email="staff@example.org").first()
    resident = User.objects.filter(email="resident@example.org").first()
    tries = [
        (committee, what, 3),
        (committee, what, 5),
        (committee, figures, 4),
        (staff, figures, 5),
        (resident, figures, 2),
    ]
    for user, module, score in tries:
        if user is not None:
            Attempt.objects.create(
                module=module, user=user, score=score, out_of=5, passed=score >= module.pass_mark
            )
