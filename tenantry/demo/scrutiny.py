"""The demo's tenant scrutiny: Northbrook's scrutiny panel with its members, training and terms
of reference, a young inspectors' group, the topics residents asked the panel to look at, and
a review of complaints handling under way: its desktop review, an interview and a walkabout,
three requests for evidence to the council (one answered, one late, one not yet due) and a
mystery shopping exercise with shoppers' results (and a second one being planned)."""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.homes.models import Estate
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation, Region
from tenantry.scrutiny import evidence_services, programme_services, shopping_services
from tenantry.scrutiny.models import (
    EvidenceRequest,
    Fieldwork,
    PanelTraining,
    ScrutinyStage,
    ShoppingExercise,
    ShoppingVisit,
    TermsOfReference,
    TopicRequest,
)

PANEL = "northbrook-scrutiny-panel"
YOUNG_INSPECTORS = "northbrook-young-inspectors"

# Members besides the demo login (panel@example.org), who do not sign in.
MEMBERS = [
    ("d.okafor@example.org", "David Okafor"),
    ("m.byrne@example.org", "Margaret Byrne"),
    ("s.ahmed@example.org", "Samir Ahmed"),
]
YOUNG = [
    ("k.lewis@example.org", "Kai Lewis"),
    ("p.nowak@example.org", "Paulina Nowak"),
]
COURSES = [
    "Introduction to tenant scrutiny (TPAS)",
    "Reading housing performance figures",
    "Mystery shopping: planning and scoring",
    "Interviewing officers and residents",
]

# The phone exercise's scoring sheet: (question, highest score).
SHEET = [
    ("Was the phone answered within 60 seconds?", 1),
    ("Did the officer recognise that you were making a complaint?", 1),
    ("Were you told what happens next and by when?", 1),
    ("How polite and helpful was the officer?", 5),
]
# Each shopper's scores, in the order of the sheet.
VISITS = [
    (19, [1, 0, 1, 4], "Answered quickly, but logged as a service request until I asked."),
    (16, [1, 1, 1, 5], "Very helpful; given a reference number and a date."),
    (12, [0, 0, 0, 2], "Waited eight minutes, then told to email instead."),
    (9, [1, 1, 0, 3], "Recognised as a complaint but no date given for the answer."),
    (5, [1, 1, 1, 4], ""),
]


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name=name, password=None)
    return user


def _panel_members(panel: Organisation, people: list[tuple[str, str]]) -> list[User]:
    members = []
    for email, name in people:
        user = _person(email, name)
        organisations.assign_role(user=user, organisation=panel, role=Role.PANEL)
        members.append(user)
    return members


def _training(panel: Organisation, members: list[User], today: date) -> None:
    for i, member in enumerate(members):
        for j, course in enumerate(COURSES[: 2 + i % 3]):
            PanelTraining.objects.create(
                panel=panel,
                member=member,
                course=course,
                completed_on=today - timedelta(days=400 - 90 * j - 17 * i),
            )


