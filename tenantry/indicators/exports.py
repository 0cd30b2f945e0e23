"""Spreadsheets of results: the figures on screen, and the regulator's annual TSM return layout.

Two layouts, each a list of column headings and rows of plain values, written out as CSV or as
an Excel workbook by core/exports.py:

- `results_layout`: every stored result for a period, all the organisation's scopes, with the
  numerator, denominator, value, unit and when it was worked out.
- `tsm_return_layout`: one row per landlord (a landlord's whole stock first; then, to help it
  put the return together, its directly managed homes and each organisation it works with)
  under the column headings of the Regulator of Social Housing's published management
  information table for 2024/25 ("TSM25_Management_Info"). The headings are the regulator's
  own, without the footnote digits the published workbook puts on some of them.

A missing figure is an empty cell, never 0.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tenantry.core import exports as files
from tenantry.core.deadlines import LONDON
from tenantry.core.figures import rounded
from tenantry.core.periods import Period
from tenantry.organisations.models import Organisation, Region
from tenantry.records.models import Repair

from .calculators import Subject, homes_on, records_of
from .models import Indicator, Result, Scope
from .scopes import ScopeChoice, results_of, results_of_each
from .timescales import Timescales, repair_timescales

Cell = str | int | float | Decimal | date | datetime | None


@dataclass
class Layout:
    title: str
    headers: list[str]
    rows: list[list[Cell]]


# --- the results on screen -------------------------------------------------------------------


def _labels(field) -> dict[str, str]:
    """A choice field's values and their labels in the current language."""
    return {value: str(label) for value, label in field.flatchoices}


def results_layout(*, scopes: list[ScopeChoice], period: Period) -> Layout:
    """Every stored result of the period for each of the scopes, national indicators first."""
    headers = [
        _("Whose homes"),
        _("Stock type"),
        _("Period"),
        _("Period starts"),
        _("Period ends"),
        _("Indicator code"),
        _("Indicator"),
        _("Framework"),
        _("Unit"),
        _("Higher is better"),
        _("Numerator"),
        _("Denominator"),
        _("Value"),
        _("Source"),
        _("Worked out at"),
        _("Note"),
    ]
    # Each label translated once, not once a row (thousands of rows for a council).
    stock_types = {"": _("All homes"), **_labels(Result._meta.get_field("stock_type"))}
    sources = _labels(Result._meta.get_field("source"))
    frameworks = _labels(Indicator._meta.get_field("framework"))
    units = _labels(Indicator._meta.get_field("unit"))
    yes_no = {True: _("Yes"), False: _("No")}
    # Plain values, not a model a result: a council's period has thousands of rows. Every
    # scope's in one query, in each scope's order, then set out scope by scope.
    found = (
        results_of_each([choice.subject for choice in scopes], period=period)
        .order_by("indicator__framework", "indicator__order", "indicator__code", "stock_type")
        .values_list(
            "organisation_id", "scope", "estate_id",
            "stock_type", "period_label", "period_start", "period_end", "indicator__code",
            "indicator__name", "indicator__framework", "indicator__unit",
            "indicator__higher_is_better", "numerator", "denominator", "value", "source",
            "computed_at", "note",
        )
    )  # fmt: skip
    by_subject: dict[tuple, list[tuple]] = defaultdict(list)
    for organisation_id, scope, estate_id, *values in found:
        by_subject[(organisation_id, scope, estate_id)].append(values)
    rows = []
    for choice in scopes:
        subject = choice.subject
        whose = (
            subject.organisation.pk,
            subject.scope,
            subject.estate.pk if subject.estate else None,
        )
        for (
            stock_type, period_label, starts, ends, code, name, framework, unit, higher,
            numerator, denominator, value, source, computed_at, note,
        ) in by_subject[whose]:  # fmt: skip
            rows.append(
                [
                    subject.label,
                    stock_types.get(stock_type, stock_type),
                    period_label,
                    starts,
                    ends,
                    code,
                    name,
                    frameworks.get(framework, framework),
                    units.get(unit, unit),
                    yes_no[higher],
                    numerator,
                    denominator,
                    value,
                    sources.get(source, source),
                    computed_at,
                    note,
                ]
            )
    return Layout(_("Results %(period)s") % {"period": period.label}, headers, rows)


# --- the regulator's return ------------------------------------------------------------------


@dataclass
class ReturnRow:
    """What one row of the return reads: whose figures, the year's results and the counts."""

    name: str
    organisation: Organisation
    subject: Subject
    results: dict[tuple[str, str], Result]  # (indicator code, stock type)
    timescales: Timescales | None
    repairs: dict[str, int]
    homes: int

    def result(self, code: str, stock: str = "") -> Result | None:
        return self.results.get((code, stock))


