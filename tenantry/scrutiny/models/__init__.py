from .review import ScrutinyReview, ScrutinyStage
from .terms import TermsOfReference

__all__ = ["ScrutinyReview", "ScrutinyStage", "TermsOfReference"]
