from .evidence import EvidenceRequest
from .fieldwork import Fieldwork, FieldworkKind
from .panel import PanelTraining
from .peer import PeerReview
from .report import TAKEN_ON, Recommendation, Response, ScrutinyReport, SignOff, Verdict
from .review import ScrutinyReview, ScrutinyStage
from .shopping import Channel, ShoppingExercise, ShoppingQuestion, ShoppingScore, ShoppingVisit
from .terms import TermsOfReference
from .topics import AskedAs, TopicRequest, TopicStatus

__all__ = [
    "TAKEN_ON", "AskedAs", "Channel", "EvidenceRequest", "Fieldwork", "FieldworkKind",
    "PanelTraining", "PeerReview", "Recommendation", "Response", "ScrutinyReport",
    "ScrutinyReview", "ScrutinyStage", "ShoppingExercise", "ShoppingQuestion", "ShoppingScore",
    "ShoppingVisit", "SignOff", "TermsOfReference", "TopicRequest", "TopicStatus", "Verdict",
]  # fmt: skip
