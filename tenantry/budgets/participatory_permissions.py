"""Who may do what in an estate's participatory budget (docs/budgets.md#participatory-budgeting).
Each rule takes a person's roles in the organisation (`tenantry/core/permissions.py`)."""

from typing import Final

from tenantry.core.permissions import Role, Roles, holds_any

# Those who run a round: the committee decides, staff cost proposals and deliver the projects.
PB_RUNNERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})
# Residents and members propose for their own estate; staff and the committee key in the
# proposals taken on paper at a stall or door to door.
PB_PROPOSERS: Final = frozenset(
    {Role.RESIDENT, Role.MEMBER, Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN}
)


def can_view_participatory_budgets(roles: Roles) -> bool:
    """The rounds, their proposals (with reasons for those rejected), results, winners and
    projects: everyone with a role in the organisation."""
    return bool(roles)


def can_propose(roles: Roles) -> bool:
    """Put forward a proposal: a resident for their own estate (the service checks where they
    live), or staff and the committee keying in a proposal taken on paper."""
    return holds_any(roles, PB_PROPOSERS)


def can_run_participatory_budgets(roles: Roles) -> bool:
    """Open a round, cost and check proposals, open the vote, record spend and delivery."""
    return holds_any(roles, PB_RUNNERS)
