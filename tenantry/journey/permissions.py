"""The journey's rules. The pages on tenant control, the Right to Manage checker and the
time-limit calculator are public and have none; keeping grant programmes has one."""

from tenantry.core.permissions import Role, Roles, holds_any


def can_keep_funding_programmes(roles: Roles) -> bool:
    """The committee and staff (a network's advisers) of the organisation that keeps them, and
    its landlord's officers (a council's tenant participation team keeps the council's list)."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
