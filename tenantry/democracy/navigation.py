from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can

SECTIONS: list = [
    # A ballot's roll is the members or tenants of the organisation's homes: one that manages
    # none (a scrutiny panel) has no one to ask.
    Section(
        60,
        _("Ballots"),
        "democracy:ballots",
        can.can_view_ballots,
        used_by=Organisation.manages_homes,
    ),
]
