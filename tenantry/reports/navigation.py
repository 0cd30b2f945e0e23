from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_organisation

from .permissions import can_see_themes

SECTIONS = [
    Section(10, _("Home"), "reports:organisation-home", can_view_organisation, exact=True),
    # Residents' comments come from the organisation's homes: one that manages none has none.
    Section(
        52,
        _("What residents raise"),
        "reports:themes",
        can_see_themes,
        used_by=Organisation.manages_homes,
    ),  # fmt: skip
]
