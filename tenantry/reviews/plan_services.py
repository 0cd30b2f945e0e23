"""Every change to an improvement plan: its answers to the seven questions, its actions,
milestones and progress, consultation on the draft, revision and publishing. Each checks
permission (`require`), runs in a transaction and records who acted (simple-history on the plan,
its actions and milestones; the audit log for every change)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.democracy.models import Membership
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from . import permissions as can
from .models import (
    SEVEN_QUESTIONS,
    ImprovementPlan,
    Milestone,
    PlanAction,
    PlanComment,
    PlanStage,
    Progress,
    ProgressUpdate,
    Review,
    ReviewStatus,
)
from .models.plan import QUESTION_HEADINGS

Action = AuditEntry.Action


def _record(plan: ImprovementPlan, by: User | None, action: str, what: str) -> None:
    record_change(
        organisation=plan.review.organisation,
        by=by,
        action=action,
        what=f"{plan.review.title}: {what}",
    )


@transaction.atomic
def plan_of(*, review: Review, by: User | None) -> ImprovementPlan:
    """The review's improvement plan, started (empty, a draft) the first time it is asked for."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    # Two people starting the plan at once: the second waits on the review's row, then finds it.
    Review.objects.select_for_update().filter(pk=review.pk).first()
    plan = ImprovementPlan.objects.filter(review=review).first()
    if plan is None:
        plan = ImprovementPlan(review=review)
        save_checked(plan, by)
        _record(plan, by, Action.CREATED, _("improvement plan started"))
    return plan


@transaction.atomic
def save_answers(*, plan: ImprovementPlan, by: User | None) -> ImprovementPlan:
    """Save the plan's answers to the seven questions. A published plan may be corrected; its
    history keeps every earlier wording."""
    require(can.can_run_reviews, user=by, organisation=plan.organisation)
    save_checked(plan, by)
    review = plan.review
    if review.status == ReviewStatus.UNDER_WAY:
        review.status = ReviewStatus.PLAN_DRAFTED
        review._history_user = by
        review.save(update_fields=["status"])
    _record(plan, by, Action.CHANGED, _("improvement plan's answers"))
    return plan


@transaction.atomic
def save_action(*, action: PlanAction, by: User | None) -> PlanAction:
    """Add an action at the end of the plan, or change one."""
    plan = action.plan
    require(can.can_run_reviews, user=by, organisation=plan.organisation)
    created = action.pk is None
    if action.indicator_id is None and action.target_value is not None:
        raise ValidationError({"indicator": _("Select the indicator the target is for")})
    if action.starts_on and action.due_on and action.starts_on > action.due_on:
        raise ValidationError({"due_on": _("Due date must be on or after the start date")})
    if created:
        # Actions added at once are numbered one after another: each waits on the plan's row.
        ImprovementPlan.objects.select_for_update().filter(pk=plan.pk).first()
        last = plan.actions.aggregate(last=Max("position"))["last"] or 0
        action.position = last + 1
    save_checked(action, by)
    _record(
        plan,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("plan action “%(title)s”") % {"title": action.title},
    )
    return action


@transaction.atomic
def save_milestone(*, milestone: Milestone, by: User | None) -> Milestone:
    """Add a milestone to an action, or record it reached."""
    plan = milestone.action.plan
    require(can.can_run_reviews, user=by, organisation=plan.organisation)
    if milestone.done_on and milestone.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Reached on must be today or in the past")})
    created = milestone.pk is None
    save_checked(milestone, by)
    _record(
        plan,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("milestone “%(title)s”") % {"title": milestone.title},
    )
    return milestone


@transaction.atomic
def record_progress(
    *,
    action: PlanAction,
    progress: str,
    note: str,
    evidence: str = "",
    by: User | None,
    today: date | None = None,
) -> ProgressUpdate:
    """Report progress on an action, with its evidence. "Done" needs evidence, and records the
    action done on the day; reporting it on track or at risk again reopens it."""
    require(can.can_run_reviews, user=by, organisation=action.plan.organisation)
    update = apply_progress(
        action=action, progress=progress, note=note, evidence=evidence, by=by, today=today
    )
    _record(
        action.plan,
        by,
        Action.CHANGED,
        _("progress on “%(title)s”: %(progress)s")
        % {"title": action.title, "progress": Progress(progress).label},
    )
    return update


def apply_progress(
    *,
    action: PlanAction,
    progress: str,
    note: str,
    evidence: str = "",
    by: User | None,
    today: date | None = None,
) -> ProgressUpdate:
    """The one rule of progress on any action: "done" needs evidence and records the action
    done on the day; on track or at risk reopens it. The caller has checked who may report it
    (`record_progress` for a plan's action; scrutiny's services for an action a landlord took on
    by accepting a recommendation) and records the change."""
    today = today or timezone.localdate()
    if progress == Progress.DONE and not evidence.strip():
        raise ValidationError({"evidence": _("Enter the evidence that the action is done")})
    update = ProgressUpdate(
        action=action,
        progress=progress,
        note=note.strip(),
        evidence=evidence.strip(),
        reported_on=today,
        reported_by=by,
    )
    update.full_clean()
    update.save()
    action.progress = progress
    action.done_on = today if progress == Progress.DONE else None
    action._history_user = by
    action.save(update_fields=["progress", "done_on"])
    return update


