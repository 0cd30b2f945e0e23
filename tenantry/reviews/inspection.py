"""The inspection of a review (the NFTMO Guide, chapter 7): the committee's self-assessment, an
inspector's findings, and the inspection pack that gathers what the inspectors read first — the
review and its evidence, the improvement plan and its progress, the trends of the indicators the
review and the plan name, and the monitoring history with the landlord.

The pack asks the same number of queries however many steps, actions, evidence files and
indicators the review holds: everything is read in bulk and put together here."""

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tenantry.core.charts import trend_chart
from tenantry.core.models import User
from tenantry.core.pdf import pdf_of
from tenantry.core.periods import financial_year_of
from tenantry.indicators.models import Indicator, Intervention, Submission
from tenantry.indicators.target_tracking import yearly_histories
from tenantry.indicators.views.benchmarks import CHART_UNITS
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import current_agreement

from . import permissions as can
from . import plan_pdf
from .models import (
    EvidenceKind,
    InspectorFinding,
    Review,
    ReviewStep,
    SelfAssessment,
    StepStatus,
)
from .plan_selectors import plan_for
from .selectors import four_cs
from .steps import STEPS

Action = AuditEntry.Action

# Years of indicator figures and of monitoring the pack shows: the five of the review programme.
YEARS_SHOWN = 5


def _check_date(when: date, name: str) -> None:
    if when > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future")})


# --- the self-assessment and the findings --------------------------------------------------------


@transaction.atomic
def save_self_assessment(*, assessment: SelfAssessment, by: User | None) -> SelfAssessment:
    """Record (or revise) the committee's self-assessment of a review's service. Its history
    keeps every earlier answer and who gave it."""
    review = assessment.review
    require(can.can_assess_reviews, user=by, organisation=review.organisation)
    _check_date(assessment.assessed_on, "assessed_on")
    created = assessment.pk is None
    assessment.recorded_by = by
    assessment._history_user = by
    assessment.full_clean()
    assessment.save()
    record_change(
        organisation=review.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=f"{review.title}: {_('self-assessment')}",
    )
    return assessment


@transaction.atomic
def record_finding(*, finding: InspectorFinding, by: User | None) -> InspectorFinding:
    """Record an inspector's or adviser's findings on a review; only they may change them."""
    review = finding.review
    require(can.can_record_findings, user=by, organisation=review.organisation)
    _check_date(finding.found_on, "found_on")
    created = finding.pk is None
    if created:
        finding.inspector = by
    elif by is not None and finding.inspector_id != by.pk:
        raise ValidationError(_("Only the inspector who recorded these findings may change them."))
    finding._history_user = by
    finding.full_clean()
    finding.save()
    record_change(
        organisation=review.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=f"{review.title}: {_('inspector’s findings')}",
    )
    return finding


def self_assessment_of(review: Review) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(review=review).first()


def findings_of(review: Review) -> list[InspectorFinding]:
    return list(review.findings.select_related("inspector"))


# --- the pack ----------------------------------------------------------------------------------


@dataclass
class StepRecord:
    number: int
    title: str
    status: str
    status_label: str
    answers: list[tuple[str, str]]
    decisions: list = field(default_factory=list)
    evidence: list = field(default_factory=list)


@dataclass
class EvidenceRow:
    evidence: object
    file_name: str
    summary: str


@dataclass
class Trend:
    indicator: Indicator
    chart: object
    rows: list[dict]

    @property
    def table(self) -> list[list[str]]:
        """The chart's figures turned on their side: the years across, figure and target down
        (formatted as the chart's own table formats them)."""
        columns, rows = self.chart.columns, self.chart.rows
        return [[""] + [row[0] for row in rows]] + [
            [columns[i]] + [row[i] for row in rows] for i in range(1, len(columns))
        ]


def _evidence_row(item) -> EvidenceRow:
    file_name = os.path.basename(item.file.name) if item.file else ""
    summary = ""
    if item.kind == EvidenceKind.SURVEY:
        summary = _("%(n)s answers") % {"n": item.figures.get("responses", 0)}
    elif item.kind == EvidenceKind.FIGURE and item.figures.get("own"):
        summary = _("ours: %(own)s") % {"own": item.figures["own"]}
        quartiles = [
            f"{g.get('title')}: {', '.join(str(q) for q in g['quartiles'])}"
            for g in item.figures.get("groups", [])
            if g.get("quartiles")
        ]
        if quartiles:
            summary += "; " + "; ".join(quartiles)
    return EvidenceRow(item, file_name, summary)


