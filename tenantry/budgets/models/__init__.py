from .ledger import Budget, BudgetKind, EntryKind, LedgerEntry
from .participatory import (
    Feasibility,
    Outcome,
    ParticipatoryRound,
    Project,
    ProjectSpend,
    ProjectStatus,
    Proposal,
    RoundStage,
    VotingRule,
)

__all__ = [
    "Budget",
    "BudgetKind",
    "EntryKind",
    "LedgerEntry",
    "Feasibility",
    "Outcome",
    "ParticipatoryRound",
    "Project",
    "ProjectSpend",
    "ProjectStatus",
    "Proposal",
    "RoundStage",
    "VotingRule",
]
