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
from .meetings import (  # noqa: F401
    AgendaItem,
    Attendance,
    AttendanceMode,
    Criticism,
    Meeting,
    MeetingKind,
    Minutes,
    Motion,
    Outcome,
    Proxy,
    RaisedKind,
    RaisedStatus,
    ResolutionKind,
    VoteMethod,
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
