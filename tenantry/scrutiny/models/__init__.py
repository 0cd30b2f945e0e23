from .evidence import EvidenceRequest
from .fieldwork import Fieldwork, FieldworkKind
from .panel import PanelTraining
from .review import ScrutinyReview, ScrutinyStage
from .shopping import Channel, ShoppingExercise, ShoppingQuestion, ShoppingScore, ShoppingVisit
from .terms import TermsOfReference
from .topics import AskedAs, TopicRequest, TopicStatus

__all__ = [
    "AskedAs",
    "Channel",
    "EvidenceRequest",
    "Fieldwork",
    "FieldworkKind",
    "PanelTraining",
    "ScrutinyReview",
    "ScrutinyStage",
    "ShoppingExercise",
    "ShoppingQuestion",
    "ShoppingScore",
    "ShoppingVisit",
    "TermsOfReference",
    "TopicRequest",
    "TopicStatus",
]
