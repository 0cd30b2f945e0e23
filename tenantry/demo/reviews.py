"""The demo's Best Value reviews at Kingsmead TMO: the programme agreed with Northbrook
Council, a finished review of the repairs service (every step completed, started about 14
months ago) and a review of caretaking under way at step 5, with the gaps the four Cs name."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from tenantry.democracy import meeting_services
from tenantry.democracy.models import Meeting
from tenantry.indicators.models import Indicator
from tenantry.organisations.models import Organisation
from tenantry.reviews import selectors, services
from tenantry.reviews.models import (
    BenchmarkVisit,
    EvidenceKind,
    Option,
    ProgrammeEntry,
    Review,
    ReviewStatus,
    Stakeholder,
    StepStatus,
)
from tenantry.surveys.models import Survey

ORGANISATION = "kingsmead-tmo"

REPAIRS_STEPS = {
    1: {
        "in_scope": "Responsive repairs reported by tenants and leaseholders; how the committee "
        "monitors the contractor; complaints about repairs.",
        "out_of_scope": "Gas servicing (the council's contract) and major works.",
    },
    2: {
        "need": "Yes: every household needs repairs done. Tenants could do small jobs "
        "themselves (a handyperson scheme was discussed).",
        "who_needs": "Everyone, but older and disabled tenants rely on it most.",
        "badly_served": "Tenants in the tower blocks wait longest; tenants whose first "
        "language is not English report fewer repairs.",
    },
    3: {
        "statement": "A repairs service that is quick, done right first time, good value and "
        "that tenants are satisfied with.",
        "quality": "Right first time: share of repairs needing no second visit.",
        "responsiveness": "Non-emergency repairs completed within target (RP02).",
        "value_for_money": "Cost per repair against the council and Ashfield TMO.",
        "satisfaction": "Satisfaction with repairs (TP02) of 85% or more.",
    },
    4: {
        "problems": "Missed appointments; second visits for the same job; no word on when "
        "the contractor will come.",
        "causes": "Appointments are not booked at the first call; the contractor's operatives "
        "carry too few parts.",
        "events": "Drop-in at the community hall; door-knocking in the towers; a focus group "
        "with the Bangladeshi women's group.",
    },
    5: {
        "compared_with": "The council's own homes, Ashfield TMO (same size, same contractor) "
        "and landlords in England.",
        "learnt": "Ashfield books appointments at the first call and has half our second visits.",
        "indicators": ["TP02", "RP02-1"],
    },
    6: {
        "procurement": "The council's procurement team advised; three options appraised.",
        "cost_weight": 40,
    },
    7: {
        "conclusions": "Keep the contractor but change the contract: appointments at first "
        "call, a van stock list, a handyperson for small jobs.",
        "outside_people": "A tenant adviser from another TMO and the council's repairs manager.",
    },
    8: {"reasoning": "Raise satisfaction and repairs in time year by year to the top quarter."},
    9: {},
}

CARETAKING_STEPS = {
    1: {
        "in_scope": "Cleaning of stairs, lifts and bin rooms; bulky waste.",
        "out_of_scope": "Grounds maintenance (the council's).",
    },
    2: {
        "need": "Yes.",
        "who_needs": "Everyone in the blocks.",
        "badly_served": "Residents of the upper floors when lifts are dirty.",
    },
    3: {
        "statement": "Clean, safe communal areas that residents are proud of.",
        "quality": "Estate inspection scores.",
        "responsiveness": "Spills cleaned within a day.",
        "value_for_money": "Cost per block.",
        "satisfaction": "TP10 of 80% or more.",
    },
    4: {
        "problems": "Bin rooms dirty at weekends.",
        "causes": "No weekend cover.",
        "events": "A survey of all households.",
    },
    5: {"compared_with": "Landlords in England.", "learnt": "", "indicators": ["TP10"]},
}


def _committee_meeting(organisation: Organisation, day: date, title: str) -> Meeting:
    found = Meeting.objects.filter(organisation=organisation, kind="committee", day=day).first()
    if found:
        return found
    return meeting_services.save_meeting(
        meeting=Meeting(
            organisation=organisation,
            kind="committee",
            day=day,
            title=title,
            place="Kingsmead community hall",
        ),
        by=None,
    )


def _steps(review: Review, answers: dict, statuses: dict) -> None:
    for review_step in services.steps_of(review):
        if review_step.number in answers:
            services.save_step(
                review_step=review_step,
                content=answers[review_step.number],
                status=statuses.get(review_step.number, StepStatus.COMPLETED),
                by=None,
            )


def _programme(organisation: Organisation, today: date) -> None:
    programme = services.save_programme(
        organisation=organisation, first_year=today.year - 1, by=None
    )
    first = programme.first_year
    rows = [
        ("repairs", first, "own", None, "", ""),
        (
            "caretaking",
            first + 1,
            "both",
            Decimal("186400"),
            "Two caretakers employed by the TMO clean 14 blocks five days a week.",
            "The council counts 16 blocks for us: two were transferred back in 2024.",
        ),
        (
            "rent_collection",
            first + 2,
            "landlord",
            Decimal("94200"),
            "The TMO's housing officer collects rent and works with tenants in arrears.",
            "The council's arrears figure includes former tenants' debts we do not collect.",
        ),
        ("asb", first + 3, "own", None, "", ""),
        ("complaints", first + 4, "own", None, "", ""),
    ]
    for service, year, who, cost, description, check in rows:
        if programme.entries.filter(service=service, year=year).exists():
            continue
        services.save_programme_entry(
            entry=ProgrammeEntry(
                programme=programme,
                service=service,
                year=year,
                reviewed_by=who,
                starts_on=date(year, 5, 1),
                consultation_by=date(year, 10, 31),
                plan_by=date(year + 1, 2, 28),
                annual_cost=cost,
                service_description=description,
                figures_check=check,
            ),
            by=None,
        )
    services.respond_to_programme(
        programme=programme,
        agree=True,
        by=None,
        today=date(first, 4, 20),
        comment="Agreed. The council will include caretaking and rent collection at Kingsmead "
        "in its own reviews, with the TMO as a stakeholder.",
    )


def _most_answered_survey(organisation: Organisation) -> Survey | None:
    return (
        Survey.objects.filter(organisation=organisation)
        .annotate(answers=Count("responses"))
        .order_by("-answers", "pk")
        .first()
    )


def _repairs_review(organisation: Organisation, today: date) -> Review:
    started = today - timedelta(days=425)
    review = Review.objects.filter(organisation=organisation, service="repairs").first()
    if review is None:
        review = services.start_review(
            organisation=organisation,
            service="repairs",
            title="Best Value review of repairs",
            started_on=started,
            by=None,
        )
    _steps(review, REPAIRS_STEPS, {})
    decisions = [
        (1, 400, "Gas servicing and major works are outside the review."),
        (3, 340, "The aims and their measures are agreed."),
        (5, 250, "Ashfield TMO and the council's own homes are the comparators."),
        (6, 190, "Keep the contractor on a changed contract; try a handyperson for a year."),
        (8, 130, "Standards and targets for five years agreed, to reach the top quarter."),
    ]
    for number, days_ago, what in decisions:
        day = today - timedelta(days=days_ago)
        meeting = _committee_meeting(organisation, day, "Committee meeting")
        services.record_decision(
            review=review,
            step=number,
            what=what,
            decided_by="The committee",
            decided_on=day,
            meeting=meeting,
            by=None,
        )
    people = [
        (
            "tenants",
            "Tenants of the towers",
            "Door-knocking",
            360,
            "Appointments are missed and nobody rings to say.",
        ),
        ("tenants", "Leaseholders", "Letter and meeting", 355, "Want to know the charge first."),
        (
            "staff",
            "Northbrook Building Services operatives",
            "Interview",
            330,
            "Vans carry too few parts to finish first time.",
        ),
        (
            "landlord_staff",
            "Council repairs monitoring officer",
            "Meeting",
            320,
            "Repairs in time is below the council's own.",
        ),
        (
            "ethnic_minority",
            "Kingsmead Bangladeshi Women's Group",
            "Focus group",
            345,
            "Reporting by phone is hard without an interpreter.",
        ),
        (
            "disability",
            "Northbrook Disability Forum",
            "Meeting",
            338,
            "Adaptations repairs take months.",
        ),
        ("community", "Kingsmead Youth Club", "Drop-in", 350, "Graffiti left for weeks."),
        (
            "agencies",
            "Safer Neighbourhood Team (police)",
            "Email",
            300,
            "Broken door entry systems invite trouble.",
        ),
    ]
    for kind, name, how, days_ago, said in people:
        services.add_stakeholder(
            stakeholder=Stakeholder(
                review=review,
                kind=kind,
                name=name,
                how=how,
                consulted_on=today - timedelta(days=days_ago),
                said=said,
            ),
            by=None,
        )
    services.add_stakeholder(
        stakeholder=Stakeholder(
            review=review, kind="neighbouring_landlords", name="Riverside Housing Association"
        ),
        by=None,
    )
    for visited, days_ago, compared, why in [
        (
            "Ashfield TMO",
            270,
            "Repairs done in time and second visits: same contractor, same size.",
            "They book appointments at the first call and their operatives carry a stock list.",
        ),
        (
            "Northbrook Council, Eastside area office",
            262,
            "Cost per repair.",
            "They pay less per job but count small jobs differently.",
        ),
    ]:
        services.add_visit(
            visit=BenchmarkVisit(
                review=review,
                visited=visited,
                visited_on=today - timedelta(days=days_ago),
                compared=compared,
                why_different=why,
            ),
            by=None,
        )
    for kind, description, cost, quality in [
        ("contractor", "Keep Northbrook Building Services on the present contract.", 7, 4),
        ("in_house", "Employ two operatives of our own.", 4, 8),
        (
            "joint",
            "A changed contract with appointments at first call, let jointly with Ashfield TMO.",
            8,
            7,
        ),
    ]:
        services.save_option(
            option=Option(
                review=review,
                kind=kind,
                description=description,
                cost_score=cost,
                quality_score=quality,
            ),
            by=None,
        )
    for code, current, proposed, trajectory in [
        ("TP02", "71.4", "85", ["74", "77", "80", "83", "85"]),
        ("RP02-1", "78.2", "92", ["81", "84", "87", "90", "92"]),
    ]:
        indicator = Indicator.objects.filter(organisation__isnull=True, code=code).first()
        if indicator:
            services.add_standard(
                review=review,
                indicator=indicator,
                current=Decimal(current),
                proposed=Decimal(proposed),
                trajectory=[Decimal(v) for v in trajectory],
                by=None,
            )
    survey = _most_answered_survey(organisation)
    if survey:
        services.add_survey_evidence(
            review=review, step=4, survey=survey, by=None, today=today - timedelta(days=330)
        )
    review.status = ReviewStatus.PLAN_DRAFTED
    review.save(update_fields=["status"])
    return review


def _caretaking_review(organisation: Organisation, today: date) -> Review:
    review = services.start_review(
        organisation=organisation,
        service="caretaking",
        title="Best Value review of caretaking and cleaning",
        started_on=today - timedelta(days=95),
        by=None,
    )
    _steps(review, CARETAKING_STEPS, {5: StepStatus.IN_PROGRESS})
    day = today - timedelta(days=60)
    services.record_decision(
        review=review,
        step=1,
        what="Grounds maintenance is left out.",
        decided_by="The committee",
        decided_on=day,
        meeting=_committee_meeting(organisation, day, "Committee meeting"),
        by=None,
    )
    services.add_stakeholder(
        stakeholder=Stakeholder(
            review=review,
            kind="tenants",
            name="Tenants of the blocks",
            how="Survey",
            consulted_on=today - timedelta(days=40),
            said="Bin rooms are dirty at weekends.",
        ),
        by=None,
    )
    services.save_option(
        option=Option(
            review=review,
            kind="in_house",
            description="Add weekend cover with our own caretakers.",
            cost_score=6,
            quality_score=7,
        ),
        by=None,
    )
    survey = _most_answered_survey(organisation)
    if survey:
        services.add_survey_evidence(
            review=review, step=4, survey=survey, by=None, today=today - timedelta(days=40)
        )
    return review


def add_demo_reviews(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """Kingsmead's programme and its two reviews (nothing when they are there already)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None or organisation.reviews.filter(service="caretaking").exists():
        return
    today = timezone.localdate()
    _programme(organisation, today)
    _repairs_review(organisation, today)
    _caretaking_review(organisation, today)
    progress("Best Value reviews at Kingsmead TMO")


def keep_demo_figures() -> None:
    """The repairs review's step 5 figures kept as evidence, once the indicators' results are
    worked out (as the review kept them)."""
    review = Review.objects.filter(organisation__slug=ORGANISATION, service="repairs").first()
    if review is None or review.evidence.filter(kind=EvidenceKind.FIGURE).exists():
        return
    for code in REPAIRS_STEPS[5]["indicators"]:
        indicator = Indicator.objects.filter(organisation__isnull=True, code=code).first()
        if indicator:
            compared = selectors.comparison(
                review=review, indicator=indicator, roles=frozenset({"committee"})
            )
            services.freeze_figures(
                review=review, step=5, indicator=indicator, figures=compared.frozen(), by=None
            )
