"""Who may do what with a scrutiny panel's work. Each rule takes a person's roles in one
organisation (`tenantry/core/permissions.py`) and answers one question."""

from typing import Final

from tenantry.core.permissions import LANDLORD_SIDE, Role, Roles, holds_any

# --- Reports, the landlord's answers, actions and sign-off, peer reviews (docs/scrutiny.md) ----
#
# The panel writes its report and signs off the actions; the landlord answers each
# recommendation and reports progress on the actions it took on. Everyone with a role in the
# panel reads its record, the landlord, an inspector or adviser, and the panel's members; tenants
# read "you said, we did" without signing in.

PANEL_WRITERS: Final = frozenset({Role.PANEL, Role.SITE_ADMIN})


def can_read_scrutiny_record(roles: Roles) -> bool:
    """The panel's reports, the landlord's answers and the actions: anyone with a role in the
    panel, its landlord's officers and an inspector or adviser among them (read-only)."""
    return bool(roles)


def can_write_scrutiny_reports(roles: Roles) -> bool:
    """Write a report and its recommendations, publish it, and say "you said, we did"."""
    return holds_any(roles, PANEL_WRITERS)


def can_answer_recommendations(roles: Roles) -> bool:
    """Answer each recommendation (accept, partly, reject), send an interim reply, and report
    progress on the actions taken on: the landlord."""
    return holds_any(roles, LANDLORD_SIDE)


def can_sign_off_actions(roles: Roles) -> bool:
    """Judge an action delivered or not, with the evidence: the panel."""
    return holds_any(roles, PANEL_WRITERS)


def can_run_peer_reviews(roles: Roles) -> bool:
    """Invite another panel to review this one's work, and, invited, read the other panel's
    record and write the peer review: the panel's members."""
    return holds_any(roles, PANEL_WRITERS)
