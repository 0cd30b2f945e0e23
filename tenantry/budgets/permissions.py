"""Who may do what with an organisation's budgets (docs/budgets.md). Each rule takes a person's
roles in the organisation (`tenantry/core/permissions.py`) and answers one question; a rule
about one estate budget's bids also takes the budget, because its representatives are named on
it."""

from typing import Final

from tenantry.core.models import User
from tenantry.core.permissions import LANDLORD_SIDE, Role, Roles, holds_any

# The organisation's committee answers for its money and its staff keep the books.
KEEPERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})
# The landlord pays the management allowance and checks what it is spent on.
ALLOWANCE_READERS: Final = KEEPERS | LANDLORD_SIDE | {Role.INSPECTOR}
# Residents bid for their estate's money and read what it is spent on.
BIDDERS: Final = frozenset(
    {Role.RESIDENT, Role.MEMBER, Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN}
)
# Larger bids are the committee's to decide.
COMMITTEE_DECIDERS: Final = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})


def can_view_budgets(roles: Roles) -> bool:
    """The list of the organisation's budgets, estate and Cashback budgets, their bids and
    ledgers: everyone with a role in the organisation (what residents' money is spent on is
    theirs to read)."""
    return bool(roles)


def can_keep_budgets(roles: Roles) -> bool:
    """Open a budget, set an estate budget's rules, allocate a year, carry over, record a
    service taken over and its saving, record spend and reverse a mistaken entry."""
    return holds_any(roles, KEEPERS)


def can_view_allowance(roles: Roles) -> bool:
    """The management allowance, its budget lines, actuals and variance: the organisation's
    keepers, the landlord that pays it, and inspectors."""
    return holds_any(roles, ALLOWANCE_READERS)


def can_keep_allowance(roles: Roles) -> bool:
    """Budget lines and actual spend, typed or imported from the organisation's accounts."""
    return holds_any(roles, KEEPERS)


def can_give_landlord_costs(roles: Roles) -> bool:
    """The landlord's own cost per home for each service, to compare the allowance with."""
    return holds_any(roles, LANDLORD_SIDE)


def can_export_ledger(roles: Roles) -> bool:
    """A budget's ledger as a workbook, for the organisation's accountant and the landlord."""
    return holds_any(roles, KEEPERS | LANDLORD_SIDE)


def can_bid(roles: Roles) -> bool:
    """Put a bid in for an estate budget: residents, members, the committee and staff."""
    return holds_any(roles, BIDDERS)


def can_decide_bids(roles: Roles) -> bool:
    """Who may reach the page to decide a bid: the committee, and anyone who lives there
    (an estate's representatives are residents); `may_decide` says which bid."""
    return holds_any(roles, COMMITTEE_DECIDERS | {Role.RESIDENT, Role.MEMBER})


def may_decide(roles: Roles, *, user: User, quick: bool, representatives: set[int]) -> bool:
    """A quick bid is decided by the estate's representatives or the committee; a larger bid
    only by the committee."""
    if holds_any(roles, COMMITTEE_DECIDERS):
        return True
    return quick and user.pk in representatives and holds_any(roles, BIDDERS)
