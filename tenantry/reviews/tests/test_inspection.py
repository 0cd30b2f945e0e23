"""The inspection of a review: the committee's self-assessment, an inspector's findings and the
inspection pack — bad input kept and named, who may record what, history, and a pack that asks
the same number of queries however big the review."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenantry.indicators.models import Indicator, Result, Target
from tenantry.indicators.target_tracking import yearly_histories, yearly_history
from tenantry.organisations.models import AuditEntry, PreparedFile
from tenantry.reviews import inspection
from tenantry.reviews.models import (
    Decision,
    Evidence,
    InspectorFinding,
    Prospects,
    SelfAssessment,
)
from tenantry.reviews.tests.plan_factories import (
    ActionFactory,
    PlanReviewFactory,
    PublishedPlanFactory,
)

pytestmark = pytest.mark.django_db


def _url(name, review):
    return reverse(name, args=[review.organisation.slug, review.pk])


def _assessment(review, **changes) -> SelfAssessment:
    fields = {
        "review": review,
        "stars": 2,
        "stars_evidence": "89% of repairs on time against a 90% target.",
        "prospects": Prospects.PROMISING,
        "prospects_evidence": "The plan is on time but one action is late.",
        "assessed_on": date(2026, 11, 1),
    } | changes
    return SelfAssessment(**fields)


def _finding(review, **changes) -> InspectorFinding:
    fields = {
        "review": review,
        "stars": 1,
        "stars_reasons": "Appointments are hard to get.",
        "prospects": Prospects.UNCERTAIN,
        "prospects_reasons": "The contract is not yet agreed.",
        "found_on": date(2026, 11, 20),
    } | changes
    return InspectorFinding(**fields)


def test_a_self_assessment_with_no_rating_and_a_future_date_keeps_what_was_typed(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_as(cast.people["committee"]).post(
        _url("reviews:self-assessment", review),
        {
            "stars_evidence": "Repairs on time: 89%",
            "prospects": "excellent",
            "prospects_evidence": "",
            "assessed_on": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Repairs on time: 89%" in page
    assert "Select an answer to “How good is the service?”" in page
    assert "Enter the evidence for whether it will improve" in page
    assert "govuk-error-summary" in page
    assert not SelfAssessment.objects.filter(review=review).exists()


def test_a_self_assessment_dated_tomorrow_is_refused_naming_the_date(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_as(cast.people["committee"]).post(
        _url("reviews:self-assessment", review),
        {
            "stars": "3",
            "stars_evidence": "Top quarter on every repairs indicator",
            "prospects": "excellent",
            "prospects_evidence": "All actions on track",
            "assessed_on": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The date cannot be in the future" in response.content.decode()
    assert "Top quarter on every repairs indicator" in response.content.decode()


def test_the_committee_assesses_then_revises_and_history_keeps_both(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    client = client_as(cast.people["committee"])
    data = {
        "stars": "2",
        "stars_evidence": "89% on time",
        "prospects": "promising",
        "prospects_evidence": "Plan on track",
        "assessed_on": "2026-10-01",
    }
    assert client.post(_url("reviews:self-assessment", review), data).status_code == 302
    data |= {"stars": "1", "stars_evidence": "Fell to 80% on time"}
    assert client.post(_url("reviews:self-assessment", review), data).status_code == 302
    assessment = SelfAssessment.objects.get(review=review)
    assert assessment.stars == 1
    assert [h.stars for h in assessment.history.order_by("history_date")] == [2, 1]
    assert assessment.history.first().history_user == cast.people["committee"]
    assert (
        AuditEntry.objects.filter(organisation=cast.tmo, what__contains="self-assessment").count()
        == 2
    )
    page = client_as(cast.people["resident"]).get(_url("reviews:inspection", review))
    assert "1 star" in page.content.decode()
    assert "Fell to 80% on time" in page.content.decode()


def test_staff_may_not_assess_and_an_inspector_may_not_either(cast):
    review = PlanReviewFactory(organisation=cast.tmo)
    for who in ("staff", "inspector", "resident"):
        with pytest.raises(PermissionDenied):
            inspection.save_self_assessment(assessment=_assessment(review), by=cast.people[who])


def test_an_inspector_records_findings_the_organisation_reads_them(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    response = client_as(cast.people["inspector"]).post(
        _url("reviews:add-finding", review),
        {
            "stars": "0",
            "stars_reasons": "Most repairs late",
            "prospects": "poor",
            "prospects_reasons": "No plan agreed",
            "recommendations": "Agree a plan",
            "found_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    finding = InspectorFinding.objects.get(review=review)
    assert finding.inspector == cast.people["inspector"]
    assert (finding.stars, finding.prospects) == (0, "poor")
    page = client_as(cast.people["committee"]).get(_url("reviews:inspection", review))
    text = page.content.decode()
    assert "0 stars (poor)" in text and "Most repairs late" in text and "Agree a plan" in text
    # The committee reads them and has no button to add its own.
    assert _url("reviews:add-finding", review) not in text


def test_findings_without_reasons_are_refused_naming_the_fields(cast, client_as):
    review = PlanReviewFactory(organisation=cast.tmo)
    response = client_as(cast.people["inspector"]).post(
        _url("reviews:add-finding", review),
        {"stars": "4", "stars_reasons": "Good", "prospects": "", "found_on": "20/11/2026"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Good" in page
    assert "Select an answer to “Will it improve?”" in page
    assert "Select how good the service is, from 3 stars to 0 stars" in page
    assert "Enter what led to this judgement on improvement" in page
    assert not InspectorFinding.objects.exists()


def test_only_the_inspector_who_recorded_findings_may_change_them(cast):
    review = PlanReviewFactory(organisation=cast.tmo)
    finding = inspection.record_finding(finding=_finding(review), by=cast.people["inspector"])
    for who in ("committee", "staff", "landlord_officer"):
        with pytest.raises(PermissionDenied):
            inspection.record_finding(finding=finding, by=cast.people[who])
    from tenantry.organisations.tests.factories import RoleFactory

    second = RoleFactory(organisation=cast.tmo, role="inspector").user
    finding.stars = 3
    with pytest.raises(ValidationError):
        inspection.record_finding(finding=finding, by=second)


def test_findings_dated_in_the_future_are_refused(cast):
    review = PlanReviewFactory(organisation=cast.tmo)
    future = _finding(review, found_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        inspection.record_finding(finding=future, by=cast.people["inspector"])
    assert "found_on" in refused.value.error_dict


def test_yearly_histories_match_yearly_history_one_indicator_at_a_time(cast):
    today = date(2026, 12, 5)
    indicators = list(Indicator.objects.filter(organisation__isnull=True)[:3])
    for n, indicator in enumerate(indicators):
        for year in (2022, 2024, 2026):
            Result.objects.create(
                indicator=indicator, organisation=cast.tmo, scope="organisation",
                period_kind="year", period_start=date(year, 4, 1),
                period_end=date(year + 1, 3, 31), period_label=f"{year}/{year % 100 + 1}",
                value=Decimal(80 + n + year % 10), source="manual", computed_at=timezone.now(),
            )  # fmt: skip
        Target.objects.create(
            agreement=cast.agreement, indicator=indicator, year_start=date(2027, 4, 1),
            value=Decimal(95),
        )  # fmt: skip
    together = yearly_histories(
        organisation_id=cast.tmo.pk, agreement=cast.agreement, indicators=indicators, today=today
    )
    for indicator in indicators:
        alone = yearly_history(agreement=cast.agreement, indicator=indicator, today=today)
        assert together[indicator.pk] == alone
    first = together[indicators[0].pk]
    # Four years back (2023/24 to 2026/27) and 2027/28 with its target; 2028/29 has none.
    assert [r["period"] for r in first] == ["2023/24", "2024/25", "2025/26", "2026/27", "2027/28"]
    assert [r["value"] for r in first] == [None, Decimal(84), None, Decimal(86), None]
    assert first[-1]["target"] == Decimal(95)


def _content(review, plan, indicators, *, actions: int, files: int) -> None:
    for n in range(actions):
        ActionFactory(plan=plan, title=f"Action {n}", indicator=indicators[n % len(indicators)])
    Evidence.objects.bulk_create(
        Evidence(review=review, step=1 + n % 9, kind="file", title=f"Minutes {n}",
                 file=f"reviews/2026/01/minutes-{n}.pdf")
        for n in range(files)
    )  # fmt: skip
    Decision.objects.bulk_create(
        Decision(review=review, step=1 + n % 9, what=f"Agreed {n}", decided_by="Committee",
                 decided_on=date(2026, 2, 1))
        for n in range(files // 4)
    )  # fmt: skip


def _queries(review) -> int:
    with CaptureQueriesContext(connection) as queries:
        inspection.pack_context(review, today=date(2026, 12, 5))
    return len(queries)


def test_the_pack_asks_the_same_queries_however_big_the_review(cast):
    indicators = list(Indicator.objects.filter(organisation__isnull=True)[:8])
    small = PublishedPlanFactory(review__organisation=cast.tmo)
    _content(small.review, small, indicators[:2], actions=2, files=3)
    big = PublishedPlanFactory(review__organisation=cast.tmo)
    _content(big.review, big, indicators, actions=20, files=40)
    assert _queries(small.review) == _queries(big.review)


def test_the_pack_holds_every_part_with_files_named_and_the_judgements(cast):
    plan = PublishedPlanFactory(review__organisation=cast.tmo)
    review = plan.review
    indicator = Indicator.objects.filter(organisation__isnull=True).first()
    ActionFactory(plan=plan, title="Text tenants before a visit", indicator=indicator)
    evidence = Evidence(review=review, step=4, kind="file", title="Survey of 412 households")
    evidence.file.save("repairs-survey.pdf", ContentFile(b"%PDF-1.4"), save=True)
    inspection.save_self_assessment(assessment=_assessment(review), by=cast.people["committee"])
    inspection.record_finding(finding=_finding(review), by=cast.people["inspector"])
    html = inspection.pack_html(review, today=date(2026, 12, 5))
    for words in (
        "Contents",
        "Step 1: Decide what to review",
        "The four Cs",
        "repairs-survey",
        "Survey of 412 households",
        "Text tenants before a visit",
        indicator.code,
        "Monitoring by the landlord",
        "2 stars",
        "Promising",
        "1 star",
        "Uncertain",
    ):
        assert words in html, words


def test_the_pack_is_prepared_in_the_background_for_the_inspector_and_refused_to_residents(
    cast, client_as, django_capture_on_commit_callbacks
):
    review = PlanReviewFactory(organisation=cast.tmo)
    inspector = client_as(cast.people["inspector"])
    assert inspector.get(_url("reviews:inspection-pack", review)).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = inspector.post(_url("reviews:inspection-pack", review))

    prepared = PreparedFile.objects.get()
    assert response.url == reverse("organisations:prepared-file", args=[cast.tmo.slug, prepared.pk])
    assert (prepared.status, prepared.filename) == ("done", f"inspection-pack-{review.pk}.pdf")
    download = inspector.get(
        reverse("organisations:download-prepared-file", args=[cast.tmo.slug, prepared.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    resident = client_as(cast.people["resident"])
    assert resident.post(_url("reviews:inspection-pack", review)).status_code == 403
    page = resident.get(_url("reviews:inspection", review)).content.decode()
    assert _url("reviews:inspection-pack", review) not in page


def test_the_demo_gives_kingsmeads_repairs_review_a_self_assessment_and_findings():
    from tenantry.core.permissions import Role
    from tenantry.core.tests.factories import UserFactory
    from tenantry.demo.reviews import add_demo_reviews
    from tenantry.demo.reviews_inspection import add_demo_inspection
    from tenantry.organisations.models import RoleAssignment
    from tenantry.organisations.tests.factories import AgreementFactory, LandlordFactory

    AgreementFactory(
        organisation__slug="kingsmead-tmo",
        organisation__name="Kingsmead TMO",
        organisation__landlord=LandlordFactory(slug="northbrook-council"),
    )
    inspector = UserFactory(email="inspector@example.org", name="Ruth Campbell")
    add_demo_reviews()
    add_demo_inspection()
    add_demo_inspection()  # a second run adds nothing
    review = SelfAssessment.objects.get().review
    assert (review.organisation.slug, review.service) == ("kingsmead-tmo", "repairs")
    finding = InspectorFinding.objects.get()
    assert finding.review == review and finding.inspector == inspector
    assert RoleAssignment.objects.filter(
        user=inspector, organisation=review.organisation, role=Role.INSPECTOR
    ).exists()
    assert review.self_assessment.assessed_on < finding.found_on


def test_the_pack_shows_trends_of_the_indicators_compared_at_step_5_the_organisations_own_too(
    cast,
):
    from tenantry.reviews.models import ReviewStep

    review = PlanReviewFactory(organisation=cast.tmo)
    national = Indicator.objects.filter(organisation__isnull=True).first()
    own = Indicator.objects.create(
        organisation=cast.tmo, code="KM1", name="Repairs explained at the door", unit="percent",
        framework="local", source="manual",
    )  # fmt: skip
    other = Indicator.objects.create(
        organisation=cast.other_tmo, code="KM2", name="Theirs", unit="percent",
        framework="local", source="manual",
    )  # fmt: skip
    ReviewStep.objects.create(
        review=review, number=5, content={"indicators": [national.code, "KM1", "KM2"]}
    )
    context = inspection.pack_context(review, today=date(2026, 12, 5))
    shown = {trend.indicator for trend in context["trends"]}
    assert shown == {national, own}
    assert other not in shown
