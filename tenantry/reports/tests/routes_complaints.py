"""Routes of the complaints self-assessment and annual report, for the permission matrix.

Everyone with a role reads the pages (a resident sees a draft only as "not published yet");
staff and the committee write the self-assessment and the report; the committee, as the
governing body, records the approval and publishes; the landlord's officers read an
organisation's and keep only their own landlord's (docs/complaint-handling.md). The PDFs are
asked of a published year, which everyone with a role may read."""

from datetime import date

from tenantry.core.tests.matrix import COMMITTEE_ONLY, SHOWN_TO_ALL
from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.reports import complaints_services as services

EDITORS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
APPROVERS_POST_ONLY = ["login", 403, 405, 403, 403, 403, 404, 404, 405]


def _draft(cast) -> int:
    sync_definitions(Indicator)  # the figures need CH01 and CH02; a flushing test took them
    return 2025


def _published(cast) -> int:
    sync_definitions(Indicator)
    services.save_report(
        organisation=cast.tmo,
        year=2025,
        values={"governing_body_response": "The committee accepts the report."},
        by=None,
    )
    services.approve(
        organisation=cast.tmo,
        year=2025,
        approved_on=date(2026, 6, 18),
        minute_reference="C 2026/7",
        by=None,
    )
    services.publish(organisation=cast.tmo, year=2025, by=None)
    return 2025


def _code(cast) -> str:
    return "6.2"


ROUTES = {
    "reports:complaints-years": ("tmo", {}, SHOWN_TO_ALL),
    "reports:complaints-self-assessment": ("tmo", {"year": _draft}, SHOWN_TO_ALL),
    "reports:complaints-provision": ("tmo", {"year": _draft, "code": _code}, EDITORS),
    "reports:complaints-self-assessment-pdf": ("tmo", {"year": _published}, SHOWN_TO_ALL),
    "reports:complaints-report": ("tmo", {"year": _draft}, SHOWN_TO_ALL),
    "reports:complaints-report-edit": ("tmo", {"year": _draft}, EDITORS),
    "reports:complaints-report-pdf": ("tmo", {"year": _published}, SHOWN_TO_ALL),
    "reports:complaints-approve": ("tmo", {"year": _draft}, COMMITTEE_ONLY),
    "reports:complaints-publish": ("tmo", {"year": _draft}, APPROVERS_POST_ONLY),
}
