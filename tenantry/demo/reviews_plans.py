"""The improvement plan of Kingsmead TMO's finished review of its repairs service: consulted
on, revised and published about eight months ago, its actions in progress (most on track, one
at risk, one late, two done), with milestones and progress reported with evidence, and tied to
the repairs indicators. The same for the same day."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.democracy.models import Membership
from tenantry.indicators.models import Indicator
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation
from tenantry.reviews import plan_services as services
from tenantry.reviews.models import (
    ImprovementPlan,
    Milestone,
    PlanAction,
    PlanComment,
    Progress,
    Review,
    ReviewStatus,
)

ANSWERS = {
    "activities": (
        "The whole responsive repairs service: how tenants report a repair, how it is "
        "diagnosed and given a priority, appointments, the contractor's work and how we check "
        "it. Planned and cyclical works were left out: the council reviews those itself."
    ),
    "conduct": (
        "A working group of four committee members, two tenants from outside the committee and "
        "our repairs officer led the review over ten months. We surveyed every household (412 "
        "replied), held two open meetings and a session at the youth club, talked to our "
        "contractor and the council's repairs team, and visited Ashford Estate TMO and "
        "Riverside Co-op to see how they run their repairs."
    ),
    "learnt": (
        "Most repairs are done well once someone arrives, but too many appointments are "
        "missed or rebooked, and tenants are not told when. Repairs needing a second visit take "
        "more than twice as long. Emergency repairs are fast. Older tenants and those whose "
        "first language is not English found reporting hardest. Our costs per repair are in "
        "the middle of the TMOs we compared with."
    ),
    "vision": (
        "Repairs done right first time, at a time that suits the tenant, with tenants kept "
        "informed at every step, and a service every tenant can use easily."
    ),
    "steps": (
        "We will agree appointment slots with tenants when they report a repair, text them the "
        "day before, and carry the common parts on the van so fewer jobs need a second visit. "
        "We will retender the repairs contract by March next year with these standards in it. "
        "Each step, its date and milestones are listed below."
    ),
    "measures": (
        "Non-emergency repairs completed within target (RP02-1): from 81% now to 92% within "
        "two years. Satisfaction with repairs (TP02): from 68% to 80%. Appointments kept: 95%."
    ),
    "reporting": (
        "Repairs figures every quarter in the newsletter and on our website, a report at every "
        "committee meeting, and this plan's progress report at the AGM each year. The council "
        "gets the same figures every quarter with our performance return."
    ),
}


def _indicator(code: str) -> Indicator | None:
    return Indicator.objects.filter(organisation__isnull=True, code=code).first()


def _signed_in(membership: Membership, organisation: Organisation) -> User:
    """The member's account to sign in with, made for them if they have none (a resident)."""
    resident = membership.resident
    if resident.user_id is None:
        resident.user = User.objects.create_user(
            email=f"member{membership.number}@{organisation.slug}.example.org", name=resident.name
        )
        resident.save(update_fields=["user"])
        organisations.assign_role(user=resident.user, organisation=organisation, role=Role.RESIDENT)
    return resident.user


def _review(organisation: Organisation, today: date) -> Review:
    """The finished repairs review (made by the reviews demo), or a minimal one of our own."""
    review = Review.objects.filter(organisation=organisation, service="repairs").first()
    if review is None:
        review = Review.objects.create(
            organisation=organisation,
            service="repairs",
            title="Best Value review of the repairs service",
            status=ReviewStatus.PLAN_DRAFTED,
            started_on=today - timedelta(days=425),
        )
    return review


