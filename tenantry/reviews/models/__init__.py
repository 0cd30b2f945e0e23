from .plan import (
    SEVEN_QUESTIONS,
    ImprovementPlan,
    Milestone,
    PlanAction,
    PlanComment,
    PlanStage,
    Progress,
    ProgressUpdate,
)
from .review import Review, ReviewStatus

__all__ = [
    "SEVEN_QUESTIONS",
    "ImprovementPlan",
    "Milestone",
    "PlanAction",
    "PlanComment",
    "PlanStage",
    "Progress",
    "ProgressUpdate",
    "Review",
    "ReviewStatus",
]
