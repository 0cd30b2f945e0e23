"""Demo monitoring: a schedule on each of the demo landlord's agreements, targets, submissions in
every state and one organisation on the intervention ladder.

Run after the demo's results are computed (the submissions snapshot them). Deterministic: the
same landlord and day give the same data.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tenantry.core.figures import rounded
from tenantry.core.models import User
from tenantry.core.periods import Period, financial_year, financial_year_of, quarters_of
from tenantry.organisations.models import ManagementAgreement, Organisation

from .models import (
    Indicator,
    Intervention,
    MonitoringItem,
    Result,
    Scope,
    SubmissionEvent,
    Target,
    TargetProposal,
)
from .services import interventions as intervention_services
from .services import submissions as submission_services
from .services import targets as target_services
from .services.results import compute_results, enter_result

# (code, how often, in what form, the delegated service it needs, or None for every agreement)
SCHEDULE = [
    ("RP02-1", "quarterly", MonitoringItem.Form.FIGURES, "repairs"),
    ("RP02-2", "quarterly", MonitoringItem.Form.FIGURES, "repairs"),
    ("CH02-1", "quarterly", MonitoringItem.Form.COMMENTARY, "complaints"),
    ("BV66a", "quarterly", MonitoringItem.Form.FIGURES, "rent_collection"),
    ("BV212", "quarterly", MonitoringItem.Form.FIGURES, "voids_lettings"),
    ("TP01", "yearly", MonitoringItem.Form.REPORT, None),
    ("TP02", "yearly", MonitoringItem.Form.FIGURES, "repairs"),
    ("BS01", "yearly", MonitoringItem.Form.FIGURES, "building_safety"),
    ("CH01-1", "yearly", MonitoringItem.Form.FIGURES, "complaints"),
    ("NM01-1", "yearly", MonitoringItem.Form.FIGURES, "asb"),
]
# Where there is no figure to start from: a sensible target for a managing organisation.
DEFAULT_TARGETS = {
    "RP02-1": 90, "RP02-2": 98, "CH02-1": 95, "BV66a": 98, "BV212": 28, "TP01": 75,
    "TP02": 75, "BS01": 100, "CH01-1": 40, "NM01-1": 30,
}  # fmt: skip
# Targets the agreements say are agreed with the landlord: changing one needs both sides.
AGREED_TARGETS = ("TP01", "TP02")
# Overall satisfaction from each organisation's tenant survey (the surveys app may replace it).
SURVEYED = {"TP01": Decimal("71.4"), "TP02": Decimal("68.9")}


@dataclass
class DemoMonitoring:
    items: int = 0
    targets: int = 0
    submissions: int = 0
    interventions: int = 0
    proposals: int = 0


def _officer() -> User | None:
    return User.objects.filter(email="landlord@example.org").first()


def _committee(organisation: Organisation) -> User | None:
    return User.objects.filter(
        role_assignments__organisation=organisation,
        role_assignments__role__in=["committee", "staff"],
    ).first()


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _value(organisation: Organisation, code: str, period: Period) -> Decimal | None:
    return (
        Result.objects.filter(
            organisation=organisation,
            indicator__code=code,
            scope=Scope.ORGANISATION,
            stock_type="",
            period_start=period.start,
            period_end=period.end,
        )
        .values_list("value", flat=True)
        .first()
    )


def _target(indicator: Indicator, figure: Decimal | None, years_on: int) -> Decimal:
    """A little better each year than the figure the organisation reached."""
    if figure is None:
        return Decimal(DEFAULT_TARGETS[indicator.code])
    step = Decimal(1 + years_on)
    if indicator.higher_is_better:
        value = min(Decimal(100), figure + step) if indicator.unit == "percent" else figure + step
    else:
        value = max(Decimal(0), figure * (Decimal(1) - step / 20))
    return rounded(value, 1)


@transaction.atomic
def add_demo_monitoring(landlord: Organisation, *, as_of: date | None = None) -> DemoMonitoring:
    """Schedules, targets, submissions and one intervention for the landlord's agreements.
    Does nothing if its agreements already have a schedule."""
    today = as_of or timezone.localdate()
    summary = DemoMonitoring()
    agreements = list(
        ManagementAgreement.objects.filter(landlord=landlord)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if MonitoringItem.objects.filter(agreement__in=agreements).exists():
        return summary
    officer = _officer()
    this_year = financial_year_of(today)
    last_year = financial_year(this_year.start.year - 1)
    indicators = {i.code: i for i in Indicator.objects.filter(organisation=None)}

    for n, agreement in enumerate(agreements):
        organisation = agreement.organisation
        # Last year's quarters, so each quarterly return has its figures.
        for period in quarters_of(last_year.label):
            compute_results(organisation=organisation, period=period)
        for code, value in SURVEYED.items():
            if _value(organisation, code, last_year) is None:
                enter_result(
                    indicator=indicators[code],
                    organisation=organisation,
                    period=last_year,
                    value=value + Decimal(3 * n) - Decimal(4 * (n % 2)),
                    by=None,
                    source="survey",
                    note="Annual tenant survey (demo figure).",
                )
        scheduled = [
            row for row in SCHEDULE if row[3] is None or row[3] in (agreement.services or [])
        ]
        for code, frequency, form, _service in scheduled:
            submission_services.add_monitoring_item(
                agreement=agreement,
                indicator=indicators[code],
                frequency=frequency,
                form=form,
                days_to_submit=60 if frequency == "yearly" else 30,
                by=officer,
            )
            summary.items += 1
            # Targets agreed from the year before last's figure, a step better each year.
            base = _value(organisation, code, financial_year(last_year.start.year - 1))
            years = (last_year, this_year, financial_year(this_year.start.year + 1))
            for years_on, year in enumerate(years):
                target_services.set_target(
                    agreement=agreement,
                    indicator=indicators[code],
                    year_start=year.start,
                    value=_target(indicators[code], base, years_on),
                    tolerance=Decimal(2) if indicators[code].unit != "per_1000" else Decimal(5),
                    by=officer,
                )
                summary.targets += 1
        summary.submissions += _demo_submissions(agreement, n, last_year, this_year, today, officer)
        # The satisfaction targets are agreed with the landlord: a change needs both sides.
        for item in agreement.monitoring_items.filter(indicator__code__in=AGREED_TARGETS):
            submission_services.change_monitoring_item(
                item=item,
                frequency=item.frequency,
                form=item.form,
                intervention_threshold=item.intervention_threshold,
                days_to_submit=item.days_to_submit,
                targets_agreed=True,
                by=officer,
            )
        if agreement.organisation.slug == "kingsmead-tmo":
            summary.proposals += _demo_target_changes(agreement, this_year, today, officer)

    if len(agreements) > 1:
        summary.interventions += _demo_ladder(agreements[1], last_year, officer)
    return summary


def _demo_target_changes(agreement, this_year, today, officer) -> int:
    """Kingsmead's committee raised its repairs satisfaction target with the council's
    agreement last month, and now asks to lower overall satisfaction: waiting for the council."""
    committee = User.objects.filter(email="committee@example.org").first()
    if committee is None or officer is None:
        return 0
    targets = {
        t.indicator.code: t
        for t in Target.objects.filter(
            agreement=agreement, year_start=this_year.start, indicator__code__in=AGREED_TARGETS
        ).select_related("indicator")
    }
    if set(targets) != set(AGREED_TARGETS):
        return 0
    raised = target_services.propose_target(
        agreement=agreement,
        indicator=targets["TP02"].indicator,
        year_start=this_year.start,
        value=targets["TP02"].value + 2,
        tolerance=targets["TP02"].tolerance,
        note="The new repairs contract has answered most calls within the day since the "
        "summer; residents at the estate forum asked us to aim higher.",
        by=committee,
    )
    target_services.decide_target_proposal(
        proposal=raised,
        agree=True,
        comment="Agreed at the quarterly liaison meeting.",
        by=officer,
    )
    TargetProposal.objects.filter(pk=raised.pk).update(
        proposed_at=_moment(today - timedelta(days=40)),
        decided_at=_moment(today - timedelta(days=33), 15),
    )
    target_services.propose_target(
        agreement=agreement,
        indicator=targets["TP01"].indicator,
        year_start=this_year.start,
        value=targets["TP01"].value - 3,
        tolerance=targets["TP01"].tolerance,
        note="This year's survey is by post rather than door to door, which reaches fewer "
        "younger tenants and usually scores lower; we ask for a lower target for one year "
        "while we compare the two methods.",
        by=committee,
    )
    return 2


def _dated(submission, day: date) -> None:
    """Give the submission's newest step a plausible date rather than today's."""
    event = submission.events.order_by("-at", "-pk").first()
    SubmissionEvent.objects.filter(pk=event.pk).update(at=_moment(day))


def _demo_submissions(agreement, n, last_year, this_year, today, officer) -> int:
    """Each organisation at a different place: one all accepted, one queried and answered, one
    behind with its returns."""
    sender = _committee(agreement.organisation)
    periods = [q for q in quarters_of(last_year.label)] + [last_year]
    periods += [q for q in quarters_of(this_year.label) if q.end < today]
    plan = {
        0: ["accepted"] * 5 + ["accepted", "submitted", "draft"],  # reliably on time
        1: ["accepted", "accepted", "queried", None, None, None, None, None],  # falling behind
        2: ["accepted", "accepted", "queried", "submitted", "draft", "accepted", "queried"],
    }[n % 3]
    made = 0
    for period, state in zip(periods, plan, strict=False):
        if state is None:
            continue
        submission = submission_services.open_submission(
            agreement=agreement, period=period, by=sender
        )
        made += 1
        if state == "draft":
            continue
        sent_on = period.end + timedelta(days=12 + n)
        commentary = (
            "Figures checked against the repairs and complaints logs. Two complaints were "
            "answered late while the housing officer post was vacant; now filled."
        )
        submission_services.submit(submission=submission, commentary=commentary, by=sender)
        _dated(submission, sent_on)
        if state == "submitted":
            continue
        if state == "queried":
            submission_services.query(
                submission=submission,
                comment="Re-let times rose sharply this quarter. Which homes took longest, and "
                "were any held back for major works?",
                by=officer,
            )
            _dated(submission, sent_on + timedelta(days=9))
            submission_services.comment(
                submission=submission,
                comment="Three flats needed new kitchens after a leak; the rest were let within "
                "25 days. We will send the list.",
                by=sender,
            )
            _dated(submission, sent_on + timedelta(days=13))
            continue
        submission_services.accept(submission=submission, comment="Thank you.", by=officer)
        _dated(submission, sent_on + timedelta(days=6))
    return made


def _demo_ladder(agreement, last_year, officer) -> int:
    """A discussion that did not turn things round, then an improvement notice in force."""
    indicators = list(
        Indicator.objects.filter(organisation=None, code__in=("RP02-2", "BV212", "CH02-1"))
    )
    talk = intervention_services.record_step(
        agreement=agreement,
        level=Intervention.Level.DISCUSSION,
        started_on=last_year.start + timedelta(days=200),
        reason="Emergency repairs on time and re-let times below target for two quarters "
        "running; returns for the second half of the year arriving late.",
        indicators=indicators,
        review_on=last_year.start + timedelta(days=290),
        by=officer,
    )
    intervention_services.update_step(
        step=talk,
        reason=talk.reason,
        indicators=indicators,
        review_on=talk.review_on,
        outcome="An action plan was agreed, but the next quarter's figures did not improve.",
        ended_on=last_year.start + timedelta(days=300),
        by=officer,
    )
    notice = intervention_services.record_step(
        agreement=agreement,
        level=Intervention.Level.IMPROVEMENT_NOTICE,
        started_on=last_year.start + timedelta(days=301),
        reason="Emergency repairs within target to reach 95% and average re-let time to fall "
        "below 30 days within two quarters; quarterly returns to arrive within 30 days.",
        indicators=indicators,
        review_on=last_year.start + timedelta(days=480),
        by=officer,
    )
    intervention_services.respond(
        step=notice,
        response="The committee accepts the notice. A new repairs contractor started in "
        "March and we have asked for the council's voids team to help with the backlog.",
        by=_committee(agreement.organisation),
    )
    return 2
