"""The improvement plan's pages: forms keep what was typed and name the field, publishing
refused on the page naming the questions, the public page only once published, the overview's
late actions, the PDF and the annual progress report with indicator results."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.indicators.models import Indicator, Result
from tenantry.reviews.models import PlanStage, Progress
from tenantry.reviews.tests.plan_factories import (
    ActionFactory,
    AnsweredPlanFactory,
    PlanFactory,
    PlanReviewFactory,
    PublishedPlanFactory,
)

pytestmark = pytest.mark.django_db


def _url(name, plan_or_review, *args):
    review = getattr(plan_or_review, "review", plan_or_review)
    return reverse(name, args=[review.organisation.slug, review.pk, *args])


def test_an_action_with_a_bad_date_keeps_what_was_typed_and_names_the_field(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    client = client_as(cast.people["staff"])
    response = client.post(
        _url("reviews:add-plan-action", review),
        {"title": "Text tenants", "finding": "", "owner": "Office", "due_on": "31/02/2027"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Text tenants" in page
    assert "Enter the finding it answers" in page
    assert "Due date must be a real date" in page
    assert not hasattr(review, "plan")


def test_a_target_without_its_indicator_is_refused_on_the_form(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    response = client_as(cast.people["staff"]).post(
        _url("reviews:add-plan-action", review),
        {
            "title": "Faster repairs",
            "finding": "Slow",
            "owner": "Office",
            "due_on": "2027-03-31",
            "target_value": "92",
        },
    )
    assert response.status_code == 400
    assert "Select the indicator the target is for" in response.content.decode()


def test_adding_an_action_starts_the_plan_and_shows_it(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    client = client_as(cast.people["staff"])
    response = client.post(
        _url("reviews:add-plan-action", review),
        {"title": "Text tenants", "finding": "Not told", "owner": "Office", "due_on": "2027-03-31"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.plan.actions.get().title == "Text tenants"
    page = client.get(_url("reviews:plan", review)).content.decode()
    assert "Text tenants" in page and "7 of the seven questions are not answered yet" in page


def test_publishing_on_the_page_names_the_missing_questions(cast, client_as):
    plan = AnsweredPlanFactory(review__organisation=cast.tmo, stage=PlanStage.REVISED, vision="")
    client = client_as(cast.people["committee"])
    page = client.get(_url("reviews:publish-plan", plan)).content.decode()
    assert "Still unanswered: 4. our vision for the service." in page
    response = client.post(_url("reviews:publish-plan", plan))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REVISED


def test_the_public_page_needs_no_sign_in_but_only_a_published_plan(cast, client_as):
    draft = AnsweredPlanFactory(review__organisation=cast.tmo)
    published = PublishedPlanFactory(review__organisation=cast.tmo)
    ActionFactory(plan=published, title="Book appointments with tenants")
    client = client_as(None)
    url = reverse("improvement-plan:plan", args=[cast.tmo.slug, draft.review_id])
    assert client.get(url).status_code == 404
    # Another organisation's slug does not reach it either.
    other = reverse("improvement-plan:plan", args=[cast.other_tmo.slug, published.review_id])
    assert client.get(other).status_code == 404
    response = client.get(
        reverse("improvement-plan:plan", args=[cast.tmo.slug, published.review_id])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Book appointments with tenants" in page
    assert "What we learnt" in page and "<script" in page  # GOV.UK's, optional
    pdf = client.get(reverse("improvement-plan:pdf", args=[cast.tmo.slug, published.review_id]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_comments_only_while_consultation_is_open(cast, client_as):
    plan = AnsweredPlanFactory(
        review__organisation=cast.tmo,
        stage=PlanStage.CONSULTATION,
        consultation_closes_on=timezone.localdate() + timedelta(days=5),
    )
    client = client_as(cast.people["resident"])
    response = client.post(_url("reviews:comment-on-plan", plan), {"text": ""})
    assert response.status_code == 400 and "Enter your comments" in response.content.decode()
    response = client.post(_url("reviews:comment-on-plan", plan), {"text": "Evenings, please"})
    assert response.status_code == 302
    assert plan.comments.get().text == "Evenings, please"
    plan.consultation_closes_on = timezone.localdate() - timedelta(days=1)
    plan.save()
    response = client.post(_url("reviews:comment-on-plan", plan), {"text": "Late"})
    assert "not open for comments" in response.content.decode()
    assert plan.comments.count() == 1


def test_late_actions_reach_the_committees_overview(cast, client_as):
    today = timezone.localdate()
    plan = PlanFactory(review__organisation=cast.tmo)
    ActionFactory(plan=plan, title="Retender the contract", due_on=today - timedelta(days=3))
    ActionFactory(plan=plan, title="Still in time", due_on=today)
    page = client_as(cast.people["committee"]).get(
        reverse("reports:organisation-home", args=[cast.tmo.slug])
    )
    text = page.content.decode()
    assert "Improvement plan actions that are late" in text
    assert "Retender the contract" in text and "3 days late" in text
    assert "Still in time" not in text


def test_the_progress_report_reads_actions_and_indicator_results(cast, client_as):
    indicator = Indicator.objects.create(
        organisation=cast.tmo, code="L1", name="Appointments kept", unit="percent",
        framework="local", source="manual", decimals=1,
    )  # fmt: skip
    Result.objects.create(
        indicator=indicator, organisation=cast.tmo, scope="organisation", period_kind="year",
        period_start=date(2025, 4, 1), period_end=date(2026, 3, 31), period_label="2025/26",
        value=Decimal("88.4"), source="manual", computed_at=timezone.now(),
    )  # fmt: skip
    plan = PublishedPlanFactory(review__organisation=cast.tmo)
    ActionFactory(
        plan=plan, title="Keep appointments", indicator=indicator, target_value=Decimal("95"),
        due_on=date(2026, 1, 31), done_on=date(2026, 1, 20), progress=Progress.DONE,
    )  # fmt: skip
    ActionFactory(plan=plan, title="Text tenants", due_on=date(2026, 2, 28))
    client = client_as(cast.people["inspector"])
    response = client.get(_url("reviews:plan-progress-report", plan), {"year": "2025/26"})
    page = response.content.decode()
    assert "Annual progress report 2025/26" in page
    assert "1 done, 0 on track, 0 at risk and 1 late." in page
    assert "1 action was completed in the year." in page
    assert "88.4% (2025/26)" in page and "95% – not yet met" in page
    pdf = client.get(_url("reviews:plan-progress-report-pdf", plan), {"year": "2025/26"})
    assert pdf.content.startswith(b"%PDF")
    # Nonsense in the year gives this year's report, not an error.
    assert (
        client.get(_url("reviews:plan-progress-report", plan), {"year": "<x>"}).status_code == 200
    )


def test_a_published_plan_is_not_sent_out_for_consultation_again(cast, client_as):
    plan = PublishedPlanFactory(review__organisation=cast.tmo)
    client = client_as(cast.people["staff"])
    response = client.get(_url("reviews:plan-consultation", plan))
    assert response.status_code == 302 and response.url == _url("reviews:plan", plan)
    response = client.post(
        _url("reviews:plan-consultation", plan), {"closes_on": "2099-01-01"}, follow=True
    )
    assert "no longer a draft to consult on" in response.content.decode()
    plan.refresh_from_db()
    assert plan.stage == PlanStage.PUBLISHED
