from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def has_members(organisation) -> bool:
    """Organisations that manage homes for their residents have members; a landlord or a panel
    has none of its own."""
    return organisation.kind in Organisation.MANAGING_KINDS


def holds_general_meetings(organisation: Organisation) -> bool:
    """Organisations of members that hold general meetings: those that manage homes for a
    landlord (TMOs, co-ops, CLTs, …) and residents' associations. A landlord or a scrutiny panel
    has no general meetings of members to offer."""
    return organisation.kind in (
        *Organisation.MANAGING_KINDS,
        Organisation.Kind.RESIDENTS_ASSOCIATION,
    )


def delegates_to_organisations(organisation: Organisation) -> bool:
    """A landlord (council, housing association) delegates to organisations run by members."""
    return organisation.is_landlord


SECTIONS = [
    # Between surveys (50) and the resident's own pages (60 on): the constitution, members and
    # committee, for everyone with a role in the organisation; then its meetings.
    Section(55, _("Democracy"), "democracy:democracy", can.can_view_democracy, used_by=has_members),
    Section(
        56,
        _("Meetings"),
        "democracy:meetings",
        can.can_view_meetings,
        used_by=holds_general_meetings,
    ),
    # A ballot's roll is the members or tenants of the organisation's homes: one that manages
    # none (a scrutiny panel) has no one to ask.
    # A landlord's view across the organisations it delegates to (docs/democratic-health.md).
    Section(
        57,
        _("Democratic health"),
        "democracy:health-across",
        can.can_view_health_across,
        used_by=delegates_to_organisations,
    ),
    Section(
        60,
        _("Ballots"),
        "democracy:ballots",
        can.can_view_ballots,
        used_by=Organisation.manages_homes,
    ),
]
