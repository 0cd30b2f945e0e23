"""Routes of scrutiny reports, the landlord's answers, actions and sign-off, peer reviews and
"you said, we did", for the permission matrix.

The cast's panel (`cast.panel`) works with the cast's landlord: the landlord's officer reaches it
and answers its reports; nobody else of the matrix's columns holds a role there (404). What the
panel's own members and an inspector or adviser in the panel get is `PANEL_SIDE` below, asked by
`test_report_matrix.py`. "You said, we did" needs no sign-in.
"""

from datetime import date

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.reviews.models import PlanAction
from tenantry.scrutiny.tests.factories_report import (
    PeerReviewFactory,
    PublishedReportFactory,
    RecommendationFactory,
    ReportFactory,
    ScrutinyReviewFactory,
)

# In the order of matrix.ROLES: anonymous, resident, committee, staff, inspector (of the TMO),
# landlord officer, outsider, other landlord's officer, site administrator.
RECORD_READERS = ["login", 404, 404, 404, 404, 200, 404, 404, 200]
PANEL_ONLY = ["login", 404, 404, 404, 404, 403, 404, 404, 200]
LANDLORD_ANSWERS = ["login", 404, 404, 404, 404, 200, 404, 404, 200]

# What the panel's member and an inspector or adviser holding a role in the panel get.
MEMBER_AND_INSPECTOR = {"read": (200, 200), "panel": (200, 403), "landlord": (403, 403)}


def _review(cast) -> int:
    return ScrutinyReviewFactory(panel=cast.panel).pk


def _draft(cast) -> int:
    return RecommendationFactory(report=ReportFactory(review__panel=cast.panel)).report.review_id


def _published(cast) -> int:
    return PublishedReportFactory(review__panel=cast.panel).review_id


def _recommendation_pair(*, taken_on: bool = False, published: bool = True):
    """The review and recommendation arguments of one recommendation: made once per request."""
    made = {}

    def review(cast) -> int:
        if published:
            report = PublishedReportFactory(review__panel=cast.panel)
        else:
            report = ReportFactory(review__panel=cast.panel)
        recommendation = RecommendationFactory(report=report)
        if taken_on:
            recommendation.response = "accepted"
            recommendation.action = PlanAction.objects.create(
                title=recommendation.title,
                finding=recommendation.reason,
                owner="Head of repairs",
                due_on=date(2027, 3, 31),
            )
            recommendation.save()
            report.answered_on = date(2026, 4, 1)
            report.save()
        made["rec"] = recommendation.pk
        return report.review_id

    return {"pk": review, "rec": lambda cast: made["rec"]}


def _invited_by_panel(cast) -> int:
    return PeerReviewFactory(panel=cast.panel).pk


def _invited_panel(cast) -> int:
    return PeerReviewFactory(reviewer=cast.panel).pk


ROUTES = {
    "scrutiny:reports": ("panel", {}, RECORD_READERS),
    "scrutiny:report": ("panel", {"pk": _published}, RECORD_READERS),
    "scrutiny:write-report": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:add-recommendation": ("panel", {"pk": _draft}, PANEL_ONLY),
    "scrutiny:edit-recommendation": ("panel", _recommendation_pair(published=False), PANEL_ONLY),
    "scrutiny:publish-report": ("panel", {"pk": _draft}, PANEL_ONLY),
    "scrutiny:answer-recommendation": ("panel", _recommendation_pair(), LANDLORD_ANSWERS),
    "scrutiny:interim-reply": ("panel", {"pk": _published}, LANDLORD_ANSWERS),
    "scrutiny:action-progress": ("panel", _recommendation_pair(taken_on=True), LANDLORD_ANSWERS),
    "scrutiny:sign-off": ("panel", _recommendation_pair(taken_on=True), PANEL_ONLY),
    "scrutiny:tenant-summary": ("panel", {"pk": _published}, PANEL_ONLY),
    "scrutiny:peer-reviews": ("panel", {}, RECORD_READERS),
    "scrutiny:invite-peer-review": ("panel", {}, PANEL_ONLY),
    "scrutiny:peer-review": ("panel", {"pk": _invited_by_panel}, RECORD_READERS),
    "scrutiny:write-peer-review": ("panel", {"pk": _invited_panel}, PANEL_ONLY),
    "you-said-we-did:panel": ("panel", {}, PUBLIC_LINK),
}

# Route -> which of MEMBER_AND_INSPECTOR's rows it follows.
PANEL_SIDE = {
    "scrutiny:reports": "read",
    "scrutiny:report": "read",
    "scrutiny:write-report": "panel",
    "scrutiny:add-recommendation": "panel",
    "scrutiny:edit-recommendation": "panel",
    "scrutiny:publish-report": "panel",
    "scrutiny:answer-recommendation": "landlord",
    "scrutiny:interim-reply": "landlord",
    "scrutiny:action-progress": "landlord",
    "scrutiny:sign-off": "panel",
    "scrutiny:tenant-summary": "panel",
    "scrutiny:peer-reviews": "read",
    "scrutiny:invite-peer-review": "panel",
    "scrutiny:peer-review": "read",
    "scrutiny:write-peer-review": "panel",
    "you-said-we-did:panel": "read",
}
