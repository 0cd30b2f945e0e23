"""Calculators: each indicator's figure for one subject and period, from the service records.

A calculator is `(config, subject, period) -> Measure` built on one database aggregation (two
for a rate per 1,000 homes: the events and the homes). The definitions are cited in
docs/indicators.md; where a published definition leaves a point open, the choice is read from
the indicator's `config` and documented there rather than decided silently here.

Conventions that hold for every calculator:
- A record counts for the organisation responsible for it (its `organisation`), in the period
  its defining date falls in; homes are counted on the snapshot day, by default the period's
  last day ("at year end"). So a home that leaves an agreement mid-year takes no part in the
  year-end denominator, while the complaints made while it was covered stay counted.
- `value` is None when there is nothing to measure (no repairs completed, no homes): an empty
  period has no figure, never a misleading 0.
- Tenant Satisfaction Measures count the regulator's "relevant stock", low-cost rental and
  low-cost home ownership homes, and leave out other stock (such as leaseholders who bought
  outright); the Best Value indicators count every home.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, F, Model, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.deadlines import LONDON, answered_within_code, complaint_deadlines
from tenantry.core.periods import Period
from tenantry.homes.models import Coverage, Estate, Home, in_relevant_stock
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.records import safety
from tenantry.records.kinds import kind_of
from tenantry.records.models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    SafetyCheck,
    SafetyRequirement,
    Void,
)
from tenantry.records.voids import clock_of, days_between, with_void_clock

from .models import Indicator, Scope, Source

THOUSAND = Decimal(1000)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Subject:
    """Whose figure: an organisation, one of its estates, or a landlord's whole or directly
    managed stock; optionally only low-cost rental ("lcra") or home-ownership ("lcho") homes."""

    scope: str
    organisation: Organisation
    estate: Estate | None = None
    stock_type: str = ""

    @property
    def label(self) -> str:
        if self.scope == Scope.ESTATE and self.estate is not None:
            return str(self.estate)
        if self.scope == Scope.LANDLORD_ALL:
            return str(_("%(landlord)s, all homes") % {"landlord": self.organisation})
        if self.scope == Scope.LANDLORD_DIRECT:
            return str(_("%(landlord)s, directly managed") % {"landlord": self.organisation})
        return str(self.organisation)


@dataclass(frozen=True)
class Measure:
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None


# How a group of records behind a figure takes part in it, in words: the group's name, and
# what it is in the figure ("Completed late", "counted in the bottom only").
TOP_AND_BOTTOM = _("counted in the top and bottom")
BOTTOM_ONLY = _("counted in the bottom only")


@dataclass
class Evidence:
    """The records behind a figure. For a share ("34 of 40 emergency repairs on time") the
    records counted in the top number and in the bottom (`counted`), and those counted in the
    bottom only (`missed`, the 6 late); for a count or an average, the records it is made of
    (`counted`, with `missed` None). Each group is named with what it is in the figure.
    `measure` is the figure itself, from the same calculator that stores results, so the
    headline and the records behind it come from one function."""

    model: type[Model]
    counted_label: str  # the top number's name: "repairs completed within target"
    total_label: str  # the bottom number's name: "repairs completed"
    counted: QuerySet | list
    missed: QuerySet | list | None
    counted_group: tuple[str, str]  # ("Completed within target", TOP_AND_BOTTOM)
    missed_group: tuple[str, str] | None = None  # ("Completed late", BOTTOM_ONLY)
    notes: list[str] = field(default_factory=list)
    measure: "Measure | None" = None

    @property
    def single(self) -> bool:
        """A count or an average: one list of records, each of them in the figure."""
        return self.missed is None


# --- the subject's homes and records ---------------------------------------------------------


def _covered_on(day: date, **filters) -> QuerySet:
    return Coverage.objects.in_force(day).filter(**filters)


def homes_on(subject: Subject, day: date, *, relevant_only: bool) -> QuerySet[Home]:
    """The subject's homes on a day; TSM figures count only the relevant (social) stock."""
    organisation = subject.organisation
    if subject.scope in (Scope.LANDLORD_ALL, Scope.LANDLORD_DIRECT):
        homes = Home.objects.filter(landlord=organisation)
        if subject.scope == Scope.LANDLORD_DIRECT:
            homes = homes.exclude(Exists(_covered_on(day, home=OuterRef("pk"))))
    else:
        covered = _covered_on(day, home=OuterRef("pk"), agreement__organisation=organisation)
        homes = Home.objects.filter(Exists(covered))
        if subject.scope == Scope.ESTATE:
            homes = homes.filter(estate=subject.estate)
    if subject.stock_type or relevant_only:
        homes = homes.filter(in_relevant_stock(stock_type=subject.stock_type))
    return homes


