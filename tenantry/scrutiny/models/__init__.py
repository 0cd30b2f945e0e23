from .review import ScrutinyReview, ScrutinyStage

__all__ = ["ScrutinyReview", "ScrutinyStage"]
