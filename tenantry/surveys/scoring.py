"""Scoring answers: the Tenant Satisfaction Measures' perception rules, as plain functions.

The regulator's rules (TSM technical requirements; see docs/surveys.md, "Results"):

- Satisfaction is asked on five points, very satisfied to very dissatisfied. **Satisfied =
  very + fairly satisfied.** "Neither satisfied nor dissatisfied" stays in the denominator.
- TP08 asks for *agreement* that the landlord treats tenants fairly and with respect, on an
  agree/disagree scale: agree = strongly agree + agree; "neither" stays in the denominator.
- Don't know, not applicable, refused and blank answers are excluded from the denominator.
- TP02 and TP03 count only tenants who had a repair in the last 12 months, TP09 only tenants
  who complained in the last 12 months, TP10 only tenants whose building has communal areas.
  Each of those filters is a yes/no question in the survey; only "yes" counts.

Every measure is "sum of numerator ÷ denominator", as the regulator's data dictionary says.

This module imports no models: it scores answer codes, so it can be tested by hand and used on
a contractor's file before anything is saved. The codes below are the values of the choices in
Tenantry's TSM survey template.
"""

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext_lazy as _

# The five-point satisfaction scale, in the order the regulator sets it.
VERY_SATISFIED = "very_satisfied"
FAIRLY_SATISFIED = "fairly_satisfied"
NEITHER = "neither"
FAIRLY_DISSATISFIED = "fairly_dissatisfied"
VERY_DISSATISFIED = "very_dissatisfied"
SATISFACTION_SCALE = (
    VERY_SATISFIED,
    FAIRLY_SATISFIED,
    NEITHER,
    FAIRLY_DISSATISFIED,
    VERY_DISSATISFIED,
)

# The five-point agreement scale (TP08).
STRONGLY_AGREE = "strongly_agree"
AGREE = "agree"
DISAGREE = "disagree"
STRONGLY_DISAGREE = "strongly_disagree"
AGREEMENT_SCALE = (STRONGLY_AGREE, AGREE, NEITHER, DISAGREE, STRONGLY_DISAGREE)

# Answers that are recorded but never counted (the regulator does not offer them as options;
# interviewers and contractors still record them).
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
REFUSED = "refused"

YES = "yes"
NO = "no"

# Codes of the filter questions ("Has your landlord carried out a repair to your home in the
# last 12 months?" and so on). A TSM survey's questions carry these codes.
HAD_REPAIR = "TSM_REPAIR"
COMPLAINED = "TSM_COMPLAINT"
HAS_COMMUNAL_AREAS = "TSM_COMMUNAL"

Scale = Literal["satisfaction", "agreement"]


@dataclass(frozen=True)
class Score:
    """A proportion that explains itself: "34 of 40 satisfied", 85.0%."""

    numerator: int
    denominator: int
    excluded: int = 0  # answers seen but left out: don't know, not applicable, refused, blank

    @property
    def proportion(self) -> float | None:
        """numerator ÷ denominator, or None when nobody's answer counts."""
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percentage(self) -> float | None:
        """The proportion × 100, unrounded."""
        return None if self.proportion is None else self.proportion * 100


@dataclass(frozen=True)
class PerceptionMeasure:
    """One of TP01–TP12: which question, on which scale, asked of whom."""

    code: str
    name: str  # translatable
    scale: Scale = "satisfaction"
    filter_code: str | None = None  # the yes/no question a tenant must answer "yes" to

    @property
    def positive(self) -> tuple[str, ...]:
        """The answers that count as satisfied (or, for TP08, agree)."""
        return SCALES[self.scale][:2]

    @property
    def counted(self) -> tuple[str, ...]:
        """The answers in the denominator: the whole five-point scale."""
        return SCALES[self.scale]


SCALES: dict[str, tuple[str, ...]] = {
    "satisfaction": SATISFACTION_SCALE,
    "agreement": AGREEMENT_SCALE,
}