# How a record reaches its home, for the relevant-stock rule (`homes.models.in_relevant_stock`).
_HOME_PATHS: dict[type[Model], str] = {
    Repair: "home",
    Complaint: "home",
    AsbCase: "home",
    Void: "home",
    RentPeriod: "household__home",
}


def records_of(model: type[Model], subject: Subject, *, relevant_only: bool) -> QuerySet:
    """The subject's records of one kind, whatever their dates. A TSM numerator passes
    `relevant_only=True`, so it counts records on the same stock as `homes_on` counts in its
    denominator (and records with no home, which no stock type's figure counts)."""
    organisation = subject.organisation
    if subject.scope == Scope.LANDLORD_ALL:
        records = model.objects.filter(
            Q(organisation=organisation) | Q(organisation__landlord=organisation)
        )
    else:
        records = model.objects.filter(organisation=organisation)
    if subject.scope == Scope.ESTATE:
        where = Q()
        for path in kind_of(model).estate_lookups:
            where |= Q(**{path: subject.estate})
        records = records.filter(where)
    home = _HOME_PATHS.get(model)
    if (subject.stock_type or relevant_only) and home is None:
        raise ValueError(f"{model.__name__} records are not tied to homes of a stock type")
    if subject.stock_type or relevant_only:
        records = records.filter(in_relevant_stock(home, subject.stock_type))
    return records


def snapshot_day(period: Period, config: dict) -> date:
    """The day homes are counted on: the period's last day unless configured otherwise, and
    today for a period still running (a check not yet due next March is not yet missed)."""
    day = period.start if config.get("snapshot") == "period_start" else period.end
    return min(day, timezone.localdate())


def _moments(period: Period) -> tuple[datetime, datetime]:
    """The period as UK clock times: from its first midnight to the midnight after it ends."""
    start = datetime.combine(period.start, time(), tzinfo=LONDON)
    end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=LONDON)
    return start, end


def _ratio(numerator, denominator, scale: Decimal = HUNDRED) -> Measure:
    numerator = Decimal(numerator or 0)
    denominator = Decimal(denominator or 0)
    value = numerator * scale / denominator if denominator else None
    return Measure(numerator, denominator, value)


def _is_tsm(config: dict) -> bool:
    return config.get("framework") == "tsm"


# --- repairs (RP02 and the Best Value repair indicators) ------------------------------------


def _repairs_completed(config: dict, subject: Subject, period: Period) -> QuerySet[Repair]:
    # RP02: responsive repairs completed during the year; cancelled and reclassified repairs
    # are "closed for any other reason" and are not completed.
    start, end = _moments(period)
    repairs = records_of(Repair, subject, relevant_only=_is_tsm(config)).filter(
        kind=Repair.Kind.RESPONSIVE,
        status=Repair.Status.COMPLETED,
        completed_at__gte=start,
        completed_at__lt=end,
    )
    emergency = config.get("emergency")
    if emergency is not None:
        repairs = repairs.filter(priority__is_emergency=emergency)
    return repairs


_ON_TIME = Q(completed_at__lte=F("due_at"))


def repairs_on_time(config: dict, subject: Subject, period: Period) -> Measure:
    """RP02: of responsive repairs completed in the period, those within the landlord's target
    timescale for their priority (1: non-emergency, 2: emergency)."""
    totals = _repairs_completed(config, subject, period).aggregate(
        done=Count("pk"), on_time=Count("pk", filter=_ON_TIME)
    )
    return _ratio(totals["on_time"], totals["done"])


def repairs_on_time_evidence(config, subject, period) -> Evidence:
    repairs = _repairs_completed(config, subject, period).select_related("priority")
    return Evidence(
        Repair,
        _("repairs completed within target"),
        _("repairs completed"),
        repairs.filter(_ON_TIME),
        repairs.exclude(_ON_TIME).order_by("completed_at"),
        (_("Completed within target"), TOP_AND_BOTTOM),
        (_("Completed late"), BOTTOM_ONLY),
    )