def _one_place(value: Decimal | None) -> Decimal | None:
    # The regulator publishes each proportion and rate to one decimal place.
    return rounded(value, 1)


def _whole(value: Decimal | None) -> int | None:
    return None if value is None else int(rounded(value, 0))


def value_of(code: str, stock: str = "") -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        result = row.result(code, stock)
        return _one_place(result.value) if result else None

    return cell


def numerator_of(code: str, stock: str = "") -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        result = row.result(code, stock)
        return _whole(result.numerator) if result else None

    return cell


def denominator_of(code: str, stock: str = "") -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        result = row.result(code, stock)
        return _whole(result.denominator) if result else None

    return cell


def owned(code: str) -> Callable[[ReturnRow], Cell]:
    """ "Did you own dwelling units to which this TSM applies at year end?": yes when the
    measure had homes to count."""

    def cell(row: ReturnRow) -> Cell:
        result = row.result(code)
        if result is None or result.denominator is None:
            return None
        return "Yes" if result.denominator > 0 else "No"

    return cell


def with_extension(stage: int, stock: str) -> Callable[[ReturnRow], Cell]:
    """Complaints answered in time only thanks to an extension: those in time with extensions
    counted, less those in time without."""

    def cell(row: ReturnRow) -> Cell:
        all_in_time = row.result(f"CH02-{stage}", stock)
        without = row.result(f"CH02-{stage}N", stock)
        if all_in_time is None or without is None:
            return None
        if all_in_time.numerator is None or without.numerator is None:
            return None
        return _whole(all_in_time.numerator - without.numerator)

    return cell


def _timescale(emergency: bool) -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        if row.timescales is None:
            return None
        priority = row.timescales.emergency if emergency else row.timescales.non_emergency
        return priority.target_amount if priority else None

    return cell


def _several(emergency: bool) -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        if row.timescales is None:
            return None
        several = (
            row.timescales.emergency_several if emergency else row.timescales.non_emergency_several
        )
        return "Yes" if several else "No"

    return cell


def _outline(emergency: bool) -> Callable[[ReturnRow], Cell]:
    def cell(row: ReturnRow) -> Cell:
        if row.timescales is None:
            return None
        several = (
            row.timescales.emergency_several if emergency else row.timescales.non_emergency_several
        )
        # The regulator's [Z]: no response was required, having only one timescale.
        return row.timescales.outline(emergency=emergency) if several else "[Z]"

    return cell


LANDLORD_TYPES = {Organisation.Kind.COUNCIL: "LA", Organisation.Kind.HOUSING_ASSOCIATION: "PRP"}
# The regulator groups landlords into five broad regions.
BROAD_REGIONS = {
    Region.LONDON: "London",
    Region.SOUTH_EAST: "South",
    Region.SOUTH_WEST: "South",
    Region.EAST: "South",
    Region.EAST_MIDLANDS: "Midlands",
    Region.WEST_MIDLANDS: "Midlands",
    Region.NORTH_EAST: "North",
    Region.NORTH_WEST: "North",
    Region.YORKSHIRE: "North",
}


def size_band(homes: int) -> str:
    """The regulator's group size bands (homes owned, LCRA and LCHO combined)."""
    if homes < 5000:
        return "<5,000"
    if homes <= 40000:
        return "5,000-40,000"
    return ">40,000"


_LCRA, _LCHO, _COMBINED = "lcra", "lcho", ""
_STOCKS = (("LCRA", _LCRA), ("LCHO", _LCHO), ("Combined", _COMBINED))
_WITHOUT = "what number were responded to within Complaint Handling Code timescales – without the use of the {days} day extension"  # noqa: E501
_WITH = "what number were responded to within Complaint Handling Code timescales – with the use of the {days} day extension"  # noqa: E501
_SAFETY = {
    "BS01": "gas safety checks",
    "BS02": "fire risk assessments",
    "BS03": "asbestos management surveys or re-inspections",
    "BS04": "legionella risk assessments",
    "BS05": "communal passenger lift safety checks",
}
_OWNED = "Did you own dwelling units to which this TSM applies at year end? ({code})"


