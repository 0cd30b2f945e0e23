"""Who may keep an organisation's public page."""

from tenantry.core.permissions import Roles
from tenantry.organisations.permissions import can_edit_organisation


def can_keep_public_page(roles: Roles) -> bool:
    """Those who keep the organisation's details write, publish and withdraw its public page:
    its committee, its landlord (who may correct them) and the site administrator."""
    return can_edit_organisation(roles)
