"""The report, the landlord's answers, the actions they become and the panel's sign-off."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tenantry.organisations.models import AuditEntry
from tenantry.reviews.models import PlanAction, Progress
from tenantry.reviews.progress import LATE, standing
from tenantry.scrutiny import report_selectors as selectors
from tenantry.scrutiny import report_services as services
from tenantry.scrutiny.models import (
    Recommendation,
    ScrutinyReport,
    ScrutinyStage,
    TermsOfReference,
    Verdict,
)
from tenantry.scrutiny.tests.factories_report import (
    PanelFactory,
    PublishedReportFactory,
    RecommendationFactory,
    ReportFactory,
    ScrutinyReviewFactory,
    TermsFactory,
    member_of,
)


@pytest.fixture
def panel(cast):
    return cast.panel


@pytest.fixture
def member(panel):
    return member_of(panel)


@pytest.fixture
def officer(cast):
    return cast.people["landlord_officer"]


# --- The deadline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "months", "due"),
    [
        (date(2026, 3, 2), 2, date(2026, 5, 2)),  # the same day two months on
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # a leap year
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),  # into the next year
    ],
)
def test_answers_are_due_the_terms_months_after_publishing(published, months, due):
    terms = TermsOfReference(response_months=months)
    assert services.answers_due_on(published_on=published, terms=terms) == due


def test_without_terms_of_reference_the_landlord_has_two_months(panel):
    terms = services.terms_for(panel)
    assert terms.pk is None and terms.response_months == 2 and terms.interim_reply_allowed


def test_answers_are_overdue_only_after_the_whole_due_day(panel):
    report = PublishedReportFactory(review__panel=panel)  # due by 2 May 2026
    assert not selectors.is_overdue(report, date(2026, 5, 2))
    assert selectors.is_overdue(report, date(2026, 5, 3))
    assert list(selectors.overdue_reports(today=date(2026, 5, 2))) == []
    assert list(selectors.overdue_reports(today=date(2026, 5, 3))) == [report]
    report.answered_on = date(2026, 5, 10)
    report.save()
    assert not selectors.is_overdue(report, date(2026, 6, 1))
    assert list(selectors.overdue_reports(today=date(2026, 6, 1))) == []


# --- Writing and publishing ----------------------------------------------------------------


def test_panel_writes_and_publishes_with_the_due_date_from_its_terms(panel, member):
    TermsFactory(panel=panel, response_months=3)
    report = services.save_report(report=_draft(panel), by=member)
    assert report.review.stage == ScrutinyStage.REPORTING
    services.save_recommendation(
        recommendation=Recommendation(report=report, title="Ask tenants", reason="Nobody did"),
        by=member,
    )
    services.save_recommendation(
        recommendation=Recommendation(report=report, title="Text a reminder", reason="Missed"),
        by=member,
    )
    services.publish_report(report=report, by=member, today=date(2026, 3, 2))
    report.refresh_from_db()
    assert report.published_on == date(2026, 3, 2) and report.published_by == member
    assert report.answers_due_on == date(2026, 6, 2)
    assert report.review.stage == ScrutinyStage.AWAITING_ANSWERS
    assert list(report.recommendations.values_list("position", flat=True)) == [1, 2]
    # Published, it is what the landlord answers: no more changes.
    with pytest.raises(ValidationError, match="published"):
        services.save_recommendation(
            recommendation=Recommendation(report=report, title="Late", reason="x"), by=member
        )
    with pytest.raises(ValidationError, match="published"):
        services.publish_report(report=report, by=member)


def _draft(panel) -> ScrutinyReport:
    return ScrutinyReport(
        review=ScrutinyReviewFactory(panel=panel, stage="gathering"), summary="Missed visits."
    )


def test_a_report_needs_a_recommendation_before_publishing(panel, member):
    report = ReportFactory(review__panel=panel)
    with pytest.raises(ValidationError, match="at least one recommendation"):
        services.publish_report(report=report, by=member)


def test_only_the_panel_writes_its_report(panel, officer, cast):
    with pytest.raises(PermissionDenied):
        services.save_report(report=_draft(panel), by=officer)
    with pytest.raises(PermissionDenied):
        services.save_report(report=_draft(panel), by=cast.people["committee"])


# --- The landlord's answers ------------------------------------------------------------------


def test_accepting_makes_a_tracked_action_and_the_last_answer_closes_answering(panel, officer):
    report = PublishedReportFactory(review__panel=panel)
    first = report.recommendations.get()
    second = RecommendationFactory(report=report, title="Publish repair times")
    today = date(2026, 4, 20)
    services.answer_recommendation(
        recommendation=first,
        response="accepted",
        reasons="",
        owner="Head of repairs",
        due_on=date(2026, 9, 30),
        by=officer,
        today=today,
    )
    action = PlanAction.objects.get()
    assert action.plan is None and first.action == action
    assert (action.title, action.owner, action.due_on) == (
        first.title,
        "Head of repairs",
        date(2026, 9, 30),
    )
    assert action.finding == first.reason
    report.refresh_from_db()
    assert report.answered_on is None  # one still unanswered
    services.answer_recommendation(
        recommendation=second,
        response="rejected",
        reasons="The contract fixes the times until 2028.",
        by=officer,
        today=date(2026, 4, 22),
    )
    report.refresh_from_db()
    assert report.answered_on == date(2026, 4, 22)
    assert report.review.stage == ScrutinyStage.MONITORING
    assert PlanAction.objects.count() == 1 and second.action is None
    # Answered: final.
    with pytest.raises(ValidationError, match="final"):
        services.answer_recommendation(
            recommendation=second, response="accepted", reasons="", by=officer
        )


def test_every_rejection_closes_the_review(panel, officer):
    report = PublishedReportFactory(review__panel=panel)
    services.answer_recommendation(
        recommendation=report.recommendations.get(),
        response="rejected",
        reasons="Not ours to change.",
        by=officer,
        today=date(2026, 4, 1),
    )
    report.refresh_from_db()
    assert report.review.stage == ScrutinyStage.CLOSED


@pytest.mark.parametrize(
    ("response", "kwargs", "field"),
    [
        ("partly", {"owner": "Repairs", "due_on": date(2026, 9, 1)}, "reasons"),
        ("rejected", {}, "reasons"),
        ("accepted", {"due_on": date(2026, 9, 1)}, "owner"),
        ("accepted", {"owner": "Repairs"}, "due_on"),
        ("accepted", {"owner": "Repairs", "due_on": date(2026, 3, 31)}, "due_on"),  # past
        ("", {}, "response"),
    ],
)
def test_an_answer_needs_its_reasons_owner_and_due_date(panel, officer, response, kwargs, field):
    report = PublishedReportFactory(review__panel=panel)
    with pytest.raises(ValidationError) as raised:
        services.answer_recommendation(
            recommendation=report.recommendations.get(),
            response=response,
            reasons="",
            by=officer,
            today=date(2026, 4, 1),
            **kwargs,
        )
    assert field in raised.value.message_dict
    assert PlanAction.objects.count() == 0


def test_changing_an_acceptance_to_a_rejection_drops_its_action(panel, officer):
    report = PublishedReportFactory(review__panel=panel)
    recommendation = report.recommendations.get()
    RecommendationFactory(report=report)  # keeps answering open
    services.answer_recommendation(
        recommendation=recommendation,
        response="accepted",
        reasons="",
        owner="Repairs",
        due_on=date(2026, 9, 1),
        by=officer,
        today=date(2026, 4, 1),
    )
    services.answer_recommendation(
        recommendation=recommendation,
        response="rejected",
        reasons="On reflection, no.",
        by=officer,
        today=date(2026, 4, 2),
    )
    assert PlanAction.objects.count() == 0 and recommendation.action is None


def test_only_the_landlord_answers(panel, member):
    report = PublishedReportFactory(review__panel=panel)
    with pytest.raises(PermissionDenied):
        services.answer_recommendation(
            recommendation=report.recommendations.get(),
            response="rejected",
            reasons="x",
            by=member,
        )


def test_an_unpublished_report_cannot_be_answered(panel, officer):
    recommendation = RecommendationFactory(report__review__panel=panel)
    with pytest.raises(ValidationError, match="not published"):
        services.answer_recommendation(
            recommendation=recommendation, response="rejected", reasons="x", by=officer
        )


def test_one_interim_reply_where_the_terms_allow_it(panel, officer):
    report = PublishedReportFactory(review__panel=panel)
    services.send_interim_reply(
        report=report, text="We will answer by June.", by=officer, today=date(2026, 4, 1)
    )
    report.refresh_from_db()
    assert report.interim_reply_on == date(2026, 4, 1)
    # It does not stop the clock.
    assert selectors.is_overdue(report, date(2026, 5, 3))
    with pytest.raises(ValidationError, match="already"):
        services.send_interim_reply(report=report, text="Again", by=officer)


def test_no_interim_reply_where_the_terms_forbid_it(panel, officer):
    TermsFactory(panel=panel, interim_reply_allowed=False)
    report = PublishedReportFactory(review__panel=panel)
    with pytest.raises(ValidationError, match="do not allow"):
        services.send_interim_reply(report=report, text="Soon", by=officer)


# --- Escalating late answers -----------------------------------------------------------------


def test_late_answers_are_escalated_to_the_senior_officer_once(
    panel, django_capture_on_commit_callbacks
):
    TermsFactory(
        panel=panel, senior_officer_name="Helen Price", senior_officer_email="hp@example.org"
    )
    report = PublishedReportFactory(review__panel=panel, review__title="Repairs appointments")
    RecommendationFactory(report=report)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_answers(today=date(2026, 5, 2)) == 0  # due today: not late
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_answers(today=date(2026, 5, 3)) == 1
        assert services.escalate_late_answers(today=date(2026, 5, 4)) == 0  # once only
    assert [message.to for message in mail.outbox] == [["hp@example.org"]]
    message = mail.outbox[0]
    assert panel.name in message.subject and "Repairs appointments" in message.subject
    assert (
        "2 May 2026" in message.body and "2 recommendations are still not answered" in message.body
    )
    assert f"/o/{panel.slug}/scrutiny/reviews/{report.review_id}/report/" in message.body
    report.refresh_from_db()
    assert report.escalated_to == "hp@example.org" and report.escalated_at is not None
    assert AuditEntry.objects.filter(organisation=panel, what__contains="escalated").exists()


def test_no_senior_officer_named_means_no_email_but_still_overdue(
    panel, django_capture_on_commit_callbacks
):
    report = PublishedReportFactory(review__panel=panel)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_answers(today=date(2026, 6, 1)) == 0
    assert mail.outbox == []
    assert selectors.overdue_count(panel, date(2026, 6, 1)) == 1
    report.refresh_from_db()
    assert report.escalated_at is None


def test_answered_reports_are_not_escalated(panel, officer, django_capture_on_commit_callbacks):
    TermsFactory(panel=panel)
    report = PublishedReportFactory(review__panel=panel)
    services.answer_recommendation(
        recommendation=report.recommendations.get(),
        response="rejected",
        reasons="x",
        by=officer,
        today=date(2026, 5, 9),  # late, but answered
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_answers(today=date(2026, 5, 10)) == 0
    assert mail.outbox == []


# --- Actions and sign-off --------------------------------------------------------------------


def _accepted(panel, officer, due_on=date(2026, 9, 30)) -> Recommendation:
    report = PublishedReportFactory(review__panel=panel)
    recommendation = report.recommendations.get()
    services.answer_recommendation(
        recommendation=recommendation,
        response="accepted",
        reasons="",
        owner="Head of repairs",
        due_on=due_on,
        by=officer,
        today=date(2026, 4, 1),
    )
    recommendation.refresh_from_db()
    return recommendation


def test_landlord_reports_progress_by_the_reviews_rule(panel, officer, member):
    recommendation = _accepted(panel, officer)
    with pytest.raises(ValidationError, match="evidence"):
        services.report_action_progress(
            recommendation=recommendation, progress="done", note="Done", by=officer
        )
    services.report_action_progress(
        recommendation=recommendation,
        progress="at_risk",
        note="Contractor slow",
        by=officer,
        today=date(2026, 6, 1),
    )
    action = recommendation.action
    action.refresh_from_db()
    assert action.progress == Progress.AT_RISK and action.updates.count() == 1
    with pytest.raises(PermissionDenied):
        services.report_action_progress(
            recommendation=recommendation, progress="on_track", note="x", by=member
        )


def test_signed_off_delivered_is_done_and_closes_the_review(panel, officer, member):
    recommendation = _accepted(panel, officer)
    services.sign_off(
        recommendation=recommendation,
        verdict="delivered",
        evidence="Appointments kept: 93% in Q2 (RP03).",
        by=member,
        today=date(2026, 10, 5),  # after the due date: done is done
    )
    action = recommendation.action
    action.refresh_from_db()
    assert action.done_on == date(2026, 10, 5)
    assert standing(action, date(2026, 12, 1)) == Progress.DONE
    assert action.updates.get().evidence == "Appointments kept: 93% in Q2 (RP03)."
    recommendation.report.review.refresh_from_db()
    assert recommendation.report.review.stage == ScrutinyStage.CLOSED


def test_not_delivered_reopens_the_action_which_is_late_after_its_due_date(panel, officer, member):
    recommendation = _accepted(panel, officer, due_on=date(2026, 9, 30))
    services.report_action_progress(
        recommendation=recommendation,
        progress="done",
        note="Finished",
        evidence="New booking script",
        by=officer,
        today=date(2026, 9, 1),
    )
    services.sign_off(
        recommendation=recommendation,
        verdict=Verdict.NOT_DELIVERED,
        evidence="Mystery shoppers were still not offered a day in September.",
        by=member,
        today=date(2026, 9, 20),
    )
    action = recommendation.action
    action.refresh_from_db()
    assert action.done_on is None and action.progress == Progress.AT_RISK
    assert standing(action, date(2026, 9, 30)) == Progress.AT_RISK
    assert standing(action, date(2026, 10, 1)) == LATE
    rows = selectors.rows_for(recommendation.report, date(2026, 10, 1))
    assert rows[0].sign_off.verdict == Verdict.NOT_DELIVERED and rows[0].standing == LATE


def test_sign_off_needs_evidence_an_action_and_the_panel(panel, officer, member):
    recommendation = _accepted(panel, officer)
    with pytest.raises(ValidationError, match="evidence"):
        services.sign_off(
            recommendation=recommendation, verdict="delivered", evidence=" ", by=member
        )
    with pytest.raises(PermissionDenied):
        services.sign_off(
            recommendation=recommendation, verdict="delivered", evidence="x", by=officer
        )
    rejected = RecommendationFactory(report__review__panel=panel, response="rejected")
    with pytest.raises(ValidationError, match="did not take"):
        services.sign_off(recommendation=rejected, verdict="delivered", evidence="x", by=member)


def test_you_said_we_did_needs_a_published_report(panel, member):
    draft = ReportFactory(review__panel=panel)
    with pytest.raises(ValidationError, match="Publish"):
        services.save_tenant_summary(report=draft, text="x", by=member)
    report = PublishedReportFactory(review__panel=panel)
    services.save_tenant_summary(report=report, text="You said… we did…", by=member)
    report.refresh_from_db()
    assert report.tenant_summary == "You said… we did…"


def test_another_panels_member_changes_nothing(panel):
    stranger = member_of(PanelFactory(landlord=panel.landlord))
    report = PublishedReportFactory(review__panel=panel)
    with pytest.raises(PermissionDenied):
        services.save_tenant_summary(report=report, text="x", by=stranger)


def test_you_said_we_did_keeps_the_answers_given_since_the_report_was_read(panel, officer, member):
    report = PublishedReportFactory(review__panel=panel)
    read_earlier = ScrutinyReport.objects.get(pk=report.pk)
    services.answer_recommendation(
        recommendation=report.recommendations.get(),
        response="rejected",
        reasons="x",
        by=officer,
        today=date(2026, 4, 1),
    )
    services.save_tenant_summary(report=read_earlier, text="You said, we did.", by=member)
    report.refresh_from_db()
    assert report.answered_on == date(2026, 4, 1) and report.tenant_summary == "You said, we did."


def test_the_daily_command_and_task_escalate(panel, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    from tenantry.scrutiny.tasks import escalate_late_answers

    TermsFactory(panel=panel, senior_officer_email="hp@example.org")
    PublishedReportFactory(review__panel=panel, answers_due_on=date(2020, 1, 1))
    PublishedReportFactory(review__panel=panel, answers_due_on=date(2020, 1, 1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_late_answers", stdout=out)
        # The same work on the task queue (in-process in tests) finds nothing left to send.
        result = escalate_late_answers.enqueue()
    assert out.getvalue().strip() == "2 late answers escalated"
    assert result.return_value == 0
    assert len(mail.outbox) == 2


def test_publishing_tells_the_landlords_officers_what_to_answer_by_when(
    panel, member, officer, cast, django_capture_on_commit_callbacks
):
    report = ReportFactory(review__panel=panel, review__title="Repairs appointments")
    RecommendationFactory.create_batch(2, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_report(report=report, by=member, today=date(2026, 3, 2))
    # The landlord's officers, not another landlord's.
    assert [message.to for message in mail.outbox] == [[officer.email]]
    message = mail.outbox[0]
    assert "Repairs appointments" in message.subject
    assert "2 recommendations" in message.body and "2 May 2026" in message.body
    assert f"/o/{panel.slug}/scrutiny/reviews/{report.review_id}/report/" in message.body