def _named_indicators(review: Review, steps: dict[int, ReviewStep], plan, evidence) -> list:
    """The indicators the review and its plan name: compared at step 5, given standards at step
    8, kept as evidence, and measuring the plan's actions (two queries)."""
    codes = steps[5].content.get("indicators", []) if 5 in steps else []
    ids = {item.indicator_id for item in evidence if item.indicator_id}
    ids |= set(review.standards.values_list("indicator_id", flat=True))
    if plan is not None:
        ids |= set(plan.actions.exclude(indicator=None).values_list("indicator_id", flat=True))
    compared = Indicator.objects.filter(code__in=codes).filter(
        Q(organisation__isnull=True) | Q(organisation=review.organisation_id)
    )
    found = Indicator.objects.filter(pk__in=ids) | compared
    return list(found.distinct().order_by("framework", "order", "code"))


def _trends(review: Review, indicators: list[Indicator], agreement, today: date) -> list[Trend]:
    histories = yearly_histories(
        organisation_id=review.organisation_id,
        agreement=agreement,
        indicators=indicators,
        today=today,
        back=YEARS_SHOWN,
        ahead=0,
    )
    trends = []
    for indicator in indicators:
        rows = histories[indicator.pk]
        if not any(r["value"] is not None or r["target"] is not None for r in rows):
            trends.append(Trend(indicator, None, rows))
            continue
        name = _(indicator.name)
        chart = trend_chart(
            title=_("%(code)s each year against its target") % {"code": indicator.code},
            description=_(
                "%(name)s for %(organisation)s each financial year, with the agreed target as a "
                "dashed line."
            )
            % {"name": name, "organisation": review.organisation.name},
            rows=rows,
            period="period",
            value="value",
            value_title=name,
            unit=CHART_UNITS.get(indicator.unit, ""),
            target="target",
            period_title=_("Financial year"),
        )
        trends.append(Trend(indicator, chart, rows))
    return trends


def _monitoring(agreement, today: date) -> tuple[list, list]:
    """The figures sent to the landlord over the pack's years, each with what was said about
    them, and the steps the landlord took under the agreement (three queries)."""
    if agreement is None:
        return [], []
    since = financial_year_of(today).start.replace(
        year=financial_year_of(today).start.year - YEARS_SHOWN + 1
    )
    submissions = list(
        Submission.objects.filter(agreement=agreement, period_end__gte=since)
        .prefetch_related("events__by")
        .order_by("-period_end", "-pk")
    )
    interventions = list(
        Intervention.objects.filter(agreement=agreement)
        .prefetch_related("indicators")
        .order_by("-started_on", "-pk")
    )
    return submissions, interventions


def pack_context(review: Review, *, today: date) -> dict:
    """Everything the inspection pack shows. A fixed number of queries, whatever the size of
    the review (tests/test_inspection.py counts them)."""
    review = Review.objects.select_related("organisation", "created_by").get(pk=review.pk)
    steps = {s.number: s for s in review.steps.all()}
    decisions = defaultdict(list)
    for decision in review.decisions.select_related("meeting").order_by("decided_on", "pk"):
        decisions[decision.step].append(decision)
    evidence = list(
        review.evidence.select_related("survey", "indicator").order_by("step", "frozen_on", "pk")
    )
    by_step = defaultdict(list)
    for item in evidence:
        by_step[item.step].append(_evidence_row(item))
    records = []
    for definition in STEPS:
        found = steps.get(definition.number)
        status = found.status if found else StepStatus.NOT_STARTED
        content = found.content if found else {}
        records.append(
            StepRecord(
                number=definition.number,
                title=definition.title,
                status=status,
                status_label=StepStatus(status).label,
                answers=[(f.label, content.get(f.key, "")) for f in definition.fields],
                decisions=decisions[definition.number],
                evidence=by_step[definition.number],
            )
        )
    plan = plan_for(review)
    agreement = current_agreement(organisation=review.organisation, on=today)
    indicators = _named_indicators(review, steps, plan, evidence)
    submissions, interventions = _monitoring(agreement, today)
    context = {
        "review": review,
        "organisation": review.organisation,
        "today": today,
        "steps": records,
        "undecided_decisions": decisions.get(None, []),
        "four_cs": four_cs(review),
        "stakeholders": list(review.stakeholders.order_by("kind", "name")),
        "visits": list(review.visits.order_by("visited_on")),
        "options": list(review.options.all()),
        "evidence": [_evidence_row(item) for item in evidence],
        "evidence_files": sum(1 for item in evidence if item.kind == EvidenceKind.FILE),
        "plan": plan,
        "trends": _trends(review, indicators, agreement, today),
        "agreement": agreement,
        "submissions": submissions,
        "interventions": interventions,
        "assessment": SelfAssessment.objects.filter(review=review).first(),
        "findings": findings_of(review),
    }
    if plan is not None:
        context["plan_context"] = plan_pdf.plan_context(plan, today)
    return context


def pack_html(review: Review, *, today: date) -> str:
    return render_to_string(
        "reviews/inspection/pack.html",
        {**pack_context(review, today=today), "LANGUAGE_CODE": translation.get_language()},
    )


def pack_pdf(review: Review, *, today: date) -> bytes:
    """The inspection pack as a PDF; kept under its HTML's digest like the plan's."""
    return pdf_of(pack_html(review, today=today), kept=True)
