"""The democracy app's models, one module per part (constitution and members, ballots,
meetings), gathered here for Django."""

from .committee import CommitteeTerm, HowChosen
from .constitution import (
    Constitution,
    JoinedBy,
    LegalForm,
    Membership,
    MemberStatus,
    QuorumRule,
    SeatKind,
    SeatRule,
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
    "CommitteeTerm",
    "HowChosen",
    "SeatKind",
    "SeatRule",
    "Constitution",
    "JoinedBy",
    "LegalForm",
    "Membership",
    "MemberStatus",
    "QuorumRule",
    "TieBreak",
]
