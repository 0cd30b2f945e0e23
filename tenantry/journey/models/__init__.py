from .funding import ConditionKind, FundingProgramme, GrantCondition
from .groups import (
    STAGE_ORDER,
    ClosedReason,
    Group,
    GroupMembership,
    HeardFrom,
    Stage,
)
from .tracker import Document, EligibilityCheck, Milestone, MilestoneKind, Task

__all__ = [
    "STAGE_ORDER",
    "ClosedReason",
    "ConditionKind",
    "Document",
    "EligibilityCheck",
    "FundingProgramme",
    "GrantCondition",
    "Group",
    "GroupMembership",
    "HeardFrom",
    "Milestone",
    "MilestoneKind",
    "Stage",
    "Task",
]
