from .programme import (
    PROGRAMME_YEARS,
    ProgrammeEntry,
    ProgrammeStatus,
    ReviewedBy,
    ReviewProgramme,
)
from .review import Review, ReviewStatus
from .steps import (
    BenchmarkVisit,
    Decision,
    Evidence,
    EvidenceKind,
    Option,
    OptionKind,
    ReviewStep,
    Stakeholder,
    StakeholderKind,
    Standard,
    StepStatus,
)

__all__ = [
    "PROGRAMME_YEARS",
    "BenchmarkVisit",
    "Decision",
    "Evidence",
    "EvidenceKind",
    "Option",
    "OptionKind",
    "ProgrammeEntry",
    "ProgrammeStatus",
    "Review",
    "ReviewProgramme",
    "ReviewStatus",
    "ReviewStep",
    "ReviewedBy",
    "Stakeholder",
    "StakeholderKind",
    "Standard",
    "StepStatus",
]
