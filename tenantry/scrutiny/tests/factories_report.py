"""Factories for scrutiny reports, their recommendations and peer reviews, with a review of
their own to hang off."""

from datetime import date

import factory

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import OrganisationFactory, RoleFactory
from tenantry.scrutiny.models import (
    PeerReview,
    Recommendation,
    ScrutinyReport,
    ScrutinyReview,
    TermsOfReference,
)


class PanelFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Tenant Scrutiny Panel {n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    kind = Organisation.Kind.SCRUTINY_PANEL


class ScrutinyReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScrutinyReview

    panel = factory.SubFactory(PanelFactory)
    scrutinised = factory.SelfAttribute("panel.landlord")
    service = "repairs"
    title = "How repairs appointments are made"
    stage = "reporting"
    started_on = date(2026, 1, 12)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScrutinyReport

    review = factory.SubFactory(ScrutinyReviewFactory)
    summary = "Two in five appointments were missed; tenants were never asked which day suited."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    report = factory.SubFactory(ReportFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    reason = "The mystery shoppers were offered no choice of day."


class PublishedReportFactory(ReportFactory):
    """A report published on 2 March 2026, its answers due by 2 May 2026 (two months)."""

    class Meta:
        skip_postgeneration_save = True

    published_on = date(2026, 3, 2)
    answers_due_on = date(2026, 5, 2)
    review__stage = "awaiting_answers"
    recommendation = factory.RelatedFactory(RecommendationFactory, factory_related_name="report")


class TermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    panel = factory.SubFactory(PanelFactory)
    senior_officer_name = "Helen Price"
    senior_officer_email = "director.housing@example.org"


class PeerReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerReview

    panel = factory.SubFactory(PanelFactory)
    reviewer = factory.SubFactory(PanelFactory)
    request = "How we chose our topics and wrote our last report."
    invited_on = date(2026, 4, 1)


def member_of(panel: Organisation, role: str = Role.PANEL):
    """A person holding `role` (a panel member by default) in the panel."""
    return RoleFactory(organisation=panel, role=role, user=UserFactory()).user
