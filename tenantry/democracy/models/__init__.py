"""The democracy app's models, one module per part (constitution and members, ballots,
meetings), gathered here for Django."""

from .constitution import (
    Constitution,
    JoinedBy,
    LegalForm,
    Membership,
    MemberStatus,
    QuorumRule,
    TieBreak,
)

__all__ = [
    "Constitution",
    "JoinedBy",
    "LegalForm",
    "Membership",
    "MemberStatus",
    "QuorumRule",
    "TieBreak",
]