def repair_average_days(config: dict, subject: Subject, period: Period) -> Measure:
    """The average calendar days from report to completion of repairs completed in the
    period (Best Value)."""
    rows = _repairs_completed(config, subject, period).values_list("reported_at", "completed_at")
    total = count = 0
    for reported_at, completed_at in rows.iterator(chunk_size=20_000):
        total += (completed_at - reported_at).total_seconds()
        count += 1
    days = Decimal(total) / 86400
    return Measure(days, Decimal(count), days / count if count else None)


def repair_average_days_evidence(config, subject, period) -> Evidence:
    repairs = _repairs_completed(config, subject, period).select_related("priority")
    return Evidence(
        Repair,
        _("repairs completed"),
        _("repairs completed"),
        repairs,
        None,
        (
            _("Repairs completed in the period"),
            _("each one's days from report to completion are in the average"),
        ),
    )


# --- complaints (CH01, CH02) -----------------------------------------------------------------


def _complaints_made(config: dict, subject: Subject, period: Period) -> QuerySet[Complaint]:
    # CH01/CH02 count complaints made during the year: stage 1 by the day it was received,
    # stage 2 by the day escalation was asked for.
    made_on = "received_on" if config["stage"] == 1 else "escalated_on"
    return records_of(Complaint, subject, relevant_only=True).filter(
        **{f"{made_on}__gte": period.start, f"{made_on}__lte": period.end}
    )


def complaints_made(config: dict, subject: Subject, period: Period) -> Measure:
    """CH01: complaints made in the period per 1,000 homes on the snapshot day."""
    made = _complaints_made(config, subject, period).count()
    homes = homes_on(subject, snapshot_day(period, config), relevant_only=True).count()
    return _ratio(made, homes, THOUSAND)


def complaints_made_evidence(config, subject, period) -> Evidence:
    made = _complaints_made(config, subject, period)
    return Evidence(
        Complaint,
        _("complaints made"),
        _("complaints made"),
        made,
        None,
        (_("Complaints made in the period"), _("each one counted in the figure")),
    )


def _answered_in_time(config: dict, subject: Subject, period: Period) -> tuple[list, list, list]:
    stage = config["stage"]
    prefix = f"stage{stage}_"
    fields = ("pk", "received_on", "escalated_on", f"{prefix}acknowledged_on",
              f"{prefix}responded_on", f"{prefix}extension_days")  # fmt: skip
    in_time, late, waiting = [], [], []
    today = timezone.localdate()
    # Working days cannot be counted in SQL portably; a year's complaints are few enough to
    # judge one by one with the same function the complaint pages use.
    for pk, received, escalated, acknowledged, responded, extension in (
        _complaints_made(config, subject, period).values_list(*fields).iterator()
    ):
        start = received if stage == 1 else escalated
        allowed = extension if config.get("extensions") else 0
        if responded is None:
            due = complaint_deadlines(stage, start, acknowledged, allowed)
            if due.respond_by_with_extension >= today:
                waiting.append(pk)  # still within its time: neither in time nor late yet
                continue
            late.append(pk)
            continue
        met = answered_within_code(stage, start, acknowledged, responded, allowed)
        (in_time if met else late).append(pk)
    return in_time, late, waiting


def complaints_in_time(config: dict, subject: Subject, period: Period) -> Measure:
    """CH02: of the complaints made in the period at a stage, those answered within the
    Complaint Handling Code's timescales — with the extension agreed for each complaint, or
    (the "N" indicators) without any extension. A complaint not answered by its deadline is
    not in time; one still within its time is not counted yet."""
    in_time, late, _waiting = _answered_in_time(config, subject, period)
    return _ratio(len(in_time), len(in_time) + len(late))


def complaints_in_time_evidence(config, subject, period) -> Evidence:
    in_time, late, waiting = _answered_in_time(config, subject, period)
    notes = []
    if waiting:
        notes.append(str(_(
            "%(count)s complaints made in the period are still within their time: they are "
            "counted once they are answered or their deadline passes."
        ) % {"count": len(waiting)}))  # fmt: skip
    return Evidence(
        Complaint,
        _("complaints answered within the Code's timescales"),
        _("complaints answered, or not answered by their deadline"),
        Complaint.objects.filter(pk__in=in_time),
        Complaint.objects.filter(pk__in=late),
        (_("Answered within the Code's timescales"), TOP_AND_BOTTOM),
        (_("Answered late, or not answered by the deadline"), BOTTOM_ONLY),
        notes,
    )


# --- anti-social behaviour (NM01) ------------------------------------------------------------