# Names as the regulator's measures table gives them.
TSM_PERCEPTION: dict[str, PerceptionMeasure] = {
    m.code: m
    for m in (
        PerceptionMeasure("TP01", _("Overall satisfaction")),
        PerceptionMeasure("TP02", _("Satisfaction with repairs"), filter_code=HAD_REPAIR),
        PerceptionMeasure(
            "TP03",
            _("Satisfaction with time taken to complete most recent repair"),
            filter_code=HAD_REPAIR,
        ),
        PerceptionMeasure("TP04", _("Satisfaction that the home is well maintained")),
        PerceptionMeasure("TP05", _("Satisfaction that the home is safe")),
        PerceptionMeasure(
            "TP06", _("Satisfaction that the landlord listens to tenant views and acts upon them")
        ),
        PerceptionMeasure(
            "TP07",
            _("Satisfaction that the landlord keeps tenants informed about things that matter"),
        ),
        PerceptionMeasure(
            "TP08",
            _("Agreement that the landlord treats tenants fairly and with respect"),
            scale="agreement",
        ),
        PerceptionMeasure(
            "TP09",
            _("Satisfaction with the landlord's approach to handling complaints"),
            filter_code=COMPLAINED,
        ),
        PerceptionMeasure(
            "TP10",
            _("Satisfaction that the landlord keeps communal areas clean and well maintained"),
            filter_code=HAS_COMMUNAL_AREAS,
        ),
        PerceptionMeasure(
            "TP11",
            _("Satisfaction that the landlord makes a positive contribution to neighbourhoods"),
        ),
        PerceptionMeasure(
            "TP12", _("Satisfaction with the landlord's approach to handling anti-social behaviour")
        ),
    )
}


def score_counts(
    counts: Mapping[str | None, int], *, positive: Collection[str], counted: Collection[str]
) -> Score:
    """Score counted answers: numerator = `positive` answers, denominator = `counted` answers.

    Any answer outside `counted` (don't know, not applicable, refused, blank, an unknown code)
    is excluded from both and reported as `excluded`.
    """
    missing = set(positive) - set(counted)
    if missing:
        raise ValueError(f"positive answers must also be counted: {sorted(missing)}")
    numerator = sum(n for answer, n in counts.items() if answer in positive)
    denominator = sum(n for answer, n in counts.items() if answer in counted)
    excluded = sum(counts.values()) - denominator
    return Score(numerator=numerator, denominator=denominator, excluded=excluded)


def score_answers(
    answers: Iterable[str | None], *, positive: Collection[str], counted: Collection[str]
) -> Score:
    """Score a list of answer codes, one per respondent (None or "" for blank)."""
    return score_counts(Counter(answers), positive=positive, counted=counted)


def score_tsm_counts(code: str, counts: Mapping[str | None, int]) -> Score:
    """Score one perception measure from answer counts among the tenants it applies to.

    The caller has already applied the measure's filter (see `tsm_scores` for the rule).
    """
    measure = TSM_PERCEPTION[code]
    return score_counts(counts, positive=measure.positive, counted=measure.counted)


def applies_to(measure: PerceptionMeasure, response: Mapping[str, str | None]) -> bool:
    """Whether a respondent is in the measure's population.

    A measure with a filter applies only when the respondent answered "yes" to it. When a
    survey did not ask the filter question at all (its code is absent from the response),
    the routing is assumed to have been done another way and every answer counts.
    """
    if measure.filter_code is None or measure.filter_code not in response:
        return True
    return response[measure.filter_code] == YES


def tsm_scores(responses: Iterable[Mapping[str, str | None]]) -> dict[str, Score]:
    """TP01–TP12 from respondent-level answers: {"TP01": Score, …}.

    Each response maps question codes (TP01…TP12 and the filter codes) to answer codes.
    A measure whose question nobody was asked still appears, as 0 of 0.
    """
    counts: dict[str, Counter[str | None]] = {code: Counter() for code in TSM_PERCEPTION}
    for response in responses:
        for code, measure in TSM_PERCEPTION.items():
            if code in response and applies_to(measure, response):
                counts[code][response[code] or None] += 1
    return {code: score_tsm_counts(code, counts[code]) for code in TSM_PERCEPTION}
