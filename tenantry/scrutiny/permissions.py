"""Who may do what with a scrutiny panel's work (docs/scrutiny.md). Each rule takes a person's
roles in one organisation (`tenantry/core/permissions.py`) and answers one question.

A panel is tenant-led and independent of its landlord: its programme, evidence, notes and
mystery shopping are the panel's own pages, at the panel's address, and the landlord's officers
(who hold a role in the panel through the landlord) are refused there. The landlord follows a
review's progress and answers the panel's requests for evidence at its own address.
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
