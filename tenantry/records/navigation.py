from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import HomePart, Section
from tenantry.core.permissions import Roles
from tenantry.homes.models import Home
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_management

from . import permissions as can
from .kinds import KINDS, record_details
from .selectors.finding import records_at_home
from .selectors.keeping import keeps_records
from .selectors.triage import triage_count

# What a home's page lists, latest first, each capped with a link to the full list of the kind
# at that home.
AT_HOME = ("repairs", "complaints", "asb", "voids", "safety-checks")
AT_HOME_LIMIT = 5


def _lives_there_only(roles: Roles) -> bool:
    # Those who run the organisation reach their own repairs from their home page instead.
    return can.can_report_as_resident(roles) and not can_view_management(roles)


def _records_at_home(*, organisation: Organisation, home: Home) -> dict:
    at_home = records_at_home(
        organisation=organisation,
        home=home,
        kinds=[KINDS[slug] for slug in AT_HOME],
        limit=AT_HOME_LIMIT,
    )
    return {
        "at_home": [
            {
                "kind": group.kind,
                "rows": [{"record": r, "details": record_details(r)} for r in group.records],
                "more": group.more,
            }
            for group in at_home
        ]
    }


SECTIONS = [
    Section(
        40,
        _("Services"),
        "services:records",
        can.can_view_service_records,
        used_by=keeps_records,
    ),  # fmt: skip
    Section(
        45, _("New repair reports"), "services:triage", can.can_triage_repairs, count=triage_count
    ),
    Section(60, _("Your repairs"), "services:my-repairs", _lives_there_only),
    Section(70, _("Your complaints"), "services:my-complaints", _lives_there_only),
]
HOME_PARTS = [
    HomePart(10, "records/staff/at_home.html", _records_at_home, can.can_view_service_records)
]
