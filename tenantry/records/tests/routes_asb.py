"""Routes of the anti-social behaviour pages, for the permission matrix.

The case is a service record like any other (those who run or scrutinise the organisation see
it). A report names who made it and what they said: staff and the landlord only. A resident
sees only the reports they made themselves; the cast's committee member lives elsewhere, so
the resident's report is a 404 to them, exactly like one that does not exist.
"""

from tenantry.core.tests.matrix import MANAGEMENT, RECORD_KEEPERS, RESIDENTS_ONLY
from tenantry.records.models import AsbReport
from tenantry.records.tests.factories import AsbReportFactory

from .routes_resident import RESIDENTS_OWN_RECORD

# Who reported, and what they said: staff, the landlord's officers and site administrators.
WHO_REPORTED = ["login", 403, 403, 200, 403, 200, 404, 404, 200]


def _report(cast) -> AsbReport:
    return AsbReportFactory(organisation=cast.tmo, home=cast.home, estate=cast.estate)


def _case(cast) -> int:
    return _report(cast).case_id


def _report_pk(cast) -> int:
    return _report(cast).pk


def _residents_report(cast) -> int:
    report = _report(cast)
    report.reported_by = cast.people["resident"]
    report.channel = AsbReport.Channel.ONLINE
    report.save()
    return report.pk


ROUTES = {
    "services:record-asb-report": ("tmo", {}, RECORD_KEEPERS),
    "services:asb-case": ("tmo", {"pk": _case}, MANAGEMENT),
    "services:asb-report": ("tmo", {"pk": _report_pk}, WHO_REPORTED),
    "services:edit-asb-report": ("tmo", {"pk": _report_pk}, RECORD_KEEPERS),
    "services:link-asb-report": ("tmo", {"pk": _report_pk}, RECORD_KEEPERS),
    "services:split-asb-report": ("tmo", {"pk": _report_pk}, RECORD_KEEPERS),
    "services:my-asb-reports": ("tmo", {}, RESIDENTS_ONLY),
    "services:report-my-asb": ("tmo", {}, RESIDENTS_ONLY),
    "services:my-asb-report": ("tmo", {"pk": _residents_report}, RESIDENTS_OWN_RECORD),
    "services:my-asb-report-made": ("tmo", {"pk": _residents_report}, RESIDENTS_OWN_RECORD),
}