def _columns() -> list[tuple[str, Callable[[ReturnRow], Cell]]]:
    """The return's columns in the regulator's order, each with how its cell is filled."""
    columns: list[tuple[str, Callable[[ReturnRow], Cell]]] = [
        ("Landlord name", lambda row: row.name),
        ("Landlord code", lambda row: row.organisation.registered_number or None),
        ("Landlord type", lambda row: LANDLORD_TYPES.get(row.organisation.kind)),
        ("Landlord TSM Publication URL", lambda row: None),
        ("Landlord group size (homes owned, LCRA and LCHO combined)",
         lambda row: size_band(row.homes)),
        ("Landlord predominant region", lambda row: BROAD_REGIONS.get(row.organisation.region)),
        ("LCRA above 30% supported housing", lambda row: None),
        ("Any additional notes from RSH", lambda row: None),
    ]  # fmt: skip
    for code, checks in _SAFETY.items():
        columns.append((_OWNED.format(code=code), owned(code)))
        columns.append(
            (f"Proportion of homes for which all required {checks} have been carried out ({code})",
             value_of(code))
        )  # fmt: skip
    columns += [
        ("Number of anti-social behaviour cases, opened per 1,000 homes (NM01 1)",
         value_of("NM01-1")),
        ("Number of anti-social behaviour cases that involve hate incidents opened per 1,000 "
         "homes (NM01 2)", value_of("NM01-2")),
        (_OWNED.format(code="RP01"), owned("RP01")),
        ("Proportion of homes that do not meet the Decent Homes Standard (RP01)",
         value_of("RP01")),
        (_OWNED.format(code="RP02 1"), owned("RP02-1")),
        ("Proportion of non-emergency responsive repairs completed within the landlord’s target "
         "timescale (RP02 1)", value_of("RP02-1")),
        (_OWNED.format(code="RP02 2"), owned("RP02-2")),
        ("Proportion of emergency responsive repairs completed within the landlord’s target "
         "timescale (RP02 2)", value_of("RP02-2")),
        ("What is your (maximum) target timescale for non-emergency repairs used to calculate "
         "RP02 (1)?", _timescale(emergency=False)),
        ("Did you have more than one target timescale for non-emergency repairs?",
         _several(emergency=False)),
        ("If you do have more than one target timescale for non-emergency repairs, then please "
         "provide us with a brief outline of what timescales you use", _outline(emergency=False)),
        ("What is your (maximum) target timescale for emergency repairs used to calculate RP02 "
         "(2)?", _timescale(emergency=True)),
        ("Did you have more than one target timescale for emergency repairs used to calculate "
         "RP02 (pt2)?", _several(emergency=True)),
        ("If you do have more than one target timescale for emergency repairs, then please "
         "provide us with a brief outline of what timescales you use", _outline(emergency=True)),
    ]  # fmt: skip
    for label, stock in _STOCKS:
        columns += [
            (f"{label} - Number of stage one complaints made by tenants in the relevant stock "
             "type during the reporting year per 1,000 homes (CH01 1)", value_of("CH01-1", stock)),
            (f"{label} - Proportion of stage one complaints responded to within the Housing "
             "Ombudsman’s Complaint Handling Code timescales (CH02 1)", value_of("CH02-1", stock)),
            (f"{label} - Number of stage two complaints made by tenants in the relevant stock "
             "type during the reporting year per 1,000 homes (CH01 2)", value_of("CH01-2", stock)),
            (f"{label} - Proportion of stage two complaints responded to within the Housing "
             "Ombudsman’s Complaint Handling Code timescales (CH02 2)", value_of("CH02-2", stock)),
        ]  # fmt: skip
    safety_counts = {
        "BS01": (
            "Number of dwelling units owned for which all required gas safety checks were carried "
            "out and recorded as at year end (BS01 Numerator)",
            "Number of dwelling units owned for which gas safety checks were required to have "
            "been carried out as at year end (BS01 Denominator)",
        ),
        "BS02": (
            "Number of dwelling units owned within properties that required an FRA for which all "
            "required FRAs were carried out and recorded as at year end (BS02 Numerator)",
            "Number of dwelling units owned within properties for which an FRA was required to "
            "have been carried out as at year end (BS02 Denominator)",
        ),
        "BS03": (
            "Number of dwelling units owned within properties that required an asbestos "
            "management survey or re-inspection for which all required asbestos management "
            "surveys or re-inspections were carried out and recorded as at year end (BS03 "
            "Numerator)",
            "Number of dwelling units owned within properties for which an asbestos management "
            "survey or re-inspection was required to have been carried out as at year end (BS03 "
            "Denominator)",
        ),
        "BS04": (
            "Number of dwelling units owned for which all required legionella risk assessments "
            "(LRAs) were carried out and recorded as at year end (BS04 Numerator)",
            "Number of dwelling units owned for which an LRA was required to have been carried "
            "out as at year end (BS04 Denominator)",
        ),
        "BS05": (
            "Number of dwelling units owned within properties with communal passenger lifts for "
            "which all Lifting Operations and Lifting Equipment Regulations (LOLER) inspection "
            "reports were carried out and recorded as at year end (BS05 Numerator)",
            "Number of dwelling units owned within properties with communal passenger lifts as at "
            "year end (BS05 Denominator)",
        ),
    }
    for code, (numerator, denominator) in safety_counts.items():
        columns += [(numerator, numerator_of(code)), (denominator, denominator_of(code))]
    columns += [
        ("Total number of anti-social behaviour cases opened by or on behalf of the provider "
         "during the reporting year (including any ASB cases that involve hate incidents) (NM01 1 "
         "Numerator)", numerator_of("NM01-1")),
        ("Number of dwelling units owned of the relevant social housing stock at year end (LCRA "
         "+ LCHO) (NM01 1 Denominator)", denominator_of("NM01-1")),
        ("Number of anti-social behaviour cases (as reported in part 1) that involve hate "
         "incidents opened by or on behalf of the provider during the reporting year (NM01 2 "
         "Numerator)", numerator_of("NM01-2")),
        ("Number of dwelling units owned of the relevant social housing stock at year end (LCRA "
         "+ LCHO) (NM01 2 Denominator)", denominator_of("NM01-2")),
        ("Number of dwelling units owned to which the Decent Homes Standard applied which failed "
         "the Decent Homes Standard at year end (RP01 Numerator)", numerator_of("RP01")),
        ("Number of dwelling units owned to which the Decent Homes Standard applied at year end "
         "(RP01 Denominator)", denominator_of("RP01")),
        ("Number of non-emergency responsive repairs completed within the provider’s target "
         "timescale during the reporting year (RP02 1 Numerator)", numerator_of("RP02-1")),
        ("Number of non-emergency responsive repairs completed during the reporting year (RP02 1 "
         "Denominator)", denominator_of("RP02-1")),
        ("Number of emergency responsive repairs completed within the provider’s target "
         "timescale during the reporting year (RP02 2 Numerator)", numerator_of("RP02-2")),
        ("Number of emergency responsive repairs completed during the reporting year (RP02 2 "
         "Denominator)", denominator_of("RP02-2")),
        ("Number of responsive repairs raised during the reporting year",
         lambda row: row.repairs["raised"]),
        ("Number of responsive repairs completed during the reporting year",
         lambda row: row.repairs["completed"]),
        ("Number of responsive repairs closed during the reporting year for any reason apart "
         "from completion (e.g. cancellation)", lambda row: row.repairs["closed"]),
        ("Number of outstanding responsive repairs that had not been completed "
         "('work-in-progress') at year end", lambda row: row.repairs["outstanding"]),
    ]  # fmt: skip
    for label, stock in _STOCKS:
        columns += [
            (f"{label} - Number of stage one complaints made by tenants in the relevant stock "
             "type during the reporting year (CH01 1 Numerator)", numerator_of("CH01-1", stock)),
            (f"{label} - Number of dwelling units owned of the relevant stock type at year end "
             "(CH01 1 Denominator)", denominator_of("CH01-1", stock)),
            (f"{label} - Number of stage one complaints made by tenants during the reporting year "
             "for the relevant stock type that were responded to within the Housing Ombudsman’s "
             "Complaint Handling Code timescale (CH02 1 Numerator)", numerator_of("CH02-1", stock)),
            (f"{label} - Number of stage one complaints made by tenants in the relevant stock "
             "type during the reporting year (CH02 1 Denominator)",
             denominator_of("CH02-1", stock)),
            (f"{label} - Out of the number of stage one complaints made by tenants, "
             + _WITHOUT.format(days=10), numerator_of("CH02-1N", stock)),
            (f"{label} - Out of the number of stage one complaints made by tenants, "
             + _WITH.format(days=10), with_extension(1, stock)),
            (f"{label} - Number of stage two complaints made by tenants in the relevant stock "
             "type during the reporting year (CH01 2 Numerator)", numerator_of("CH01-2", stock)),
            (f"{label} - Number of dwelling units owned of the relevant stock type at year end "
             "(CH01 2 Denominator)", denominator_of("CH01-2", stock)),
            (f"{label} - Number of stage two complaints made by tenants during the reporting year "
             "for the relevant stock type that were responded to within the Housing Ombudsman’s "
             "Complaint Handling Code timescale (CH02 2 Numerator)", numerator_of("CH02-2", stock)),
            (f"{label} - Number of stage two complaints made by tenants in the relevant stock "
             "type during the reporting year (CH02 2 Denominator)",
             denominator_of("CH02-2", stock)),
            (f"{label} - Out of the number of stage two complaints made by tenants, "
             + _WITHOUT.format(days=20), numerator_of("CH02-2N", stock)),
            (f"{label} - Out of the number of stage two complaints made by tenants, "
             + _WITH.format(days=20), with_extension(2, stock)),
        ]  # fmt: skip
    return columns


