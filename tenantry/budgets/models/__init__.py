from .allowance import Actual, AllowanceLine, LandlordCost
from .cashback import CashbackCredit, CashbackService
from .estate import Bid, BidPayment, BidRoute, BidStatus, EstateRules, EstateYear
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
    "Actual", "AllowanceLine", "Bid", "BidPayment", "BidRoute", "BidStatus", "Budget",
    "BudgetKind", "CashbackCredit", "CashbackService", "EntryKind", "EstateRules", "EstateYear",
    "LandlordCost", "LedgerEntry", "Feasibility", "Outcome", "ParticipatoryRound", "Project",
    "ProjectSpend", "ProjectStatus", "Proposal", "RoundStage", "VotingRule",
]  # fmt: skip
