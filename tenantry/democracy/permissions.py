"""Who may do what in an organisation's democracy: its constitution, members, committee,
general meetings and ballots. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

from tenantry.core.permissions import Role, Roles, holds_any

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