COLUMNS = _columns()
TSM_RETURN_HEADERS = [header for header, _cell in COLUMNS]


def responsive_repair_counts(*, subject: Subject, period: Period) -> dict[str, int]:
    """The counts the return asks for beside RP02, for responsive repairs in the relevant stock:

    - raised: reported during the year;
    - completed: completed during the year;
    - closed: cancelled or reclassified as planned work. Tenantry keeps no date for closing a
      repair any other way than completing it, so these are counted by the year they were
      reported in (documented in docs/indicators.md);
    - outstanding: reported by year end and not completed by then, leaving out those closed
      another way.
    """
    start = datetime.combine(period.start, time(), tzinfo=LONDON)
    end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=LONDON)
    closed_otherwise = (Repair.Status.CANCELLED, Repair.Status.RECLASSIFIED)
    reported_in_year = Q(reported_at__gte=start, reported_at__lt=end)
    repairs = records_of(Repair, subject, relevant_only=True).filter(kind=Repair.Kind.RESPONSIVE)
    # Only repairs one of the counts can take: those reported in the year, completed since it
    # began, or still open. Earlier years' finished repairs (two thirds of a landlord's
    # records) are left unread, so each remaining repair's home is looked up by its key rather
    # than every home of the landlord hashed (43 ms to 8 ms for a TMO at 125,000 homes).
    repairs = repairs.filter(
        reported_in_year | Q(completed_at__gte=start) | Q(status=Repair.Status.OPEN)
    )
    return repairs.aggregate(
        raised=Count("pk", filter=reported_in_year),
        completed=Count(
            "pk",
            filter=Q(status=Repair.Status.COMPLETED, completed_at__gte=start, completed_at__lt=end),
        ),
        closed=Count("pk", filter=reported_in_year & Q(status__in=closed_otherwise)),
        outstanding=Count(
            "pk",
            filter=Q(reported_at__lt=end)
            & (
                Q(status=Repair.Status.OPEN)
                | Q(status=Repair.Status.COMPLETED, completed_at__gte=end)
            ),
        ),
    )


