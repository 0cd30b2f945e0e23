from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_organisation

from .permissions import can_view_annual_reports

SECTIONS = [
    Section(10, _("Home"), "reports:organisation-home", can_view_organisation, exact=True),
    Section(
        21,
        _("Annual reports"),
        "reports:annual-reports",
        can_view_annual_reports,
        used_by=Organisation.manages_homes,
    ),
]
