"""Who may do what in an organisation's democracy: its constitution, members, committee,
general meetings and ballots. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

from tenantry.core.permissions import Role, Roles, holds_any
from tenantry.organisations.permissions import can_view_management

# Those who run the organisation's ballots: create them, freeze the roll, print codes, close
# and count. The landlord does not run a tenant organisation's vote.
BALLOT_RUNNERS = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_ballots(roles: Roles) -> bool:
    """The list of ballots, their times and, once counted, their results."""
    return can_view_management(roles) or holds_any(roles, {Role.SCRUTINEER})


def can_run_ballots(roles: Roles) -> bool:
    """Create a ballot, freeze its roll, issue and print codes, close and count it."""
    return holds_any(roles, BALLOT_RUNNERS)


def can_key_votes(roles: Roles) -> bool:
    """Key in paper ballots (by their code) and votes cast in person at a meeting."""
    return holds_any(roles, BALLOT_RUNNERS)


def can_scrutinise_ballots(roles: Roles) -> bool:
    """The roll, the marked register, refused and spoilt papers and the count, read-only, and
    the audit download of the roll and register (never the votes): the independent scrutineer
    and those who run the ballot."""
    return holds_any(roles, BALLOT_RUNNERS | {Role.SCRUTINEER})
