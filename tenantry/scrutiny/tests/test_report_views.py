"""The report pages: from a draft through the landlord's answers to the panel's sign-off, the
panel's page showing answers overdue, peer reviews and "you said, we did"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.reviews.models import PlanAction
from tenantry.scrutiny.models import PeerReview, Recommendation, ScrutinyStage
from tenantry.scrutiny.tests.factories_report import (
    PanelFactory,
    PeerReviewFactory,
    PublishedReportFactory,
    RecommendationFactory,
    ReportFactory,
    ScrutinyReviewFactory,
    TermsFactory,
    member_of,
)


@pytest.fixture
def member(cast):
    return member_of(cast.panel)


def _url(name, cast, *args):
    return reverse(f"scrutiny:{name}", args=[cast.panel.slug, *args])


def test_the_panels_page_shows_answers_overdue(cast, client_as, member):
    TermsFactory(panel=cast.panel, senior_officer_name="Helen Price")
    late = PublishedReportFactory(
        review__panel=cast.panel,
        review__title="Repairs appointments",
        published_on=timezone.localdate() - timedelta(days=70),
        answers_due_on=timezone.localdate() - timedelta(days=1),
    )
    PublishedReportFactory(
        review__panel=cast.panel,
        review__title="Caretaking",
        answers_due_on=timezone.localdate(),  # due today: not late
    )

    for person in (member, cast.people["landlord_officer"]):
        page = client_as(person).get(_url("reports", cast)).content.decode()
        assert page.count("Answer overdue") == 1
        assert "overdue" in page and "Helen Price" in page
        # The menu counts it too.
        response = client_as(person).get(_url("reports", cast))
        item = next(s for s in response.context["sections"] if s["url"] == _url("reports", cast))
        assert item["count"] == 1

    report_page = client_as(member).get(_url("report", cast, late.review_id)).content.decode()
    assert "Answer overdue" in report_page


def test_the_reports_list_reads_a_fixed_number_of_queries(
    cast, client_as, member, django_assert_max_num_queries
):
    for _n in range(12):
        RecommendationFactory(report=PublishedReportFactory(review__panel=cast.panel))
    client = client_as(member)
    with django_assert_max_num_queries(16):
        response = client.get(_url("reports", cast))
    assert response.status_code == 200 and len(response.context["rows"]) == 12


def test_the_report_page_reads_a_fixed_number_of_queries(
    cast, client_as, member, django_assert_max_num_queries
):
    report = PublishedReportFactory(review__panel=cast.panel)
    for _n in range(15):
        recommendation = RecommendationFactory(report=report, response="accepted")
        recommendation.action = PlanAction.objects.create(
            title="x", finding="y", owner="z", due_on=date(2027, 1, 1)
        )
        recommendation.save()
    client = client_as(member)
    with django_assert_max_num_queries(14):
        response = client.get(_url("report", cast, report.review_id))
    assert len(response.context["rows"]) == 16


def test_from_draft_to_sign_off_through_the_pages(cast, client_as, member):
    review = ScrutinyReviewFactory(panel=cast.panel, stage="gathering")
    panel = client_as(member)
    # A refused form keeps what was typed and names the field.
    response = panel.post(_url("write-report", cast, review.pk), {"summary": ""})
    assert response.status_code == 400 and "Enter what the panel found" in response.content.decode()
    response = panel.post(_url("write-report", cast, review.pk), {"summary": "Missed visits."})
    assert response.status_code == 302
    panel.post(
        _url("add-recommendation", cast, review.pk),
        {"title": "Offer a choice of day", "reason": "Nobody was asked."},
    )
    response = panel.post(_url("publish-report", cast, review.pk))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.stage == ScrutinyStage.AWAITING_ANSWERS
    recommendation = Recommendation.objects.get(report__review=review)

    landlord = client_as(cast.people["landlord_officer"])
    answer = _url("answer-recommendation", cast, review.pk, recommendation.pk)
    response = landlord.post(answer, {"response": "accepted", "reasons": "", "owner": ""})
    assert response.status_code == 400
    assert "Enter who is responsible" in response.content.decode()
    due = (timezone.localdate() + timedelta(days=90)).isoformat()
    response = landlord.post(
        answer, {"response": "accepted", "reasons": "", "owner": "Head of repairs", "due_on": due}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.stage == ScrutinyStage.MONITORING

    sign = _url("sign-off", cast, review.pk, recommendation.pk)
    response = client_as(member).post(sign, {"verdict": "delivered", "evidence": ""})
    assert response.status_code == 400
    response = client_as(member).post(
        sign, {"verdict": "delivered", "evidence": "Kept appointments up to 93%", "note": ""}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.stage == ScrutinyStage.CLOSED


def test_an_inspector_in_the_panel_reads_the_record_without_buttons(cast, client_as):
    inspector = member_of(cast.panel, Role.INSPECTOR)
    report = PublishedReportFactory(review__panel=cast.panel)
    page = client_as(inspector).get(_url("report", cast, report.review_id)).content.decode()
    assert report.recommendations.get().title in page
    assert "Sign off" not in page and ">Answer<" not in page


def test_another_panels_report_is_a_404(cast, client_as, member):
    other = PublishedReportFactory(review__panel=PanelFactory(landlord=cast.landlord))
    response = client_as(member).get(_url("report", cast, other.review_id))
    assert response.status_code == 404


def test_an_invited_panel_reads_the_record_and_writes_its_peer_review(cast, client_as, member):
    PublishedReportFactory(review__panel=cast.panel, review__title="Repairs appointments")
    ReportFactory(review__panel=cast.panel, review__title="A draft not yet published")
    other = PanelFactory(name="Southvale Tenant Panel")
    response = client_as(member).post(
        _url("invite-peer-review", cast), {"reviewer": other.pk, "request": "Our last report."}
    )
    assert response.status_code == 302
    peer = PeerReview.objects.get()
    assert (peer.panel, peer.reviewer) == (cast.panel, other)

    visitor = member_of(other)
    client = client_as(visitor)
    # Their own panel's address shows the inviting panel's record, read-only.
    page = client.get(reverse("scrutiny:peer-review", args=[other.slug, peer.pk])).content.decode()
    assert "Repairs appointments" in page and "A draft not yet published" not in page
    # They hold no role in the inviting panel: its own pages stay hidden.
    assert client.get(_url("reports", cast)).status_code == 404
    # An inspector of the invited panel does not read the other panel's record.
    inspector = member_of(other, Role.INSPECTOR)
    url = reverse("scrutiny:peer-review", args=[other.slug, peer.pk])
    assert client_as(inspector).get(url).status_code == 403

    write = reverse("scrutiny:write-peer-review", args=[other.slug, peer.pk])
    response = client_as(visitor).post(write, {"report": "Well chosen topics; clear report."})
    assert response.status_code == 302
    page = client_as(member).get(_url("peer-review", cast, peer.pk)).content.decode()
    assert "Well chosen topics; clear report." in page
    # Sent, the visitors' reading of the record ends.
    page = client_as(visitor).get(url).content.decode()
    assert "Well chosen topics; clear report." in page and "Repairs appointments" not in page
    # The inviting panel cannot write it for them.
    assert client_as(member).get(_url("write-peer-review", cast, peer.pk)).status_code == 404


def test_a_panel_cannot_invite_itself_or_a_tmo(cast, client_as, member):
    client = client_as(member)
    for reviewer in (cast.panel.pk, cast.tmo.pk):
        response = client.post(
            _url("invite-peer-review", cast), {"reviewer": reviewer, "request": "x"}
        )
        assert response.status_code == 400
    assert not PeerReview.objects.exists()


def test_you_said_we_did_needs_no_sign_in_and_shows_only_published_reports(cast, client):
    report = PublishedReportFactory(
        review__panel=cast.panel,
        review__title="Repairs appointments",
        tenant_summary="You said appointments were missed. We now text a reminder.",
    )
    recommendation = report.recommendations.get()
    recommendation.response = "rejected"
    recommendation.reasons = "The contract fixes the times."
    recommendation.save()
    ReportFactory(review__panel=cast.panel, review__title="Not published yet")
    page = client.get(reverse("you-said-we-did:panel", args=[cast.panel.slug])).content.decode()
    assert "Repairs appointments" in page and "We now text a reminder." in page
    assert "No, it will not do this." in page and "The contract fixes the times." in page
    assert "Not published yet" not in page
    # Only panels have one.
    assert client.get(reverse("you-said-we-did:panel", args=[cast.tmo.slug])).status_code == 404


def test_you_said_we_did_reads_a_fixed_number_of_queries(
    cast, client, django_assert_max_num_queries
):
    for _n in range(6):
        report = PublishedReportFactory(review__panel=cast.panel)
        RecommendationFactory.create_batch(3, report=report)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("you-said-we-did:panel", args=[cast.panel.slug]))
    assert len(response.context["reports"]) == 6


def test_peer_reviews_list_reads_a_fixed_number_of_queries(
    cast, client_as, member, django_assert_max_num_queries
):
    PeerReviewFactory.create_batch(5, panel=cast.panel)
    PeerReviewFactory.create_batch(5, reviewer=cast.panel)
    client = client_as(member)
    with django_assert_max_num_queries(12):
        response = client.get(_url("peer-reviews", cast))
    assert len(response.context["page"].object_list) == 10


def test_the_report_and_you_said_we_did_read_in_welsh(cast, client_as, member, settings):
    report = PublishedReportFactory(review__panel=cast.panel)
    client = client_as(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(_url("report", cast, report.review_id)).content.decode()
    assert "Argymhellion" in page and "Beth gafodd y panel" in page
    page = client.get(reverse("you-said-we-did:panel", args=[cast.panel.slug])).content.decode()
    assert "Dywedoch chi, fe wnaethon ni" in page
