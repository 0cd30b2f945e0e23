"""Routes of a scrutiny panel's work, for the permission matrix (docs/scrutiny.md).

The panel's own pages are at the panel's address: its members (`PANEL` below) and site
administrators use them; the landlord's officers, who hold a role in the panel through the
landlord, are refused (403); everyone else finds nothing (404). The landlord follows reviews
and answers evidence requests at its own address; residents ask for a topic at their own.
"""

from tenantry.core.tests.matrix import LANDLORD_PAGE

from . import helpers

PANEL_ONLY = ["login", 404, 404, 404, 404, 403, 404, 404, 200]
PANEL_ONLY_POST_ONLY = ["login", 404, 404, 404, 404, 403, 404, 404, 405]
LIVES_THERE = ["login", 200, 200, 403, 403, 403, 404, 404, 403]


def _review(cast) -> int:
    return helpers.review(cast).pk


def _exercise(cast) -> int:
    return helpers.exercise(cast).pk


def _topic(cast) -> int:
    return helpers.topic(cast).pk


def _request(cast) -> int:
    return helpers.evidence_request(cast).pk


def _survey(cast) -> int:
    from tenantry.surveys.tests.factories import SurveyFactory

    return SurveyFactory(organisation=cast.landlord, status="closed").pk


ROUTES = {
    "scrutiny:panel": ("panel", {}, PANEL_ONLY),
    "scrutiny:add-training": ("panel", {}, PANEL_ONLY),
    "scrutiny:edit-terms": ("panel", {}, PANEL_ONLY),
    "scrutiny:programme": ("panel", {}, PANEL_ONLY),
    "scrutiny:topic-requests": ("panel", {}, PANEL_ONLY),
    "scrutiny:decide-topic": ("panel", {"pk": _topic}, PANEL_ONLY),
    "scrutiny:new-review": ("panel", {}, PANEL_ONLY),
    "scrutiny:evidence": ("panel", {}, PANEL_ONLY),
    "scrutiny:evidence-complaints": ("panel", {}, PANEL_ONLY),
    "scrutiny:evidence-surveys": ("panel", {}, PANEL_ONLY),
    "scrutiny:evidence-survey": ("panel", {"pk": _survey}, PANEL_ONLY),
    "scrutiny:evidence-costs": ("panel", {}, PANEL_ONLY),
    "scrutiny:review": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:edit-review": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:add-fieldwork": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:ask-for-evidence": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:new-exercise": ("panel", {"pk": _review}, PANEL_ONLY),
    "scrutiny:exercise": ("panel", {"pk": _exercise}, PANEL_ONLY),
    "scrutiny:add-question": ("panel", {"pk": _exercise}, PANEL_ONLY),
    "scrutiny:open-exercise": ("panel", {"pk": _exercise}, PANEL_ONLY_POST_ONLY),
    "scrutiny:record-visit": ("panel", {"pk": _exercise}, PANEL_ONLY),
    # The landlord's own pages.
    "scrutiny:followed-reviews": ("landlord", {}, LANDLORD_PAGE),
    "scrutiny:followed-review": ("landlord", {"pk": _review}, LANDLORD_PAGE),
    "scrutiny:answer-evidence": ("landlord", {"pk": _request}, LANDLORD_PAGE),
    # A resident asks at their own organisation's address.
    "scrutiny:ask": ("tmo", {}, LIVES_THERE),
}

# What the panel's own member gets from each route (tests/test_panel_matrix.py).
PANEL = {
    **{name: 200 for name, spec in ROUTES.items() if spec[0] == "panel"},
    "scrutiny:open-exercise": 405,
    "scrutiny:followed-reviews": 404,
    "scrutiny:followed-review": 404,
    "scrutiny:answer-evidence": 404,
    "scrutiny:ask": 404,
}

# At the managing organisation's address the landlord's pages do not exist, even for the
# landlord's officers, who hold a role there.
LANDLORD_ROUTES = {}