def _return_row(name: str, organisation: Organisation, subject: Subject, year: Period):
    results = {
        (result.indicator.code, result.stock_type): result
        for result in results_of(subject, period=year)
        .filter(indicator__organisation__isnull=True)
        .select_related("indicator")
    }
    homes = homes_on(subject, year.end, relevant_only=True).count()
    return ReturnRow(
        name=name,
        organisation=organisation,
        subject=subject,
        results=results,
        timescales=repair_timescales(organisation=organisation),
        repairs=responsive_repair_counts(subject=subject, period=year),
        homes=homes,
    )


def tsm_return_layout(*, organisation: Organisation, scopes: list[ScopeChoice], year: Period):
    """The management-information part of the regulator's TSM return for one year: the
    organisation's own figures first, then (for a landlord) its directly managed homes and
    each organisation it works with, so the parts can be checked against the whole."""
    if year.kind != "year":
        raise ValueError("the TSM return is for a financial year")
    rows = []
    for choice in scopes:
        subject = choice.subject
        if subject.scope == Scope.ESTATE:
            continue  # the return is per landlord; estates are not part of it
        name = {
            Scope.LANDLORD_ALL: subject.organisation.name,
            Scope.LANDLORD_DIRECT: f"{subject.organisation.name} – {choice.label}",
        }.get(subject.scope, subject.organisation.name)
        row = _return_row(name, subject.organisation, subject, year)
        rows.append([cell(row) for _header, cell in COLUMNS])
    title = _("TSM return %(year)s") % {"year": year.label}
    return Layout(title, list(TSM_RETURN_HEADERS), rows)


# --- writing files ---------------------------------------------------------------------------


def to_rows(layout: Layout) -> list[list[Cell]]:
    """The layout as rows, headings first, for core/exports.py to write as CSV."""
    return [layout.headers, *layout.rows]


def to_sheet(layout: Layout) -> files.Sheet:
    """The layout as a workbook sheet: the headings bold and wrapped, the heading row and the
    first column kept in view (core/exports.py types the cells and neutralises formula text)."""
    return files.Sheet(layout.title, to_rows(layout), frozen_columns=1)
