"""The demo's scrutiny panel: a review of complaints handling under way, with evidence requests
(one late) and a mystery shopping exercise with results."""

from datetime import date

import pytest

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.demo.scrutiny import add_demo_scrutiny
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import LandlordFactory, OrganisationFactory, RoleFactory
from tenantry.scrutiny.models import ScrutinyReview, ScrutinyStage, TopicRequest
from tenantry.scrutiny.shopping_selectors import exercise_scores

pytestmark = pytest.mark.django_db


def test_demo_scrutiny_review_under_way():
    council = LandlordFactory(slug="northbrook-council")
    panel = OrganisationFactory(
        slug="northbrook-scrutiny-panel", kind=Organisation.Kind.SCRUTINY_PANEL, landlord=council
    )
    RoleFactory(role=Role.PANEL, organisation=panel, user=UserFactory(email="panel@example.org"))
    add_demo_scrutiny()
    add_demo_scrutiny()  # a second run adds nothing

    review = ScrutinyReview.objects.get(panel=panel)
    today = date.today()
    requests = list(review.evidence_requests.all())
    exercise = review.shopping_exercises.get(opened_on__isnull=False)
    scores = exercise_scores(exercise)

    assert review.stage == ScrutinyStage.GATHERING
    assert [r.is_late(today) for r in requests].count(True) == 1
    assert sum(1 for r in requests if r.answered_on) == 1
    assert scores.visits == 5
    assert (scores.points, scores.possible) == (28, 40)
    assert exercise.visits.filter(shopper__isnull=True).count() == 0
    assert TopicRequest.objects.get(review=review).status == "accepted"
    assert Organisation.objects.filter(slug="northbrook-young-inspectors").exists()
    assert review.fieldwork.count() == 3
