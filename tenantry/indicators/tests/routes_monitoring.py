"""Routes of targets, monitoring, submissions, the portfolio and interventions, for the
permission matrix; and the small builders the tests of those pages share."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from tenantry.core.periods import quarter
from tenantry.core.tests.matrix import (
    COMMITTEE_ONLY,
    FIGURE_SENDERS_POST_ONLY,
    INTERVENTION_READERS,
    LANDLORD_ONLY,
    LANDLORD_ONLY_POST_ONLY,
    LANDLORD_PAGE,
    MANAGEMENT,
    SHOWN_TO_ALL,
    SUBMISSION_TALK_POST_ONLY,
    TARGET_SETTERS,
)
from tenantry.indicators.models import (
    Indicator,
    Intervention,
    MonitoringItem,
    Result,
    Scope,
    Submission,
    TargetProposal,
)


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(organisation=None, code=code)


def schedule(agreement, code: str, frequency: str = "quarterly", **fields) -> MonitoringItem:
    return MonitoringItem.objects.create(
        agreement=agreement, indicator=indicator(code), frequency=frequency, **fields
    )


def submission_for(agreement, period=None, **fields) -> Submission:
    period = period or quarter("2024/25", "Q1")
    return Submission.objects.create(
        agreement=agreement,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        **fields,
    )


def result(organisation, code: str, period, value, numerator=None, denominator=None) -> Result:
    return Result.objects.create(
        indicator=indicator(code),
        organisation=organisation,
        scope=Scope.ORGANISATION,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        value=None if value is None else Decimal(value),
        numerator=numerator,
        denominator=denominator,
        source="records",
        computed_at=timezone.now(),
    )


def step(agreement, level=Intervention.Level.DISCUSSION, **fields) -> Intervention:
    fields.setdefault("started_on", date(2025, 5, 1))
    fields.setdefault("reason", "Emergency repairs fell short two quarters running.")
    return Intervention.objects.create(agreement=agreement, level=level, **fields)


def _code(cast) -> str:
    return "RP02-2"


def _item(cast) -> int:
    return schedule(cast.agreement, "RP02-2").pk


def _proposal(cast) -> int:
    return TargetProposal.objects.create(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=date(2024, 4, 1),
        value=Decimal(72),
        reason="Fewer answers by post.",
        side=TargetProposal.Side.ORGANISATION,
        proposed_at=timezone.now(),
    ).pk


def _submission(cast) -> int:
    return submission_for(cast.agreement).pk


def _step(cast) -> int:
    return step(cast.agreement).pk


AGREEMENT = {"pk": "agreement"}

ROUTES = {
    "indicators:targets": ("tmo", AGREEMENT, SHOWN_TO_ALL),
    "indicators:set-target": ("tmo", {**AGREEMENT, "code": _code}, TARGET_SETTERS),
    "indicators:plan-trajectory": ("tmo", {**AGREEMENT, "code": _code}, TARGET_SETTERS),
    "indicators:monitoring": ("tmo", AGREEMENT, MANAGEMENT),
    "indicators:target-change": ("tmo", {**AGREEMENT, "proposal_id": _proposal}, MANAGEMENT),
    "indicators:add-monitoring-item": ("tmo", AGREEMENT, LANDLORD_ONLY),
    "indicators:edit-monitoring-item": ("tmo", {**AGREEMENT, "item_id": _item}, LANDLORD_ONLY),
    "indicators:remove-monitoring-item": (
        "tmo",
        {**AGREEMENT, "item_id": _item},
        LANDLORD_ONLY_POST_ONLY,
    ),
    "indicators:open-submission": ("tmo", AGREEMENT, FIGURE_SENDERS_POST_ONLY),
    "indicators:submission": ("tmo", {**AGREEMENT, "submission_id": _submission}, MANAGEMENT),
    "indicators:send-submission": (
        "tmo",
        {**AGREEMENT, "submission_id": _submission},
        FIGURE_SENDERS_POST_ONLY,
    ),
    "indicators:accept-submission": (
        "tmo",
        {**AGREEMENT, "submission_id": _submission},
        LANDLORD_ONLY_POST_ONLY,
    ),
    "indicators:query-submission": (
        "tmo",
        {**AGREEMENT, "submission_id": _submission},
        LANDLORD_ONLY_POST_ONLY,
    ),
    "indicators:comment-submission": (
        "tmo",
        {**AGREEMENT, "submission_id": _submission},
        SUBMISSION_TALK_POST_ONLY,
    ),
    "indicators:portfolio": ("landlord", {}, LANDLORD_PAGE),
    "indicators:interventions": ("tmo", AGREEMENT, INTERVENTION_READERS),
    "indicators:record-intervention": ("tmo", AGREEMENT, LANDLORD_ONLY),
    "indicators:edit-intervention": ("tmo", {**AGREEMENT, "step_id": _step}, LANDLORD_ONLY),
    "indicators:respond-intervention": ("tmo", {**AGREEMENT, "step_id": _step}, COMMITTEE_ONLY),
}

# The same agreement's pages at the landlord's address: only its officers (and site admins).
LANDLORD_ROUTES = {
    "indicators:targets": ("landlord", AGREEMENT, LANDLORD_PAGE),
    "indicators:monitoring": ("landlord", AGREEMENT, LANDLORD_PAGE),
    "indicators:interventions": ("landlord", AGREEMENT, LANDLORD_PAGE),
}
