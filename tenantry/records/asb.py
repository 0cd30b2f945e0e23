"""Anti-social behaviour: which case a report belongs to. One rule for every way in.

The regulator's NM01 counts *cases* opened, and "a new report about the same matter while a
case is open is not a new case; a report after the case closed is" (docs/indicators.md, NM01).
So a report is never a case by itself: `place_report` puts it in the open case of the same
matter, or opens a new case with it. The staff form, the resident's online form, the import and
the demo generator all call it; staff may then link a report to another case or split it out
(`records.asb_services`).

The same matter: the same home (or, for a report about an estate rather than a home, the same
estate and no home) and the same category. Open on the report's day: opened on or before it,
and not closed before it (a report on the day a case closes still joins it). When more than
one case is open for the matter (staff split one), the report joins the one opened first.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Exists, Min, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import AsbCase, AsbReport

CASE_PREFIX = "ASB-"


def open_on_q(day: date) -> Q:
    """Cases open on a day: opened on or before it and not closed before it."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gte=day))


def same_matter_q(*, home_id: int | None, estate_id: int | None, category: str) -> Q:
    """Cases about the same matter as a report: its home (or its estate, with no home) and
    its category."""
    place = Q(home_id=home_id) if home_id else Q(home__isnull=True, estate_id=estate_id)
    return place & Q(category=category)


def case_to_join(report: AsbReport, *, excluding: AsbCase | None = None) -> AsbCase | None:
    """The open case of the same matter the report joins, or None: it opens a new case."""
    cases = AsbCase.objects.filter(
        same_matter_q(home_id=report.home_id, estate_id=report.estate_id, category=report.category),
        open_on_q(report.received_on),
        organisation_id=report.organisation_id,
    )
    if excluding is not None:
        cases = cases.exclude(pk=excluding.pk)
    return cases.order_by("opened_on", "pk").first()


def _free_reference(organisation_id: int) -> str:
    """The next case number after the prefix that no case of the organisation has yet."""
    taken = AsbCase.objects.filter(
        organisation_id=organisation_id, reference__startswith=CASE_PREFIX
    )
    number = taken.count() + 1
    while taken.filter(reference=f"{CASE_PREFIX}{number:06d}").exists():
        number += 1
    return f"{CASE_PREFIX}{number:06d}"


def new_case_for(report: AsbReport, *, reference: str = "") -> AsbCase:
    """A new case opened by a report: its place, category and day are the report's."""
    estate_id = report.estate_id or (report.home.estate_id if report.home_id else None)
    case = AsbCase(
        organisation_id=report.organisation_id,
        reference=reference or _free_reference(report.organisation_id),
        home_id=report.home_id,
        estate_id=estate_id,
        category=report.category,
        is_hate_incident=report.is_hate_incident,
        opened_on=report.received_on,
    )
    case.full_clean()
    case.save()
    return case


def place_report(report: AsbReport) -> tuple[AsbCase, bool]:
    """Put a saved report in its case by the rule: (the case, whether it opened a new one)."""
    case = case_to_join(report)
    opened = case is None
    if opened:
        case = new_case_for(report)
    report.case = case
    report.save(update_fields=["case", "updated_at"])
    refresh_cases([case.pk])
    return case, opened


def refresh_cases(case_ids: Iterable[int]) -> list[int]:
    """Keep what a case takes from its reports: it opened on its first report's day and
    involves a hate incident if any report is one. A case left with no reports (all linked
    elsewhere) is deleted: it was never a separate matter. Returns the ids deleted."""
    ids = set(case_ids)
    if not ids:
        return []
    reports = AsbReport.objects.filter(case=OuterRef("pk"))
    cases = AsbCase.objects.filter(pk__in=ids).annotate(
        has_reports=Exists(reports),
        first=Min("reports__received_on"),
        hate=Exists(reports.filter(is_hate_incident=True)),
    )
    empty, changed = [], []
    for case in cases:
        if not case.has_reports:
            empty.append(case.pk)
            continue
        if (case.opened_on, case.is_hate_incident) != (case.first, case.hate):
            case.opened_on, case.is_hate_incident = case.first, case.hate
            if case.closed_on is not None and case.closed_on < case.opened_on:
                raise ValidationError(
                    _(
                        "%(case)s would have no report before the day it closed, "
                        "%(closed)s. Change the case's closing date first."
                    )
                    % {"case": case.reference, "closed": date_format(case.closed_on, "j M Y")}
                )
            changed.append(case)
    AsbCase.objects.bulk_update(changed, ["opened_on", "is_hate_incident"])
    AsbCase.objects.filter(pk__in=empty).delete()
    return empty


def reports_made_by(*, organisation_id: int, user_id: int):
    """The reports a person made from their own account, newest first: all they may see."""
    return (
        AsbReport.objects.filter(organisation_id=organisation_id, reported_by_id=user_id)
        .select_related("case", "home", "estate")
        .order_by("-received_on", "-pk")
    )


def place_imported_reports(*, organisation, given: dict[str, tuple]) -> None:
    """Put an imported file's reports in their cases, in the order they were received.

    `given` holds, for each report reference in the file, the case reference and the day that
    case closed, as the row gave them (or None). A row that names a case joins that case
    (opened with that reference if it is new), even one Tenantry had put elsewhere; a new
    report without one is placed by the rule. A closing day given closes the report's case
    that day. Reports already placed, and rows without a case, keep their case.
    """
    cases = {case.reference: case for case in AsbCase.objects.filter(organisation=organisation)}
    reports = sorted(
        AsbReport.objects.filter(organisation=organisation, reference__in=list(given))
        .select_related("home")
        .iterator(chunk_size=2000),
        key=lambda report: (report.received_on, report.reference),
    )
    touched: set[int] = set()
    for report in reports:
        case_reference, closed = given[report.reference]
        if case_reference:
            case = cases.get(case_reference)
            if case is None:
                case = cases[case_reference] = new_case_for(report, reference=case_reference)
            elif case.opened_on > report.received_on:
                case.opened_on = report.received_on
                case.save(update_fields=["opened_on"])
            if report.case_id != case.pk:
                if report.case_id is not None:
                    touched.add(report.case_id)
                report.case = case
                report.save(update_fields=["case"])
        elif report.case_id is None:
            case = case_to_join(report) or new_case_for(report)
            cases[case.reference] = case
            report.case = case
            report.save(update_fields=["case"])
        else:
            case = report.case
        if closed:
            day = date.fromisoformat(closed) if isinstance(closed, str) else closed
            if case.closed_on != day:
                case.closed_on = day
                case.save(update_fields=["closed_on"])
        touched.add(case.pk)
    refresh_cases(touched)
