from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import participatory_permissions as pb


def manages_homes(organisation: Organisation) -> bool:
    """Participatory budgets are run on the estates an organisation manages."""
    return organisation.kind in Organisation.MANAGING_KINDS


SECTIONS = [
    # After ballots (60), which its votes run on.
    Section(
        62,
        _("Participatory budgets"),
        "budgets:pb-rounds",
        pb.can_view_participatory_budgets,
        used_by=manages_homes,
    ),
]
