"""The demo's reviews at Kingsmead: a finished review of repairs and one under way at step 5."""

import pytest

from tenantry.demo.reviews import add_demo_reviews
from tenantry.organisations.tests.factories import AgreementFactory, LandlordFactory
from tenantry.reviews import selectors
from tenantry.reviews.models import ProgrammeStatus, Review, ReviewStatus, StepStatus

pytestmark = pytest.mark.django_db


def test_demo_reviews_at_kingsmead():
    AgreementFactory(
        organisation__slug="kingsmead-tmo",
        organisation__name="Kingsmead TMO",
        organisation__landlord=LandlordFactory(slug="northbrook-council"),
    )
    add_demo_reviews()
    add_demo_reviews()  # a second run adds nothing

    repairs = Review.objects.get(organisation__slug="kingsmead-tmo", service="repairs")
    assert repairs.status == ReviewStatus.PLAN_DRAFTED
    assert {s.status for s in repairs.steps.all()} == {StepStatus.COMPLETED}
    assert repairs.decisions.filter(meeting__kind="committee").count() == 5
    caretaking = Review.objects.get(organisation__slug="kingsmead-tmo", service="caretaking")
    assert caretaking.steps.get(number=5).status == StepStatus.IN_PROGRESS
    compete = {c.key: c for c in selectors.four_cs(caretaking)}["compete"]
    assert "only one option" in compete.gaps[0]
    assert repairs.organisation.review_programme.status == ProgrammeStatus.AGREED