def _asb_opened(config: dict, subject: Subject, period: Period) -> QuerySet[AsbCase]:
    cases = records_of(AsbCase, subject, relevant_only=True).filter(
        opened_on__gte=period.start, opened_on__lte=period.end
    )
    return cases.filter(is_hate_incident=True) if config.get("hate_only") else cases


def asb_cases(config: dict, subject: Subject, period: Period) -> Measure:
    """NM01: cases opened in the period (2: those involving hate incidents) per 1,000 homes.

    Cases, not reports: a repeat report of a matter while its case is open joins that case,
    and a case involves a hate incident when any of its reports is one (`records.asb`)."""
    opened = _asb_opened(config, subject, period).count()
    homes = homes_on(subject, snapshot_day(period, config), relevant_only=True).count()
    return _ratio(opened, homes, THOUSAND)


def asb_cases_evidence(config, subject, period) -> Evidence:
    cases = _asb_opened(config, subject, period)
    return Evidence(
        AsbCase,
        _("cases opened"),
        _("cases opened"),
        cases,
        None,
        (_("Cases opened in the period"), _("each one counted in the figure")),
    )


# --- Decent Homes (RP01) ---------------------------------------------------------------------


def _decency(config: dict, subject: Subject, period: Period) -> QuerySet[Home]:
    day = snapshot_day(period, config)
    latest = DecentHomesStatus.objects.filter(home=OuterRef("pk"), since__lte=day).order_by(
        "-since"
    )
    return homes_on(subject, day, relevant_only=True).annotate(
        meets=Subquery(latest.values("meets_standard")[:1])
    )


def _decency_rules(config: dict) -> tuple[Q, Q]:
    """Which homes fail, and which count at all. Homes with no recorded status are left out
    of the denominator by default (❓ in the definition), or counted as decent or as failing
    if the indicator's `unknown` says so."""
    unknown = config.get("unknown", "exclude")
    failing = Q(meets=False) | (Q(meets__isnull=True) if unknown == "non_decent" else Q(pk=None))
    counted = Q(meets__isnull=False) if unknown == "exclude" else Q()
    return failing, counted


def non_decent_homes(config: dict, subject: Subject, period: Period) -> Measure:
    """RP01: homes failing the Decent Homes Standard on the snapshot day, out of the homes the
    standard applies to."""
    failing, counted = _decency_rules(config)
    totals = _decency(config, subject, period).aggregate(
        applies=Count("pk", filter=counted), failing=Count("pk", filter=failing)
    )
    return _ratio(totals["failing"], totals["applies"])


def non_decent_homes_evidence(config, subject, period) -> Evidence:
    homes = _decency(config, subject, period)
    failing, counted = _decency_rules(config)
    notes = []
    if config.get("unknown", "exclude") == "exclude":
        missing = homes.filter(meets__isnull=True).count()
        if missing:
            notes.append(str(_("%(count)s homes have no Decent Homes status and are left out.")
                             % {"count": missing}))  # fmt: skip
    return Evidence(
        Home,
        _("homes not meeting the standard"),
        _("homes the standard applies to"),
        homes.filter(failing).select_related("estate"),
        homes.filter(counted).exclude(failing).select_related("estate"),
        (_("Not meeting the standard"), TOP_AND_BOTTOM),
        (_("Meeting the standard"), BOTTOM_ONLY),
        notes,
    )


# --- building safety (BS01–BS05) -------------------------------------------------------------


def _safety(config: dict, subject: Subject, period: Period) -> QuerySet[Home]:
    """The subject's homes needing a check of the kind on the snapshot day (a requirement on
    the home or its block is in force), marked `valid` when a check of that kind on the home
    or its block was carried out within the requirement's interval before that day."""
    kind, day = config["kind"], snapshot_day(period, config)
    requirements = SafetyRequirement.objects.in_force(day).filter(kind=kind)
    # A check stays valid for the requirement's interval; intervals are few (12, 24, 60
    # months), so each becomes one date condition rather than date arithmetic in SQL.
    intervals = sorted(set(requirements.values_list("interval_months", flat=True)))

    def carried_out_within(months: int) -> Q:
        return safety.on_home_or_block(
            SafetyCheck.objects.filter(safety.valid_q(day, months), kind=kind)
        )

    if len(intervals) == 1:  # the usual case: one interval for every home needing the check
        valid = carried_out_within(intervals[0])
    else:
        # Any requirement met counts, with each requirement's own interval (documented).
        valid = Q(pk=None)
        for months in intervals:
            required = safety.on_home_or_block(requirements.filter(interval_months=months))
            valid |= required & carried_out_within(months)
    homes = homes_on(subject, day, relevant_only=True).filter(safety.on_home_or_block(requirements))
    return homes.annotate(valid=valid)


