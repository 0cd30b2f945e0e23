from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.permissions import can_view_organisation

SECTIONS = [
    Section(10, _("Home"), "reports:organisation-home", can_view_organisation, exact=True),
]
