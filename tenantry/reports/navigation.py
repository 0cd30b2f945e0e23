from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_organisation

from .permissions import (
    can_keep_public_page,
    can_see_themes,
    can_view_annual_reports,
    can_view_complaints_report,
    can_view_newsletters,
)

SECTIONS = [
    Section(10, _("Home"), "reports:organisation-home", can_view_organisation, exact=True),
    Section(
        21,
        _("Annual reports"),
        "reports:annual-reports",
        can_view_annual_reports,
        used_by=Organisation.manages_homes,
    ),
    # The Complaint Handling Code's self-assessment and annual report: for an organisation
    # that handles its residents' complaints (one that manages homes).
    Section(
        22,
        _("Complaint handling"),
        "reports:complaints-years",
        can_view_complaints_report,
        used_by=Organisation.manages_homes,
    ),
    # Residents' comments come from the organisation's homes: one that manages none has none.
    Section(
        52,
        _("What residents raise"),
        "reports:themes",
        can_see_themes,
        used_by=Organisation.manages_homes,
    ),
    Section(
        85,
        _("Newsletters"),
        "reports:newsletters",
        can_view_newsletters,
        used_by=Organisation.manages_homes,
    ),
    # Beside History: what the organisation shows to everyone, kept by those who keep its
    # details.
    Section(105, _("Public page"), "reports:public-page-settings", can_keep_public_page),
]
