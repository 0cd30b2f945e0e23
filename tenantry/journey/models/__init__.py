from .funding import ConditionKind, FundingProgramme, GrantCondition

__all__ = ["ConditionKind", "FundingProgramme", "GrantCondition"]
