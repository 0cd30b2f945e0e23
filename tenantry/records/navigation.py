from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.core.permissions import Roles
from tenantry.organisations.permissions import can_view_management

from . import permissions as can
from .selectors.triage import triage_count


def _lives_there_only(roles: Roles) -> bool:
    # Those who run the organisation reach their own repairs from their home page instead.
    return can.can_report_as_resident(roles) and not can_view_management(roles)


SECTIONS = [
    Section(40, _("Services"), "services:records", can.can_view_service_records),
    Section(
        45, _("New repair reports"), "services:triage", can.can_triage_repairs, count=triage_count
    ),
    Section(60, _("Your repairs"), "services:my-repairs", _lives_there_only),
    Section(70, _("Your complaints"), "services:my-complaints", _lives_there_only),
]
