from .directory import (
    MAX_DATES_OFFERED,
    MAX_VISITORS,
    Profile,
    Side,
    Visit,
    VisitDate,
    VisitState,
)
from .followup import ContactHow, ContactNote
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
    "MAX_DATES_OFFERED",
    "MAX_VISITORS",
    "Profile",
    "Side",
    "Visit",
    "VisitDate",
    "VisitState",
    "STAGE_ORDER",
    "ClosedReason",
    "ConditionKind",
    "ContactHow",
    "ContactNote",
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
