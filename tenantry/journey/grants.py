"""Which of a grant programme's conditions a group meets: a pure function of the conditions
(data its keeper edits, models/funding.py) and the group's answers. The same passed / failed /
unknown as the Right to Manage check (eligibility.py)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .eligibility import Outcome
from .models import ConditionKind, GrantCondition

Answer = bool | int | None


@dataclass(frozen=True, slots=True)
class ConditionResult:
    condition: GrantCondition
    outcome: Outcome
    explanation: str


def conditions_met(
    conditions: Iterable[GrantCondition], answers: dict[int, Answer]
) -> list[ConditionResult]:
    """Each condition in order, met or not by the answer given for it (keyed by condition pk);
    no answer is unknown. A yes-or-no condition is met by yes; a number by at least its
    minimum."""
    results = []
    for condition in conditions:
        answer = answers.get(condition.pk)
        if answer is None:
            results.append(ConditionResult(condition, "unknown", _("Not answered yet.")))
        elif condition.kind == ConditionKind.AT_LEAST:
            met = answer >= condition.minimum
            text = (
                _("You said %(answer)d: at least %(minimum)d is needed.")
                if met
                else _("You said %(answer)d, but at least %(minimum)d is needed.")
            ) % {"answer": answer, "minimum": condition.minimum}
            results.append(ConditionResult(condition, "passed" if met else "failed", text))
        else:
            results.append(
                ConditionResult(
                    condition,
                    "passed" if answer else "failed",
                    _("You said yes.") if answer else _("You said no."),
                )
            )
    return results


def overall(results: list[ConditionResult]) -> Outcome:
    outcomes = {r.outcome for r in results}
    if "failed" in outcomes:
        return "failed"
    return "unknown" if "unknown" in outcomes or not results else "passed"