def add_demo_scrutiny(*, progress: Callable[[str], None] = lambda m: None) -> None:
    panel = Organisation.objects.filter(slug=PANEL).first()
    if panel is None or ShoppingExercise.objects.filter(review__panel=panel).exists():
        return
    progress("Adding the scrutiny panel's work…")
    today = timezone.localdate()
    council = panel.landlord

    usha = User.objects.filter(email="panel@example.org").first()
    members = ([usha] if usha else []) + _panel_members(panel, MEMBERS)
    _training(panel, members, today)
    TermsOfReference.objects.update_or_create(
        panel=panel,
        defaults={
            "evidence_working_days": 10,
            "residents_to_request_topic": 10,
            "response_months": 2,
            "senior_officer_name": "Director of Housing",
            "senior_officer_email": "housing.director@northbrook.example.org",
            "agreed_on": today - timedelta(days=300),
        },
    )

    young = organisations.create_organisation(
        by=None,
        name="Northbrook Young Inspectors",
        slug=YOUNG_INSPECTORS,
        kind=Organisation.Kind.SCRUTINY_PANEL,
        landlord=council,
        region=Region.NORTH_WEST,
        about="Residents aged 16 to 24 who test the council's services as mystery shoppers "
        "and on estate walkabouts, and gain skills for work while they do it.",
    )
    _training(young, _panel_members(young, YOUNG), today)

    # Topics residents asked for: one taken up by the review, one waiting, one declined.
    amina = User.objects.filter(email="resident@example.org").first()
    brookfield = Organisation.objects.filter(slug="brookfield-tmc").first() or council
    asked = TopicRequest.objects.create(
        panel=panel,
        topic="How long the council takes to answer complaints",
        why="I complained about my neighbour's leaking pipe in March and heard nothing for "
        "six weeks. Friends on other estates say the same.",
        asked_as="resident",
        asked_from=brookfield,
        asked_by=amina,
        asked_on=today - timedelta(days=70),
    )
    TopicRequest.objects.create(
        panel=panel,
        topic="Cleaning of the tower blocks' stairwells",
        why="The stairwells in the three towers are cleaned less often since the new contract.",
        asked_as="residents",
        residents=14,
        asked_from=Organisation.objects.filter(slug="hillside-ra").first() or council,
        asked_on=today - timedelta(days=8),
    )
    TopicRequest.objects.create(
        panel=panel,
        topic="Parking permits",
        why="Visitors cannot park near the flats.",
        asked_as="resident",
        asked_from=council,
        asked_on=today - timedelta(days=40),
        status="declined",
        reason="Parking permits are run by the council's highways team, not by housing, so "
        "they are outside what the panel may review. We have passed your concern to the "
        "Hillside Residents' Association, which meets the highways team each quarter.",
        decided_on=today - timedelta(days=30),
    )

    review = programme_services.start_review(
        panel=panel,
        scrutinised=council,
        service="complaints",
        title="Complaints handling",
        scope="How the council's housing service recognises, records and answers complaints "
        "at stages 1 and 2, against the Housing Ombudsman's Complaint Handling Code. It leaves "
        "out complaints about other council services.",
        started_on=today - timedelta(days=45),
        topic=asked,
        by=None,
    )
    programme_services.change_review(
        review=review,
        title=review.title,
        scope=review.scope,
        stage=ScrutinyStage.GATHERING,
        by=None,
    )

    estate = Estate.objects.filter(landlord=council).order_by("name").first()
    for kind, days, title, notes in [
        (
            "desktop",
            40,
            "Complaint figures for the last two years (CH01, CH02) and the complaints policy",
            "Stage 1 answers within 10 working days fell from 81% to 64%. The policy still "
            "describes an informal stage, which the Code does not allow.",
        ),
        (
            "interview",
            21,
            "The complaints and customer insight manager",
            "Two officers handle all stage 1 complaints; cover for leave is not arranged. "
            "Complaints made by phone are keyed in by the contact centre, sometimes days later.",
        ),
        (
            "walkabout",
            14,
            "Walkabout with residents and the housing officer",
            "Residents showed us notices with an out-of-date complaints phone number.",
        ),
    ]:
        Fieldwork.objects.create(
            review=review,
            kind=kind,
            held_on=today - timedelta(days=days),
            title=title,
            estate=estate if kind == "walkabout" else None,
            notes=notes,
        )

    # Evidence asked of the council: answered, late, and not yet due.
    for what, asked_days, answer in [
        (
            "The complaints log for the last 12 months (no names or addresses): date "
            "received, stage, date answered and outcome.",
            40,
            "Sent as a spreadsheet to the panel's email on the 12th; 412 complaints.",
        ),
        (
            "The training records of contact-centre staff on recognising complaints.",
            30,
            "",
        ),
        (
            "The self-assessment against the Complaint Handling Code sent to the Ombudsman.",
            3,
            "",
        ),
    ]:
        asked_on = today - timedelta(days=asked_days)
        due_on = evidence_services.default_due_on(review=review, asked_on=asked_on)
        answered_on = asked_on + timedelta(days=9) if answer else None
        EvidenceRequest.objects.create(
            review=review,
            what=what,
            asked_on=asked_on,
            due_on=due_on,
            answer=answer,
            answered_on=answered_on,
        )

    exercise = shopping_services.save_exercise(
        exercise=ShoppingExercise(
            review=review,
            title="Making a complaint by phone",
            channel="phone",
            scenario="Ring the housing contact centre to complain that a repair promised three "
            "weeks ago has not been done. Do not use the word “complaint” at first; see whether "
            "the officer recognises it as one.",
        ),
        by=None,
    )
    for text, most in SHEET:
        shopping_services.add_question(exercise=exercise, text=text, max_points=most, by=None)
    shopping_services.open_exercise(exercise=exercise, by=None)
    ShoppingExercise.objects.filter(pk=exercise.pk).update(opened_on=today - timedelta(days=21))
    questions = list(exercise.questions.all())
    for (days, scores, notes), shopper in zip(VISITS, members * 2, strict=False):
        visit = shopping_services.record_visit(
            exercise=exercise,
            done_on=today - timedelta(days=days),
            points={q.pk: s for q, s in zip(questions, scores, strict=True)},
            notes=notes,
            by=None,
        )
        ShoppingVisit.objects.filter(pk=visit.pk).update(shopper=shopper)

    planned = shopping_services.save_exercise(
        exercise=ShoppingExercise(
            review=review,
            title="Complaining through the website",
            channel="web",
            scenario="Use the council's online form to complain about a missed appointment.",
        ),
        by=None,
    )
    shopping_services.add_question(
        exercise=planned,
        text="Could you find the complaints form within three clicks?",
        max_points=1,
        by=None,
    )
    progress("The scrutiny panel's review of complaints handling")
