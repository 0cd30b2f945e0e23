"""The improvement plan's rules: publishing refused while a question is unanswered (naming
it), consultation then revision then publishing, who may do each, and late worked out from
the due date in one place."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tenantry.democracy.tests.meeting_factories import MemberFactory
from tenantry.organisations.models import AuditEntry
from tenantry.reviews import plan_selectors as selectors
from tenantry.reviews import plan_services as services
from tenantry.reviews.models import PlanStage, Progress, ReviewStatus
from tenantry.reviews.progress import LATE, late_q, milestone_late, standing
from tenantry.reviews.tests.plan_factories import (
    ActionFactory,
    AnsweredPlanFactory,
    MilestoneFactory,
    PlanFactory,
    PlanReviewFactory,
)

pytestmark = pytest.mark.django_db


def _revised(cast):
    return AnsweredPlanFactory(review__organisation=cast.tmo, stage=PlanStage.REVISED)


# --- late, in one place ---------------------------------------------------------------------


def test_an_action_is_late_the_day_after_its_due_date_not_on_it(cast):
    action = ActionFactory(plan__review__organisation=cast.tmo, due_on=date(2026, 3, 31))
    assert standing(action, date(2026, 3, 31)) == Progress.ON_TRACK
    assert standing(action, date(2026, 4, 1)) == LATE


def test_at_risk_stands_until_the_due_date_passes_then_late_wins(cast):
    action = ActionFactory(
        plan__review__organisation=cast.tmo, due_on=date(2026, 3, 31), progress=Progress.AT_RISK
    )
    assert standing(action, date(2026, 3, 1)) == Progress.AT_RISK
    assert standing(action, date(2026, 4, 1)) == LATE


def test_done_late_is_done_and_a_future_done_date_does_not_count_yet(cast):
    action = ActionFactory(
        plan__review__organisation=cast.tmo,
        due_on=date(2026, 3, 31),
        done_on=date(2026, 4, 10),
        progress=Progress.DONE,
    )
    assert standing(action, date(2026, 4, 10)) == Progress.DONE
    # Replayed on a day before it was done, it was late then.
    assert standing(action, date(2026, 4, 5)) == LATE


def test_the_database_filter_agrees_with_standing(cast):
    today = date(2026, 6, 1)
    plan = PlanFactory(review__organisation=cast.tmo)
    made = [
        ActionFactory(plan=plan, due_on=date(2026, 5, 31)),  # late
        ActionFactory(plan=plan, due_on=date(2026, 6, 1)),  # due today: not late
        ActionFactory(plan=plan, due_on=date(2026, 5, 1), done_on=date(2026, 5, 2)),  # done
        ActionFactory(plan=plan, due_on=date(2026, 5, 1), done_on=date(2026, 6, 2)),  # late then
    ]
    by_rule = {a.pk for a in made if standing(a, today) == LATE}
    by_query = set(plan.actions.filter(late_q(today)).values_list("pk", flat=True))
    assert by_rule == by_query == {made[0].pk, made[3].pk}


def test_a_milestone_not_reached_by_its_day_is_late(cast):
    milestone = MilestoneFactory(
        action__plan__review__organisation=cast.tmo, due_on=date(2026, 9, 30)
    )
    assert not milestone_late(milestone, date(2026, 9, 30))
    assert milestone_late(milestone, date(2026, 10, 1))
    milestone.done_on = date(2026, 10, 3)
    assert not milestone_late(milestone, date(2026, 10, 3))


def test_late_actions_reach_the_overview_oldest_first_and_only_the_organisations(cast):
    today = timezone.localdate()
    plan = PlanFactory(review__organisation=cast.tmo)
    newer = ActionFactory(plan=plan, due_on=today - timedelta(days=2))
    older = ActionFactory(plan=plan, due_on=today - timedelta(days=40))
    ActionFactory(plan=plan, due_on=today)  # not late
    ActionFactory(plan__review__organisation=cast.other_tmo, due_on=today - timedelta(days=9))
    late = list(selectors.late_actions(organisation=cast.tmo, today=today))
    assert late == [older, newer]


# --- consultation, revision, publishing -----------------------------------------------------


def test_publishing_is_refused_naming_each_unanswered_question(cast):
    plan = _revised(cast)
    plan.learnt = ""
    plan.reporting = "   "
    plan.save()
    with pytest.raises(ValidationError) as refused:
        services.publish(plan=plan, by=cast.people["committee"])
    message = refused.value.messages[0]
    assert "3. what we learnt" in message
    assert "7. what we will report, and how often" in message
    assert "1." not in message and "vision" not in message
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REVISED


def test_a_draft_not_consulted_on_cannot_be_published(cast):
    plan = AnsweredPlanFactory(review__organisation=cast.tmo)
    with pytest.raises(ValidationError, match="Consult on the draft"):
        services.publish(plan=plan, by=cast.people["committee"])


def test_consult_comment_revise_publish_tells_members_with_email(
    cast, django_capture_on_commit_callbacks
):
    committee, resident = cast.people["committee"], cast.people["resident"]
    today = date(2026, 5, 1)
    plan = AnsweredPlanFactory(review__organisation=cast.tmo)
    services.open_consultation(
        plan=plan, closes_on=date(2026, 5, 29), by=cast.people["staff"], today=today
    )
    assert plan.stage == PlanStage.CONSULTATION and plan.consultation_opened_on == today
    services.add_comment(plan=plan, text="Evening appointments, please.", by=resident, today=today)
    # The last day counts; the day after does not.
    assert services.may_comment(plan, date(2026, 5, 29))
    with pytest.raises(ValidationError):
        services.add_comment(plan=plan, text="Too late", by=resident, today=date(2026, 5, 30))
    services.revise(plan=plan, changes="Evening appointments added.", by=committee)
    MemberFactory(organisation=cast.tmo, resident__email="ann@example.org")
    MemberFactory(organisation=cast.tmo, resident__email="")  # told by letter, not here
    MemberFactory(organisation=cast.other_tmo, resident__email="elsewhere@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(plan=plan, by=committee, today=date(2026, 6, 2))
    plan.refresh_from_db()
    assert plan.stage == PlanStage.PUBLISHED and plan.published_on == date(2026, 6, 2)
    assert plan.published_by == committee and plan.stakeholders_told == 1
    assert plan.review.status == ReviewStatus.PUBLISHED
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
    assert f"/plans/{cast.tmo.slug}/{plan.review_id}/" in mail.outbox[0].body
    assert plan.comments.get().author == resident
    # History: each stage is a version of the plan, with who changed it.
    stages = [version.stage for version in plan.history.order_by("history_id")]
    assert stages[-3:] == ["consultation", "revised", "published"]
    assert plan.history.latest().history_user == committee
    assert AuditEntry.objects.filter(organisation=cast.tmo, what__contains="published").exists()


def test_revising_needs_consultation_and_says_what_changed(cast):
    plan = AnsweredPlanFactory(review__organisation=cast.tmo)
    with pytest.raises(ValidationError, match="out for consultation"):
        services.revise(plan=plan, changes="x", by=cast.people["committee"])
    plan.stage = PlanStage.CONSULTATION
    with pytest.raises(ValidationError) as refused:
        services.revise(plan=plan, changes="  ", by=cast.people["committee"])
    assert "changes_after_consultation" in refused.value.error_dict


def test_a_survey_of_another_organisation_cannot_be_linked(cast):
    from tenantry.surveys.tests.factories import SurveyFactory

    plan = PlanFactory(review__organisation=cast.tmo)
    with pytest.raises(ValidationError) as refused:
        services.open_consultation(
            plan=plan,
            closes_on=timezone.localdate() + timedelta(days=7),
            survey=SurveyFactory(organisation=cast.other_tmo),
            by=cast.people["staff"],
        )
    assert "survey" in refused.value.error_dict


def test_consultation_must_close_in_the_future(cast):
    plan = PlanFactory(review__organisation=cast.tmo)
    with pytest.raises(ValidationError) as refused:
        services.open_consultation(
            plan=plan, closes_on=date(2026, 5, 1), by=cast.people["staff"], today=date(2026, 5, 1)
        )
    assert "closes_on" in refused.value.error_dict


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "inspector", "landlord_officer", "staff"])
def test_only_the_committee_publishes(cast, role):
    plan = _revised(cast)
    with pytest.raises(PermissionDenied):
        services.publish(plan=plan, by=cast.people[role])


@pytest.mark.parametrize("role", ["resident", "inspector", "landlord_officer", "outsider"])
def test_those_who_do_not_run_reviews_cannot_change_the_plan(cast, role):
    action = ActionFactory(plan__review__organisation=cast.tmo)
    with pytest.raises(PermissionDenied):
        services.record_progress(
            action=action, progress=Progress.ON_TRACK, note="x", by=cast.people[role]
        )
    with pytest.raises(PermissionDenied):
        services.plan_of(review=action.plan.review, by=cast.people[role])


def test_an_inspector_cannot_comment(cast):
    plan = PlanFactory(
        review__organisation=cast.tmo,
        stage=PlanStage.CONSULTATION,
        consultation_closes_on=timezone.localdate() + timedelta(days=3),
    )
    with pytest.raises(PermissionDenied):
        services.add_comment(plan=plan, text="x", by=cast.people["inspector"])


# --- actions and progress -------------------------------------------------------------------


def test_done_needs_evidence_and_records_the_day(cast):
    action = ActionFactory(plan__review__organisation=cast.tmo)
    staff = cast.people["staff"]
    with pytest.raises(ValidationError) as refused:
        services.record_progress(action=action, progress=Progress.DONE, note="Done", by=staff)
    assert "evidence" in refused.value.error_dict
    services.record_progress(
        action=action,
        progress=Progress.DONE,
        note="New contract signed",
        evidence="Committee minutes, 12 March",
        by=staff,
        today=date(2026, 3, 12),
    )
    action.refresh_from_db()
    assert action.done_on == date(2026, 3, 12) and action.progress == Progress.DONE
    assert action.history.latest().history_user == staff
    # Reported on track again: reopened.
    services.record_progress(
        action=action, progress=Progress.ON_TRACK, note="Contract fell through", by=staff
    )
    action.refresh_from_db()
    assert action.done_on is None and action.updates.count() == 2


def test_a_target_needs_its_indicator_and_the_due_date_follows_the_start(cast):
    plan = PlanFactory(review__organisation=cast.tmo)
    action = ActionFactory.build(plan=plan, target_value=92)
    with pytest.raises(ValidationError) as refused:
        services.save_action(action=action, by=cast.people["staff"])
    assert "indicator" in refused.value.error_dict
    action = ActionFactory.build(plan=plan, starts_on=date(2026, 5, 1), due_on=date(2026, 4, 1))
    with pytest.raises(ValidationError) as refused:
        services.save_action(action=action, by=cast.people["staff"])
    assert "due_on" in refused.value.error_dict


def test_actions_are_numbered_in_the_order_they_are_added(cast):
    plan = PlanFactory(review__organisation=cast.tmo)
    first = services.save_action(action=ActionFactory.build(plan=plan), by=None)
    second = services.save_action(action=ActionFactory.build(plan=plan), by=None)
    assert (first.position, second.position) == (1, 2)


def test_starting_the_plan_marks_the_review_drafted_once(cast):
    review = PlanReviewFactory(organisation=cast.tmo)
    plan = services.plan_of(review=review, by=cast.people["staff"])
    assert services.plan_of(review=review, by=cast.people["staff"]) == plan
    plan.vision = "Better repairs"
    services.save_answers(plan=plan, by=cast.people["staff"])
    review.refresh_from_db()
    assert review.status == ReviewStatus.PLAN_DRAFTED
    assert plan.unanswered() == [
        "activities",
        "conduct",
        "learnt",
        "steps",
        "measures",
        "reporting",
    ]
