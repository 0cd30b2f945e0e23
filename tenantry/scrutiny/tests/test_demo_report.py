"""The demo panel's terms of reference, its finished review, its overdue report and peer review."""

import pytest
from django.core import mail
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.demo.scrutiny_reports import FINISHED, add_demo_scrutiny_reports
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import LandlordFactory, RoleFactory
from tenantry.reviews.models import Progress
from tenantry.scrutiny import report_selectors as selectors
from tenantry.scrutiny.models import (
    PeerReview,
    ScrutinyReport,
    ScrutinyStage,
    TermsOfReference,
    Verdict,
)
from tenantry.scrutiny.tests.factories_report import PanelFactory

pytestmark = pytest.mark.django_db


def test_demo_panel_has_a_finished_review_an_overdue_report_and_a_peer_review(
    django_capture_on_commit_callbacks,
):
    council = LandlordFactory(slug="northbrook-council")
    panel = PanelFactory(slug="northbrook-scrutiny-panel", landlord=council)
    for email, organisation, role in [
        ("landlord@example.org", council, Role.LANDLORD_OFFICER),
        ("panel@example.org", panel, Role.PANEL),
    ]:
        RoleFactory(user=UserFactory(email=email), organisation=organisation, role=role)
    inspector = UserFactory(email="inspector@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        add_demo_scrutiny_reports()
        add_demo_scrutiny_reports()  # a second run adds nothing
    assert mail.outbox == []  # no email is sent from the demo itself

    today = timezone.localdate()
    terms = TermsOfReference.objects.get(panel=panel)
    assert terms.response_months == 2 and terms.senior_officer_email

    finished = ScrutinyReport.objects.get(review__panel=panel, review__title=FINISHED)
    assert finished.review.stage == ScrutinyStage.CLOSED
    assert finished.answered_on <= finished.answers_due_on  # answered in time
    assert finished.tenant_summary
    recommendations = list(finished.recommendations.all())
    assert len(recommendations) == 4 and all(r.response for r in recommendations)
    taken_on = [r for r in recommendations if r.action_id]
    assert len(taken_on) == 3
    for recommendation in taken_on:
        assert recommendation.action.progress == Progress.DONE
        assert recommendation.sign_offs.get().verdict == Verdict.DELIVERED
        # Delivered after its last progress report, each action done on its sign-off day.
        assert recommendation.action.done_on == recommendation.sign_offs.get().signed_on

    overdue = selectors.overdue_reports(today=today).get(review__panel=panel)
    assert overdue.escalated_to == terms.senior_officer_email
    assert overdue.interim_reply and overdue.recommendations.filter(response="").count() == 1

    peer = PeerReview.objects.get(panel=panel)
    assert peer.is_reported and peer.reviewer.kind == Organisation.Kind.SCRUTINY_PANEL
    assert inspector.role_assignments.filter(organisation=panel, role=Role.INSPECTOR).exists()
