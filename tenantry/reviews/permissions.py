"""Who may do what with an organisation's Best Value reviews and improvement plans. Each rule
takes a person's roles in the organisation (`tenantry/core/permissions.py`) and answers one
question."""

from typing import Final

from tenantry.core.permissions import Role, Roles, holds_any

# The organisation's own people who carry out its reviews: the committee decides, staff do much
# of the work (the Guide, chapter 2).
REVIEWERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_reviews(roles: Roles) -> bool:
    """Reviews and plans are the business of everyone with a role in the organisation: members
    and residents, the landlord, the panel and inspectors read them."""
    return bool(roles)


def can_run_reviews(roles: Roles) -> bool:
    """Start a review, record its steps, decisions, evidence and stakeholders."""
    return holds_any(roles, REVIEWERS)
