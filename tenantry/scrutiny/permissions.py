"""Who may do what with a scrutiny panel's work (docs/scrutiny.md). Each rule takes a person's
roles in one organisation (`tenantry/core/permissions.py`) and answers one question.

A panel is tenant-led and independent of its landlord: its programme, evidence, notes and
mystery shopping are the panel's own pages, at the panel's address, and the landlord's officers
(who hold a role in the panel through the landlord) are refused there. The landlord follows a
review's progress and answers the panel's requests for evidence at its own address.

A published report is the panel's public record: the landlord answers its recommendations and
reports progress on the panel's report pages, which everyone with a role in the panel reads.
"""

from typing import Final

from tenantry.core.permissions import LANDLORD_SIDE, LIVES_THERE, Role, Roles, holds_any

PANEL_SIDE: Final = frozenset({Role.PANEL, Role.SITE_ADMIN})


def can_run_scrutiny(roles: Roles) -> bool:
    """The panel's own work: its members, terms and training, the review programme and the
    requests for topics, the evidence, each review's fieldwork, evidence requests and mystery
    shopping: the panel's members."""
    return holds_any(roles, PANEL_SIDE)


def can_read_panel_evidence(roles: Roles) -> bool:
    """The landlord's figures, anonymised complaints, survey results and costs gathered for
    the panel: the panel's members. (The landlord has them at its own address already.)"""
    return holds_any(roles, PANEL_SIDE)


def can_follow_scrutiny(roles: Roles) -> bool:
    """A review's progress, the panel's requests for evidence and the mystery shopping scores,
    never who shopped: the landlord's officers, at the landlord's address."""
    return holds_any(roles, LANDLORD_SIDE)


def can_answer_evidence_requests(roles: Roles) -> bool:
    """Send the panel the evidence it asked for: the landlord's officers."""
    return holds_any(roles, LANDLORD_SIDE)


def can_ask_for_a_topic(roles: Roles) -> bool:
    """Ask the landlord's scrutiny panel to review a topic: those who live in the homes (a
    residents' association asks through its committee)."""
    return holds_any(roles, LIVES_THERE)


# --- Reports, the landlord's answers, actions and sign-off, peer reviews ------------------------
#
# The panel writes its report and signs off the actions; the landlord answers each
# recommendation and reports progress on the actions it took on. Everyone with a role in the
# panel reads its record, the landlord, an inspector or adviser, and the panel's members; tenants
# read "you said, we did" without signing in.


def can_read_scrutiny_record(roles: Roles) -> bool:
    """The panel's reports, the landlord's answers and the actions: anyone with a role in the
    panel, its landlord's officers and an inspector or adviser among them (read-only)."""
    return bool(roles)


def can_write_scrutiny_reports(roles: Roles) -> bool:
    """Write a report and its recommendations, publish it, and say "you said, we did"."""
    return holds_any(roles, PANEL_SIDE)


def can_answer_recommendations(roles: Roles) -> bool:
    """Answer each recommendation (accept, partly, reject), send an interim reply, and report
    progress on the actions taken on: the landlord."""
    return holds_any(roles, LANDLORD_SIDE)


def can_sign_off_actions(roles: Roles) -> bool:
    """Judge an action delivered or not, with the evidence: the panel."""
    return holds_any(roles, PANEL_SIDE)


def can_run_peer_reviews(roles: Roles) -> bool:
    """Invite another panel to review this one's work, and, invited, read the other panel's
    record and write the peer review: the panel's members."""
    return holds_any(roles, PANEL_SIDE)