@transaction.atomic
def add_demo_plans(*, progress: Callable[[str], None] = lambda m: None) -> None:
    organisation = Organisation.objects.filter(slug="kingsmead-tmo").first()
    if organisation is None:
        return
    today = timezone.localdate()
    review = _review(organisation, today)
    if ImprovementPlan.objects.filter(review=review).exists():
        return
    committee = User.objects.filter(email="committee@example.org").first()
    staff = User.objects.filter(email="staff@example.org").first()
    published = today - timedelta(days=240)
    consulted = published - timedelta(days=60)

    plan = ImprovementPlan(review=review, **ANSWERS)
    plan.save()
    services.open_consultation(
        plan=plan, closes_on=consulted + timedelta(days=28), by=None, today=consulted
    )
    for membership, text in zip(
        Membership.objects.filter(organisation=organisation).select_related("resident")[:3],
        [
            "Please offer evening and Saturday appointments – I work days.",
            "Tell us if the contractor is running late. I waited in all day twice last winter.",
            "Can we report repairs by text message?",
        ],
        strict=False,
    ):
        PlanComment.objects.create(
            plan=plan, author=_signed_in(membership, organisation), text=text
        )
    services.revise(
        plan=plan,
        changes=(
            "Residents asked for evening and Saturday appointments and for a text if the "
            "contractor is running late: both are now in action 1. Reporting by text is added "
            "to action 4."
        ),
        by=None,
    )
    services.publish(plan=plan, by=None, today=published, tell_members=False)
    # Members were told when it was published (no email is sent from the demo itself).
    told = (
        Membership.objects.current(published)
        .filter(organisation=organisation)
        .exclude(resident__email="")
        .count()
    )
    ImprovementPlan.objects.filter(pk=plan.pk).update(
        published_by=committee, stakeholders_told=told
    )

    rp02, tp02 = _indicator("RP02-1"), _indicator("TP02")
    actions = [
        # title, finding, owner, start (days from publishing), due (days from today), indicator,
        # target, progress, done (days ago)
        (
            "Agree appointment slots with tenants when they report",
            "Too many appointments are missed or rebooked, and tenants are not told when.",
            "Repairs officer",
            0, 120, rp02, Decimal("92"), Progress.ON_TRACK, None,
        ),
        (
            "Text tenants the day before, and if the operative is running late",
            "Tenants wait in all day without knowing whether anyone will come.",
            "Repairs officer",
            30, -20, None, None, Progress.ON_TRACK, None,
        ),
        (
            "Carry common parts on the vans so more repairs are done first time",
            "Repairs needing a second visit take more than twice as long.",
            "Contractor's contract manager",
            0, -60, rp02, Decimal("92"), Progress.DONE, 75,
        ),
        (
            "Make reporting easy for every tenant: phone, online, text and in person",
            "Older tenants and those whose first language is not English found reporting "
            "hardest.",
            "Office manager",
            60, 200, tp02, Decimal("80"), Progress.AT_RISK, None,
        ),
        (
            "Retender the repairs contract with the new standards in it",
            "The current contract has no standard for appointments kept.",
            "Committee (contracts sub-group)",
            90, 150, None, None, Progress.ON_TRACK, None,
        ),
        (
            "Train the office team on the new priorities and diagnosis",
            "Some repairs are given the wrong priority when reported.",
            "Office manager",
            0, -150, None, None, Progress.DONE, 160,
        ),
    ]  # fmt: skip
    for position, (title, finding, owner, start, due, indicator, target, state, done) in enumerate(
        actions, start=1
    ):
        action = PlanAction.objects.create(
            plan=plan,
            position=position,
            title=title,
            finding=finding,
            owner=owner,
            starts_on=published + timedelta(days=start),
            due_on=today + timedelta(days=due),
            indicator=indicator,
            target_value=target,
        )
        Milestone.objects.create(
            action=action,
            title="Agreed with the contractor and the council",
            due_on=published + timedelta(days=start + 30),
            done_on=published + timedelta(days=start + 25),
        )
        if due > 30:
            Milestone.objects.create(
                action=action,
                title="Half of the work done",
                due_on=today + timedelta(days=due // 2),
            )
        services.record_progress(
            action=action,
            progress=Progress.ON_TRACK,
            note="Started as planned; the working group checks progress monthly.",
            evidence="Working group notes",
            by=staff,
            today=published + timedelta(days=start + 20),
        )
        if state == Progress.DONE:
            services.record_progress(
                action=action,
                progress=Progress.DONE,
                note="Completed and checked by the working group.",
                evidence="Report to the committee meeting, with the figures for the quarter",
                by=staff,
                today=today - timedelta(days=done),
            )
        elif state == Progress.AT_RISK:
            services.record_progress(
                action=action,
                progress=Progress.AT_RISK,
                note="The text message service costs more than budgeted; the committee will "
                "decide at its next meeting.",
                evidence="Quote from the supplier",
                by=staff,
                today=today - timedelta(days=10),
            )
    progress("An improvement plan published, its actions in progress")
