from .peer import PeerReview
from .report import (
    TAKEN_ON,
    Recommendation,
    Response,
    ScrutinyReport,
    SignOff,
    Verdict,
)
from .review import ScrutinyReview, ScrutinyStage
from .terms import TermsOfReference

__all__ = [
    "TAKEN_ON",
    "PeerReview",
    "Recommendation",
    "Response",
    "ScrutinyReport",
    "ScrutinyReview",
    "ScrutinyStage",
    "SignOff",
    "TermsOfReference",
    "Verdict",
]
