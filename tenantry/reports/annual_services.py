"""Every change to an annual report: start it, take its figures again, write a section, choose
its languages, publish it. Each checks permission first and records who did it."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import Period, financial_year
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from . import annual
from .models import REPORT_LANGUAGES, AnnualReport, AnnualReportText
from .permissions import can_publish_annual_reports, can_write_annual_reports


class EditConflict(Exception):
    """Someone saved the section after this edit began: theirs is kept, and so is this one."""

    def __init__(self, saved: AnnualReportText):
        super().__init__("the section changed while it was being edited")
        self.saved = saved


@dataclass(frozen=True)
class SectionText:
    body: str = ""
    actions: str = ""
    outcomes: str = ""


def _what(report: AnnualReport) -> str:
    return _("Annual report %(year)s") % {"year": report.year_label}


def _locked(report: AnnualReport) -> AnnualReport:
    """The report as it stands now, its row locked until the transaction ends: a second
    publish, or a second save of the same section, waits here for the first."""
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def _draft(report: AnnualReport) -> AnnualReport:
    report = _locked(report)
    if report.is_published:
        raise ValidationError(_("This report is published, so it can no longer be changed."))
    return report


@transaction.atomic
def start_annual_report(
    *, organisation: Organisation, year: Period, by: User | None, today: date | None = None
) -> AnnualReport:
    """A draft report for the financial year, its figures taken now; the one already started
    for that year if there is one."""
    require(can_write_annual_reports, user=by, organisation=organisation)
    year = financial_year(year.start)
    today = today or timezone.localdate()
    if year.start > today:
        raise ValidationError({"year": _("Choose a year that has begun")})
    found = AnnualReport.objects.filter(organisation=organisation, year_start=year.start).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                organisation=organisation,
                year_start=year.start,
                figures=annual.assemble(organisation=organisation, year=year, today=today),
                assembled_at=timezone.now(),
                assembled_by=by,
            )
    except IntegrityError:  # started by someone else a moment ago
        return AnnualReport.objects.get(organisation=organisation, year_start=year.start)
    record_change(organisation=organisation, by=by, action=Action.CREATED, what=_what(report))
    return report


@transaction.atomic
def reassemble_annual_report(
    *, report: AnnualReport, by: User | None, today: date | None = None
) -> AnnualReport:
    """Take a draft's figures again from the records as they are now. What the committee wrote
    is kept as it is."""
    require(can_write_annual_reports, user=by, organisation=report.organisation)
    report = _draft(report)
    year = financial_year(report.year_start)
    report.figures = annual.assemble(
        organisation=report.organisation, year=year, today=today or timezone.localdate()
    )
    report.assembled_at = timezone.now()
    report.assembled_by = by
    report.save(update_fields=["figures", "assembled_at", "assembled_by"])
    record_change(
        organisation=report.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(report),
        detail=_("Figures taken again"),
    )
    return report


@transaction.atomic
def save_section(
    *,
    report: AnnualReport,
    section: str,
    language: str,
    text: SectionText,
    version: int,
    by: User | None,
) -> AnnualReportText:
    """Save what the committee wrote for one section in one language. `version` is the
    version the writer started from (0 for a section not yet written): when someone else saved
    it since, nothing is overwritten and `EditConflict` carries the saved text."""
    require(can_write_annual_reports, user=by, organisation=report.organisation)
    if section not in annual.SECTION_KEYS:
        raise ValidationError({"section": _("There is no such section")})
    if language not in dict(REPORT_LANGUAGES):
        raise ValidationError({"language": _("Choose English or Welsh")})
    report = _draft(report)
    saved = (
        AnnualReportText.objects.select_for_update()
        .filter(report=report, section=section, language=language)
        .first()
    )
    if (saved.version if saved else 0) != version:
        raise EditConflict(saved)
    if saved is None:
        saved = AnnualReportText(report=report, section=section, language=language, version=0)
    saved.body = text.body.strip()
    saved.actions = text.actions.strip()
    saved.outcomes = text.outcomes.strip()
    saved.version += 1
    saved.updated_by = by
    saved.full_clean()
    saved.save()
    record_change(
        organisation=report.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(report),
        detail=f"{annual.section_label(section)} ({dict(REPORT_LANGUAGES)[language]})",
    )
    return saved


@transaction.atomic
def set_report_languages(
    *, report: AnnualReport, languages: list[str], by: User | None
) -> AnnualReport:
    """The languages the report is published in; English always among them."""
    require(can_write_annual_reports, user=by, organisation=report.organisation)
    report = _draft(report)
    offered = [code for code, _name in REPORT_LANGUAGES]
    unknown = set(languages) - set(offered)
    if unknown:
        raise ValidationError({"languages": _("Choose from the languages listed")})
    report.languages = [code for code in offered if code in set(languages) | {offered[0]}]
    report.save(update_fields=["languages"])
    record_change(
        organisation=report.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(report),
        detail=", ".join(dict(REPORT_LANGUAGES)[code] for code in report.languages),
    )
    return report


@transaction.atomic
def publish_annual_report(*, report: AnnualReport, by: User | None) -> AnnualReport:
    """Publish the report as it stands: its figures are those taken when it was last
    assembled, and it does not change again. Publishing a published report does nothing."""
    require(can_publish_annual_reports, user=by, organisation=report.organisation)
    report = _locked(report)
    if report.is_published:
        return report
    written = AnnualReportText.objects.filter(
        report=report, section="introduction", language="en-gb"
    )
    if not any(text.body.strip() for text in written):
        raise ValidationError(_("Write the introduction from the chair before publishing."))
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = by
    report.full_clean()
    report.save(update_fields=["status", "published_at", "published_by"])
    record_change(
        organisation=report.organisation,
        by=by,
        action=Action.CHANGED,
        what=_what(report),
        detail=_("Published"),
    )
    return report
