from .ledger import Budget, BudgetKind, EntryKind, LedgerEntry

__all__ = ["Budget", "BudgetKind", "EntryKind", "LedgerEntry"]
