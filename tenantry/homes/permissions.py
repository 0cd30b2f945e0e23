"""Who may see the people in an organisation's homes."""

from tenantry.core.permissions import Role, Roles, holds_any


def can_view_households(roles: Roles) -> bool:
    """Names and communication needs of households are personal data: staff and landlord only."""
    return holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
