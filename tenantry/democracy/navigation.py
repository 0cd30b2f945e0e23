from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def holds_general_meetings(organisation: Organisation) -> bool:
    """Organisations of members that hold general meetings: those that manage homes for a
    landlord (TMOs, co-ops, CLTs, …) and residents' associations. A landlord or a scrutiny panel
    has no general meetings of members to offer."""
    return organisation.kind in (
        *Organisation.MANAGING_KINDS,
        Organisation.Kind.RESIDENTS_ASSOCIATION,
    )


SECTIONS: list = [
    Section(
        56,
        _("Meetings"),
        "democracy:meetings",
        can.can_view_meetings,
        used_by=holds_general_meetings,
    ),
]
