from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_management

SECTIONS = [
    Section(
        30,
        _("Estates and homes"),
        "homes:estates",
        can_view_management,
        used_by=Organisation.manages_homes,
    ),  # fmt: skip
]
