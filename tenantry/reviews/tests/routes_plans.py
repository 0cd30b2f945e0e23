"""Routes of improvement plans, for the permission matrix.

Everyone with a role in the organisation reads a review's plan, its actions, PDF and progress
report; the committee and staff draft it and report progress; the committee publishes it;
residents, members, staff, the committee and the landlord comment on a draft out for
consultation (an inspector reads, and says nothing here). The published plan's public page and
PDF need no sign-in (docs/improvement-plans.md).
"""

from datetime import timedelta

from django.utils import timezone

from tenantry.core.tests.matrix import COMMITTEE_ONLY, PUBLIC_LINK, SHOWN_TO_ALL
from tenantry.reviews.tests.plan_factories import (
    ActionFactory,
    AnsweredPlanFactory,
    MilestoneFactory,
    PlanReviewFactory,
    PublishedPlanFactory,
)

PLAN_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
PLAN_COMMENTERS = ["login", 200, 200, 200, 403, 200, 404, 404, 200]


def _review(cast) -> int:
    return PlanReviewFactory(organisation=cast.tmo).pk


def _plan(cast) -> int:
    """A review whose plan is out for consultation."""
    plan = AnsweredPlanFactory(
        review__organisation=cast.tmo,
        stage="consultation",
        consultation_closes_on=timezone.localdate() + timedelta(days=14),
    )
    return plan.review_id


def _published(cast) -> int:
    return PublishedPlanFactory(review__organisation=cast.tmo).review_id


def _action_pair():
    """The review and action arguments of one action: made once per request, shared."""
    made = {}

    def review(cast) -> int:
        action = ActionFactory(plan__review__organisation=cast.tmo)
        made["action"] = action.pk
        return action.plan.review_id

    def action(cast) -> int:
        return made["action"]

    return {"pk": review, "action": action}


def _milestone_triple():
    made = {}

    def review(cast) -> int:
        milestone = MilestoneFactory(action__plan__review__organisation=cast.tmo)
        made["action"], made["milestone"] = milestone.action_id, milestone.pk
        return milestone.action.plan.review_id

    return {
        "pk": review,
        "action": lambda cast: made["action"],
        "milestone": lambda cast: made["milestone"],
    }


ROUTES = {
    "reviews:plan": ("tmo", {"pk": _plan}, SHOWN_TO_ALL),
    "reviews:edit-plan": ("tmo", {"pk": _review}, PLAN_RUNNERS),
    "reviews:add-plan-action": ("tmo", {"pk": _review}, PLAN_RUNNERS),
    "reviews:plan-action": ("tmo", _action_pair(), SHOWN_TO_ALL),
    "reviews:edit-plan-action": ("tmo", _action_pair(), PLAN_RUNNERS),
    "reviews:add-milestone": ("tmo", _action_pair(), PLAN_RUNNERS),
    "reviews:edit-milestone": ("tmo", _milestone_triple(), PLAN_RUNNERS),
    "reviews:record-progress": ("tmo", _action_pair(), PLAN_RUNNERS),
    "reviews:plan-consultation": ("tmo", {"pk": _plan}, PLAN_RUNNERS),
    "reviews:comment-on-plan": ("tmo", {"pk": _plan}, PLAN_COMMENTERS),
    "reviews:revise-plan": ("tmo", {"pk": _plan}, PLAN_RUNNERS),
    "reviews:publish-plan": ("tmo", {"pk": _plan}, COMMITTEE_ONLY),
    "reviews:plan-pdf": ("tmo", {"pk": _plan}, SHOWN_TO_ALL),
    "reviews:plan-progress-report": ("tmo", {"pk": _published}, SHOWN_TO_ALL),
    "reviews:plan-progress-report-pdf": ("tmo", {"pk": _published}, SHOWN_TO_ALL),
    "improvement-plan:plan": ("tmo", {"pk": _published}, PUBLIC_LINK),
    "improvement-plan:pdf": ("tmo", {"pk": _published}, PUBLIC_LINK),
}