@transaction.atomic
def open_consultation(
    *,
    plan: ImprovementPlan,
    closes_on: date,
    survey=None,
    by: User | None,
    today: date | None = None,
) -> ImprovementPlan:
    """Send the draft out for consultation: residents and members may comment until
    `closes_on`, and a survey of the organisation's may ask about it too."""
    require(can.can_run_reviews, user=by, organisation=plan.organisation)
    today = today or timezone.localdate()
    if plan.stage == PlanStage.PUBLISHED:
        raise ValidationError(_("The plan is published: it is no longer a draft to consult on."))
    if closes_on <= today:
        raise ValidationError({"closes_on": _("Comments close on must be in the future")})
    if survey is not None and survey.organisation_id != plan.organisation.pk:
        raise ValidationError({"survey": _("Select one of your organisation's surveys")})
    plan.stage = PlanStage.CONSULTATION
    plan.consultation_opened_on = plan.consultation_opened_on or today
    plan.consultation_closes_on = closes_on
    plan.consultation_survey = survey
    save_checked(plan, by)
    _record(plan, by, Action.CHANGED, _("draft improvement plan out for consultation"))
    return plan


def may_comment(plan: ImprovementPlan, today: date) -> bool:
    """Whether the draft is open for comments on `today` (up to the end of the closing day)."""
    return (
        plan.stage == PlanStage.CONSULTATION
        and plan.consultation_closes_on is not None
        and today <= plan.consultation_closes_on
    )


@transaction.atomic
def add_comment(
    *, plan: ImprovementPlan, text: str, by: User | None, today: date | None = None
) -> PlanComment:
    """A resident's or member's comment on the draft while consultation is open."""
    require(can.can_comment_on_plans, user=by, organisation=plan.organisation)
    if not may_comment(plan, today or timezone.localdate()):
        raise ValidationError(_("The draft plan is not open for comments."))
    if not text.strip():
        raise ValidationError({"text": _("Enter your comments")})
    comment = PlanComment(plan=plan, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    _record(plan, by, Action.CREATED, _("comment on the draft improvement plan"))
    return comment


@transaction.atomic
def revise(*, plan: ImprovementPlan, changes: str, by: User | None) -> ImprovementPlan:
    """Close consultation and say what changed in the light of it (the Guide: "revise it if
    necessary in the light of their responses")."""
    require(can.can_run_reviews, user=by, organisation=plan.organisation)
    if plan.stage != PlanStage.CONSULTATION:
        raise ValidationError(_("Send the draft out for consultation before revising it."))
    if not changes.strip():
        raise ValidationError(
            {
                "changes_after_consultation": _(
                    "Say what changed after consultation, or that nothing needed to"
                )
            }
        )
    plan.changes_after_consultation = changes.strip()
    plan.stage = PlanStage.REVISED
    save_checked(plan, by)
    _record(plan, by, Action.CHANGED, _("improvement plan revised after consultation"))
    return plan


def missing_answers_message(plan: ImprovementPlan) -> str:
    """The sentence that names the questions still unanswered, in the Guide's order."""
    missing = plan.unanswered()
    numbers = {name: number for number, (name, _q) in enumerate(SEVEN_QUESTIONS, start=1)}
    named = "; ".join(f"{numbers[name]}. {QUESTION_HEADINGS[name].lower()}" for name in missing)
    return _(
        "The plan cannot be published until it answers all seven questions. Still unanswered: "
        "%(questions)s."
    ) % {"questions": named}


def _told_emails(plan: ImprovementPlan, url: str) -> list[emails.Email]:
    organisation = plan.organisation
    members = (
        Membership.objects.current()
        .filter(organisation=organisation)
        .exclude(resident__email="")
        .select_related("resident")
    )
    return [
        emails.Email(
            to=membership.resident.email,
            name=membership.resident.name.split(" ")[0],
            template="reviews/email/plan_published",
            organisation_name=organisation.name,
            reason="member",
            language=emails.language_for(None, membership.resident.language),
            context={"review": plan.review, "url": url},
        )
        for membership in members
        if membership.resident.email
    ]


@transaction.atomic
def publish(
    *,
    plan: ImprovementPlan,
    by: User | None,
    today: date | None = None,
    tell_members: bool = True,
) -> ImprovementPlan:
    """Publish the plan: refused while any of the seven questions is unanswered, or while the
    draft has not been consulted on and revised. Each current member with an email address is
    told where to find it (the public page's address); the count is kept on the plan."""
    require(can.can_publish_plans, user=by, organisation=plan.organisation)
    today = today or timezone.localdate()
    if plan.stage == PlanStage.PUBLISHED:
        raise ValidationError(_("The plan is already published."))
    if plan.unanswered():
        raise ValidationError(missing_answers_message(plan))
    if plan.stage != PlanStage.REVISED:
        raise ValidationError(
            _(
                "Consult on the draft and say what changed after consultation before "
                "publishing the plan."
            )
        )
    plan.stage = PlanStage.PUBLISHED
    plan.published_on = today
    plan.published_by = by
    url = emails.absolute(
        reverse("improvement-plan:plan", args=[plan.organisation.slug, plan.review_id])
    )
    messages = _told_emails(plan, url) if tell_members else []
    plan.stakeholders_told = len(messages)
    save_checked(plan, by)
    review = plan.review
    review.status = ReviewStatus.PUBLISHED
    review._history_user = by
    review.save(update_fields=["status"])
    emails.send(messages)
    _record(plan, by, Action.CHANGED, _("improvement plan published"))
    return plan
