"""Who may do what in an organisation's democracy: its constitution, members, committee,
general meetings and ballots. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

from typing import Final

from tenantry.core.permissions import LANDLORD_SIDE, LIVES_THERE, Role, Roles, holds_any
from tenantry.organisations.permissions import can_view_management

# The organisation's own people who keep its register: the committee decides on members, staff
# key in paper applications and record shares. The landlord, the panel and inspectors do not
# see members' names.
REGISTER_KEEPERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})
COMMITTEE_SIDE: Final = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})


def can_view_democracy(roles: Roles) -> bool:
    """The constitution and the committee are every member's business, and the landlord's: all
    with a role in the organisation read them."""
    return bool(roles)


def can_change_constitution(roles: Roles) -> bool:
    """Members change their constitution by resolution; the committee records the result here
    (the site administrator may correct it). The landlord reads it."""
    return holds_any(roles, COMMITTEE_SIDE)


def can_view_register(roles: Roles) -> bool:
    """The members register names people and where they live: the committee and staff only."""
    return holds_any(roles, REGISTER_KEEPERS)


def can_keep_register(roles: Roles) -> bool:
    """Applications on paper or at a meeting keyed in, decisions, shares paid, leavers."""
    return holds_any(roles, REGISTER_KEEPERS)


def can_export_register(roles: Roles) -> bool:
    """The whole register as a file leaves the system: the committee only (the issue's "for the
    committee, and only for it"); staff work with it on screen."""
    return holds_any(roles, COMMITTEE_SIDE)


def can_join(roles: Roles) -> bool:
    """Those who live in the organisation's homes see their own membership, apply and leave."""
    return holds_any(roles, LIVES_THERE)


def can_keep_committee(roles: Roles) -> bool:
    """Who holds each seat, from an election, a co-option or an appointment: the committee's
    secretary records it."""
    return holds_any(roles, COMMITTEE_SIDE)


# --- General and committee meetings -----------------------------------------------------------
# docs/meetings.md: everyone with a role in the organisation reads its meetings, approved
# minutes, decisions and the criticisms raised (members are told what was decided and what
# the committee owes an answer; the landlord, panel and inspectors read, as they read its
# other evidence). The committee and staff run the meetings: notice, the door, motions, minutes.

MEETING_RUNNERS = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_meetings(roles: Roles) -> bool:
    """Meetings, their notice and agenda, outcomes, approved minutes, the decisions log and the
    criticisms raised: anyone with a role in the organisation."""
    return bool(roles)


def can_run_meetings(roles: Roles) -> bool:
    """Call a meeting, send its notice, take attendance at the door, record proxies, motions and
    votes, draft and edit the minutes: the committee and staff."""
    return holds_any(roles, MEETING_RUNNERS)


def can_view_draft_minutes(roles: Roles) -> bool:
    """Minutes before their approval are the committee's draft: those who run meetings."""
    return can_run_meetings(roles)


def can_answer_criticisms(roles: Roles) -> bool:
    """Record a criticism or question raised at a meeting, and the committee's answer."""
    return can_run_meetings(roles)


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


# --- Elections to the committee ----------------------------------------------------------------
# docs/elections.md: the committee and staff run elections (the seats, nominations keyed in from
# paper, closing nominations); declaring the result fills committee seats, which is the
# committee's (`can_keep_committee`). Everyone with a role reads the candidates and the result;
# the scrutineer reads, never changes. A member stands from their own account.

ELECTION_RUNNERS = BALLOT_RUNNERS


def can_view_elections(roles: Roles) -> bool:
    """Elections, their candidates with statements and photos, and results: anyone with a role
    in the organisation (members choose between the candidates; the landlord and inspectors
    read, as they read the committee)."""
    return bool(roles)


def can_run_elections(roles: Roles) -> bool:
    """Call an election, key in paper nominations, close nominations (which opens the ballot)."""
    return holds_any(roles, ELECTION_RUNNERS)


def can_declare_elections(roles: Roles) -> bool:
    """Declare the result: those elected take their committee seats (`can_keep_committee`)."""
    return can_keep_committee(roles)


def can_stand_for_election(roles: Roles) -> bool:
    """Those who live in the organisation's homes may nominate themselves (if they are members)."""
    return can_join(roles)


# --- Democratic health ------------------------------------------------------------------------
# docs/democratic-health.md: the figures and early warnings are for those who answer for the
# organisation's democracy (its committee and staff) and for the landlord that delegated to it
# (the Guide: the landlord monitors). The committee's profile rests on equality data, small groups
# hidden, so residents, the panel and inspectors read the organisation's other evidence instead.
HEALTH_READERS = frozenset({Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_democratic_health(roles: Roles) -> bool:
    """An organisation's democratic health, year by year, and its early warnings."""
    return holds_any(roles, HEALTH_READERS)


def can_view_health_across(roles: Roles) -> bool:
    """A landlord's list of the early warnings of every organisation it delegates to."""
    return holds_any(roles, LANDLORD_SIDE)