def safety_checks(config: dict, subject: Subject, period: Period) -> Measure:
    """BS01–BS05: of homes needing the check on the snapshot day, those for which it was
    carried out within its interval (a valid certificate on that day)."""
    totals = _safety(config, subject, period).aggregate(
        required=Count("pk"), carried_out=Count("pk", filter=Q(valid=True))
    )
    return _ratio(totals["carried_out"], totals["required"])


def safety_checks_evidence(config, subject, period) -> Evidence:
    homes = _safety(config, subject, period).select_related("estate")
    return Evidence(
        Home,
        _("homes with every required check carried out"),
        _("homes needing the check"),
        homes.filter(valid=True),
        homes.filter(valid=False),
        (_("Check carried out and in date"), TOP_AND_BOTTOM),
        (_("Check not carried out, or out of date"), BOTTOM_ONLY),
    )


# --- rent (Best Value) -----------------------------------------------------------------------


def _rent_periods(config: dict, subject: Subject, period: Period) -> QuerySet[RentPeriod]:
    # A rent period counts in the reporting period in which it ends, so a week straddling
    # 31 March counts once, in the year it finishes.
    return records_of(RentPeriod, subject, relevant_only=False).filter(
        ends_on__gte=period.start, ends_on__lte=period.end
    )


def rent_collected(config: dict, subject: Subject, period: Period) -> Measure:
    """Rent collected as a share of rent due, over the rent periods ending in the period."""
    totals = _rent_periods(config, subject, period).aggregate(
        due=Sum("rent_due"), collected=Sum("collected")
    )
    if not totals["due"]:
        return Measure(totals["collected"], totals["due"], None)
    return _ratio(totals["collected"], totals["due"])


def rent_collected_evidence(config, subject, period) -> Evidence:
    return Evidence(
        RentPeriod,
        _("rent periods ending in the period"),
        _("rent periods ending in the period"),
        _rent_periods(config, subject, period),
        None,
        (
            _("Rent periods ending in the period"),
            _("the rent collected in each is in the top, the rent due in the bottom"),
        ),
    )


# --- voids (Best Value re-let time) ----------------------------------------------------------


def void_clock(subject: Subject, period: Period) -> tuple[str, str, bool]:
    """The void definition the subject's agreement in force at the period's end sets, to
    describe the figure; each void is timed by its own (`tenantry.records.voids`)."""
    agreement = None
    if subject.scope in (Scope.ORGANISATION, Scope.ESTATE):
        agreement = (
            ManagementAgreement.objects.in_force(period.end)
            .filter(organisation=subject.organisation)
            .order_by("-starts_on")
            .first()
        )
    clock = clock_of(agreement)
    return clock.starts, clock.stops, clock.excludes_major_works


def _voids_ended(config: dict, subject: Subject, period: Period) -> QuerySet[Void]:
    # A void counts in the period its clock stops (for Best Value: the year it is let), timed
    # by its own void clock. Decants are left out, as the Best Value definition does.
    voids = with_void_clock(records_of(Void, subject, relevant_only=False)).filter(
        clock_stop_on__gte=period.start, clock_stop_on__lte=period.end
    )
    return voids.exclude(reason=Void.Reason.DECANT).exclude(
        clock_excludes_major_works=True, major_works=True
    )


def relet_days(config: dict, subject: Subject, period: Period) -> Measure:
    """Average days a home stood empty, each void by `tenantry.records.voids` (the days
    strictly between its clock's start and stop: the Best Value definition)."""
    total = count = 0
    for start, stop in _voids_ended(config, subject, period).values_list(
        "clock_start_on", "clock_stop_on"
    ):
        total += days_between(start, stop)
        count += 1
    return Measure(Decimal(total), Decimal(count), Decimal(total) / count if count else None)


def relet_days_evidence(config, subject, period) -> Evidence:
    return Evidence(
        Void,
        _("voids timed"),
        _("voids timed"),
        _voids_ended(config, subject, period),
        None,
        (
            _("Voids whose clock stopped in the period"),
            _("each one's days empty are in the average"),
        ),
    )


