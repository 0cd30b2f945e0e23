"""Factories for improvement plans and the review they follow."""

from datetime import date

import factory

from tenantry.reviews.models import (
    ImprovementPlan,
    Milestone,
    PlanAction,
    PlanStage,
    Review,
)

ANSWERS = {
    "activities": "Responsive repairs: reporting, diagnosis, appointments and completion.",
    "conduct": "A survey of 212 households, two open meetings and a visit to Ashford TMO.",
    "learnt": "Appointments are missed because the contractor books them without asking.",
    "vision": "Repairs done right first time, at a time that suits the tenant.",
    "steps": "Book appointments with tenants by phone from April; new contract by March 2027.",
    "measures": "RP02 repairs completed within target: from 81% to 92% in two years.",
    "reporting": "Repairs figures every quarter in the newsletter and at committee meetings.",
}


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    organisation = None
    service = "repairs"
    title = "Review of the repairs service"
    started_on = date(2025, 10, 1)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPlan

    review = factory.SubFactory(PlanReviewFactory)
    stage = PlanStage.DRAFT


class AnsweredPlanFactory(PlanFactory):
    activities = ANSWERS["activities"]
    conduct = ANSWERS["conduct"]
    learnt = ANSWERS["learnt"]
    vision = ANSWERS["vision"]
    steps = ANSWERS["steps"]
    measures = ANSWERS["measures"]
    reporting = ANSWERS["reporting"]


class PublishedPlanFactory(AnsweredPlanFactory):
    stage = PlanStage.PUBLISHED
    published_on = date(2026, 6, 1)
    changes_after_consultation = "Evening appointments added, as residents asked."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    finding = "Appointments are missed."
    owner = "Repairs manager"
    due_on = date(2027, 3, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = "Contractor agrees the booking script"
    due_on = date(2026, 9, 30)
