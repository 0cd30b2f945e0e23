from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def has_members(organisation) -> bool:
    """Organisations that manage homes for their residents have members; a landlord or a panel
    has none of its own."""
    return organisation.kind in Organisation.MANAGING_KINDS


SECTIONS = [
    # Between surveys (50) and the resident's own pages (60 on): the constitution, members and
    # committee, for everyone with a role in the organisation.
    Section(55, _("Democracy"), "democracy:democracy", can.can_view_democracy, used_by=has_members),
]