# --- estate inspections (local indicators) ---------------------------------------------------


def _inspections(config: dict, subject: Subject, period: Period) -> QuerySet[EstateInspection]:
    return records_of(EstateInspection, subject, relevant_only=False).filter(
        inspected_on__gte=period.start, inspected_on__lte=period.end
    )


def inspection_score(config: dict, subject: Subject, period: Period) -> Measure:
    """The average of one inspection score (1–5) over the inspections in the period."""
    score = config["score"]
    if score not in EstateInspection.SCORES:
        raise ValueError(f"{score!r} is not an inspection score")
    totals = _inspections(config, subject, period).aggregate(total=Sum(score), count=Count("pk"))
    return _ratio(totals["total"], totals["count"], Decimal(1))


def inspection_score_evidence(config, subject, period) -> Evidence:
    return Evidence(
        EstateInspection,
        _("inspections"),
        _("inspections"),
        _inspections(config, subject, period),
        None,
        (_("Inspections in the period"), _("each one's score is in the average")),
    )


# --- the registry ----------------------------------------------------------------------------

Calculator = Callable[[dict, Subject, Period], Measure]


@dataclass(frozen=True)
class Calculation:
    """One calculator: its figure, the records behind it, and the kinds of service record it
    reads (slugs of `records.kinds.KINDS`) — the one place that says which stored results go
    out of date when records of a kind change (`indicators/recalculation.py`)."""

    measure: Calculator
    evidence: Callable[..., Evidence]
    reads: tuple[str, ...]


CALCULATORS: dict[str, Calculation] = {
    "repairs_on_time": Calculation(repairs_on_time, repairs_on_time_evidence, ("repairs",)),
    "repair_average_days": Calculation(
        repair_average_days, repair_average_days_evidence, ("repairs",)
    ),
    "complaints_made": Calculation(complaints_made, complaints_made_evidence, ("complaints",)),
    "complaints_in_time": Calculation(
        complaints_in_time, complaints_in_time_evidence, ("complaints",)
    ),
    "asb_cases": Calculation(asb_cases, asb_cases_evidence, ("asb",)),
    "non_decent_homes": Calculation(non_decent_homes, non_decent_homes_evidence, ("decent-homes",)),
    "safety_checks": Calculation(safety_checks, safety_checks_evidence, ("safety-checks",)),
    "rent_collected": Calculation(rent_collected, rent_collected_evidence, ("rent",)),
    "relet_days": Calculation(relet_days, relet_days_evidence, ("voids",)),
    "inspection_score": Calculation(inspection_score, inspection_score_evidence, ("inspections",)),
}


def calculators_reading(kind: str) -> list[str]:
    """The calculators whose figures count records of a kind."""
    return [name for name, calculation in CALCULATORS.items() if kind in calculation.reads]


def _config(indicator: Indicator) -> dict[str, Any]:
    return {"framework": indicator.framework, **indicator.config}


def calculator_of(indicator: Indicator) -> str:
    if indicator.source == Source.INSPECTIONS:
        return "inspection_score"
    return indicator.calculator if indicator.source == Source.RECORDS else ""


def calculate(indicator: Indicator, subject: Subject, period: Period) -> Measure | None:
    """The indicator's figure for the subject and period; None if it is not computed (entered
    by hand or from a survey)."""
    name = calculator_of(indicator)
    if not name:
        return None
    measure = CALCULATORS[name].measure(_config(indicator), subject, period)
    return rounded(measure)


def evidence(
    indicator: Indicator, subject: Subject, period: Period, *, measure: bool = True
) -> Evidence | None:
    """The records behind the indicator's figure, with (unless `measure` is False) the figure
    itself worked out by the same calculator as `calculate` (and so as every stored result)."""
    name = calculator_of(indicator)
    if not name:
        return None
    found = CALCULATORS[name].evidence(_config(indicator), subject, period)
    if measure:
        found.measure = calculate(indicator, subject, period)
    return found


def rounded(measure: Measure) -> Measure:
    """Counts and sums are stored to 2 decimal places and values to 4; pages round values to
    the indicator's own places."""

    def places(number: Decimal | None, exponent: str) -> Decimal | None:
        return (
            None if number is None else Decimal(number).quantize(Decimal(exponent), ROUND_HALF_UP)
        )

    return Measure(
        places(measure.numerator, "0.01"),
        places(measure.denominator, "0.01"),
        places(measure.value, "0.0001"),
    )
