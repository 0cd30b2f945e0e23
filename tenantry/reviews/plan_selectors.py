"""Reads of improvement plans worth a name: a plan's actions with where each stands, the
actions past their due date for the committee's overview, and the annual progress report."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from tenantry.core.periods import Period
from tenantry.indicators.models import Indicator, Result
from tenantry.indicators.sentences import value_text
from tenantry.indicators.target_tracking import headline_results
from tenantry.indicators.targets import Status, status_as_shown
from tenantry.organisations.models import Organisation

from .models import ImprovementPlan, Milestone, PlanAction, PlanStage, ProgressUpdate
from .progress import LATE, STANDING_COLOURS, STANDING_LABELS, milestone_late, standing

OVERVIEW_LIMIT = 5


@dataclass
class ActionRow:
    action: PlanAction
    standing: str
    milestones: list[Milestone] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    figure: "Figure | None" = None

    @property
    def label(self) -> str:
        return str(STANDING_LABELS[self.standing])

    @property
    def colour(self) -> str:
        return STANDING_COLOURS[self.standing]

    @property
    def latest(self) -> ProgressUpdate | None:
        return self.updates[0] if self.updates else None


@dataclass
class Figure:
    """An action's indicator: its newest figure by a day, against the action's target."""

    indicator: Indicator
    result: Result | None
    target: Decimal | None
    status: Status | None

    @property
    def value_text(self) -> str:
        return value_text(self.result.value if self.result else None, self.indicator)

    @property
    def target_text(self) -> str:
        return value_text(self.target, self.indicator) if self.target is not None else ""


def plan_for(review) -> ImprovementPlan | None:
    """The review's plan, if one has been started."""
    return ImprovementPlan.objects.filter(review=review).select_related("review").first()


def _figures(plan: ImprovementPlan, actions: list[PlanAction], as_at: date) -> dict[int, Figure]:
    """Each indicator's newest headline figure for periods ending by `as_at` (one query)."""
    indicator_ids = {action.indicator_id for action in actions if action.indicator_id}
    newest: dict[int, Result] = {}
    if indicator_ids:
        results = (
            headline_results(plan.review.organisation_id)
            .filter(indicator_id__in=indicator_ids, period_end__lte=as_at)
            .order_by("indicator_id", "-period_end", "period_kind")
        )
        for result in results:
            newest.setdefault(result.indicator_id, result)
    figures = {}
    for action in actions:
        if not action.indicator_id:
            continue
        indicator = action.indicator
        result = newest.get(action.indicator_id)
        status = None
        if result is not None and action.target_value is not None:
            status = status_as_shown(
                result.value,
                action.target_value,
                Decimal(0),
                decimals=indicator.decimals,
                higher_is_better=indicator.higher_is_better,
            )
        figures[action.pk] = Figure(indicator, result, action.target_value, status)
    return figures


def action_rows(plan: ImprovementPlan, *, today: date, details: bool = True) -> list[ActionRow]:
    """The plan's actions in order, each with its standing on `today`, its milestones, its
    progress reported by then (newest first) and its indicator's figure (four queries)."""
    actions = list(plan.actions.select_related("indicator"))
    rows = {action.pk: ActionRow(action, standing(action, today)) for action in actions}
    if details and actions:
        for milestone in Milestone.objects.filter(action__plan=plan):
            milestone.late = milestone_late(milestone, today)
            rows[milestone.action_id].milestones.append(milestone)
        updates = ProgressUpdate.objects.filter(action__plan=plan, reported_on__lte=today)
        for update in updates.select_related("reported_by"):
            rows[update.action_id].updates.append(update)
    for pk, figure in _figures(plan, actions, today).items():
        rows[pk].figure = figure
    return list(rows.values())


def counts(rows: list[ActionRow]) -> dict[str, int]:
    """How many actions stand at each of on track, at risk, late and done."""
    found = {key: 0 for key in STANDING_LABELS}
    for row in rows:
        found[row.standing] += 1
    return found


def late_actions(*, organisation: Organisation, today: date) -> QuerySet[PlanAction]:
    """The organisation's plans' actions past their due date and not done, oldest first."""
    from .progress import late_q

    return (
        PlanAction.objects.filter(plan__review__organisation=organisation)
        .filter(late_q(today))
        .select_related("plan__review")
        .order_by("due_on", "pk")
    )


@dataclass
class ProgressReport:
    plan: ImprovementPlan
    year: Period
    as_at: date
    rows: list[ActionRow]
    counts: dict[str, int]
    done_in_year: list[ActionRow]
    late: list[ActionRow]
    updates_in_year: int
    comments: int


def progress_report(*, plan: ImprovementPlan, year: Period, today: date) -> ProgressReport:
    """The plan's progress in a financial year: where each action stood at the year's end (or
    today, in the current year), what was done and reported in the year, and each action's
    indicator against its target."""
    as_at = min(year.end, today)
    rows = action_rows(plan, today=as_at)
    for row in rows:
        row.updates = [update for update in row.updates if update.reported_on >= year.start]
    return ProgressReport(
        plan=plan,
        year=year,
        as_at=as_at,
        rows=rows,
        counts=counts(rows),
        done_in_year=[
            row for row in rows if row.action.done_on and year.start <= row.action.done_on <= as_at
        ],
        late=[row for row in rows if row.standing == LATE],
        updates_in_year=sum(len(row.updates) for row in rows),
        comments=plan.comments.count(),
    )


def published_plan(*, slug: str, review_pk: int) -> ImprovementPlan | None:
    """A published plan, by its organisation's slug and review: the public page's read."""
    return (
        ImprovementPlan.objects.filter(
            review__organisation__slug=slug, review_id=review_pk, stage=PlanStage.PUBLISHED
        )
        .select_related("review__organisation")
        .first()
    )


def published_plans(
    *, organisation: Organisation, today: date
) -> list[tuple[ImprovementPlan, dict]]:
    """The organisation's published plans, newest first, each with how many of its actions stand
    at each of on track, at risk, late and done on `today` (two queries, however many plans)."""
    plans = list(
        ImprovementPlan.objects.filter(review__organisation=organisation, stage=PlanStage.PUBLISHED)
        .select_related("review")
        .order_by("-published_on", "-pk")
    )
    rows: dict[int, list[ActionRow]] = {plan.pk: [] for plan in plans}
    actions = PlanAction.objects.filter(
        plan__review__organisation=organisation, plan__stage=PlanStage.PUBLISHED
    )
    for action in actions:
        rows[action.plan_id].append(ActionRow(action, standing(action, today)))
    return [(plan, counts(rows[plan.pk])) for plan in plans]
