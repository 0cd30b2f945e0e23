"""Routes of a review's inspection, for the permission matrix.

Everyone with a role in the organisation reads the inspection page (the self-assessment and the
inspectors' findings); the committee records the self-assessment; only an inspector or adviser
records findings; the inspection pack is for those who prepare and read an inspection — the
committee, staff, the inspector and the landlord — not every resident (docs/reviews.md).
"""

from tenantry.core.tests.matrix import COMMITTEE_ONLY, SHOWN_TO_ALL
from tenantry.reviews.tests.plan_factories import PlanReviewFactory

# The pack is asked for with a POST (it is prepared in the background): a GET is 405.
PACK_READERS_POST_ONLY = ["login", 403, 405, 405, 405, 405, 404, 404, 405]

INSPECTOR_ONLY = ["login", 403, 403, 403, 200, 403, 404, 404, 403]


def _review(cast) -> int:
    return PlanReviewFactory(organisation=cast.tmo).pk


ROUTES = {
    "reviews:inspection": ("tmo", {"pk": _review}, SHOWN_TO_ALL),
    "reviews:self-assessment": ("tmo", {"pk": _review}, COMMITTEE_ONLY),
    "reviews:add-finding": ("tmo", {"pk": _review}, INSPECTOR_ONLY),
    "reviews:inspection-pack": ("tmo", {"pk": _review}, PACK_READERS_POST_ONLY),
}
