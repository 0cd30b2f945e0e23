from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.permissions import can_view_organisation

from .permissions import can_view_complaints_report


def _manages_homes(organisation) -> bool:
    return organisation.manages_homes()


SECTIONS = [
    Section(10, _("Home"), "reports:organisation-home", can_view_organisation, exact=True),
    # The Complaint Handling Code's self-assessment and annual report: for an organisation
    # that handles its residents' complaints (one that manages homes).
    Section(
        22,
        _("Complaint handling"),
        "reports:complaints-years",
        can_view_complaints_report,
        used_by=_manages_homes,
    ),
]
