from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import participatory_permissions as pb
from . import permissions as can

SECTIONS = [
    # After reviews (58), before ballots (60); for organisations with homes to spend on.
    Section(
        59,
        _("Budgets"),
        "budgets:budgets",
        can.can_view_budgets,
        used_by=Organisation.manages_homes,
    ),
    # After ballots (60), which its votes run on; for organisations with estates of their own.
    Section(
        62,
        _("Participatory budgets"),
        "budgets:pb-rounds",
        pb.can_view_participatory_budgets,
        used_by=Organisation.manages_homes,
    ),
]
