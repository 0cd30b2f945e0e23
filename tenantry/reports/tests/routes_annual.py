"""Routes of the annual report to tenants, for the permission matrix.

Everyone with a role reads the list and a published report; a draft is read by those who run or
scrutinise the organisation, the landlord's officers included; the committee and staff write it;
the committee publishes it. The published report, its easy read and its PDFs need no sign-in
once the organisation's public page is published (docs/annual-report.md).
"""

from datetime import date

from tenantry.core.tests.matrix import COMMITTEE_ONLY, MANAGEMENT, PUBLIC_LINK, SHOWN_TO_ALL
from tenantry.reports.models import AnnualReport, PublicPage

WRITERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
WRITERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
YEAR = "2025-26"


def draft(cast) -> str:
    """A draft report for 2025/26 (figures not yet taken), made once per test."""
    AnnualReport.objects.get_or_create(organisation=cast.tmo, year_start=date(2025, 4, 1))
    return YEAR


def published(cast) -> str:
    """A published report, and the organisation's public page published too."""
    from django.utils import timezone

    AnnualReport.objects.get_or_create(
        organisation=cast.tmo,
        year_start=date(2025, 4, 1),
        defaults={"status": "published", "published_at": timezone.now()},
    )
    PublicPage.objects.get_or_create(
        organisation=cast.tmo, defaults={"published": True, "published_at": timezone.now()}
    )
    return YEAR


def _kind(cast) -> str:
    return "report"


def _section(cast) -> str:
    return "introduction"


ROUTES = {
    "reports:annual-reports": ("tmo", {}, SHOWN_TO_ALL),
    "reports:start-annual-report": ("tmo", {}, WRITERS_POST_ONLY),
    "reports:annual-report": ("tmo", {"year": draft}, MANAGEMENT),
    "reports:annual-report-easy-read": ("tmo", {"year": draft}, MANAGEMENT),
    "reports:annual-report-pdf": ("tmo", {"year": draft, "kind": _kind}, MANAGEMENT),
    "reports:edit-annual-report": ("tmo", {"year": draft, "section": _section}, WRITERS),
    "reports:reassemble-annual-report": ("tmo", {"year": draft}, WRITERS_POST_ONLY),
    "reports:annual-report-languages": ("tmo", {"year": draft}, WRITERS_POST_ONLY),
    "reports:publish-annual-report": ("tmo", {"year": draft}, COMMITTEE_ONLY),
    "annual-report:report": ("tmo", {"year": published}, PUBLIC_LINK),
    "annual-report:easy-read": ("tmo", {"year": published}, PUBLIC_LINK),
    "annual-report:pdf": ("tmo", {"year": published, "kind": _kind}, PUBLIC_LINK),
}

# What a form posted (empty) to each route answers, in the order of ROLES: a page only to be
# read answers 405 to those who may read it; a form's missing fields answer 400.
READERS_405 = ["login", 405, 405, 405, 405, 405, 404, 404, 405]
DRAFT_READERS_405 = ["login", 405, 405, 405, 405, 405, 404, 404, 405]
POSTS = {
    "reports:annual-reports": READERS_405,
    "reports:start-annual-report": ["login", 403, 400, 400, 403, 403, 404, 404, 400],
    "reports:annual-report": DRAFT_READERS_405,
    "reports:annual-report-easy-read": DRAFT_READERS_405,
    "reports:annual-report-pdf": DRAFT_READERS_405,
    "reports:edit-annual-report": ["login", 403, 400, 400, 403, 403, 404, 404, 400],
    "reports:reassemble-annual-report": ["login", 403, 302, 302, 403, 403, 404, 404, 302],
    "reports:annual-report-languages": ["login", 403, 302, 302, 403, 403, 404, 404, 302],
    "reports:publish-annual-report": ["login", 403, 400, 403, 403, 403, 404, 404, 400],
    "annual-report:report": [405] * 9,
    "annual-report:easy-read": [405] * 9,
    "annual-report:pdf": [405] * 9,
}
