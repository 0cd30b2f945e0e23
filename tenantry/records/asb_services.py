"""Every change to anti-social behaviour reports and cases made on screen.

A report always goes through `records.asb.place_report` (the rule that decides its case); staff
may then link it to another open case or split it out into a case of its own. Each change is
written to the audit trail against the case it changed, which is the case's history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenantry.core.history import named
from tenantry.core.models import User
from tenantry.homes.models import Home
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from . import asb
from . import permissions as can
from .changes import records_changed
from .models import AsbCase, AsbReport
from .services import _check_kept, _free_reference, save_record

REPORT_PREFIX = "ASBR-"
ONLINE_PREFIX = "WEB-A"


def _case_name(case: AsbCase) -> str:
    # Written in one language, so that a case's history can be found by its name.
    with translation.override("en-gb"):
        return named(case)


def _log(case: AsbCase, by: User | None, action: str, detail: str) -> None:
    record_change(
        organisation=case.organisation, by=by, action=action, what=_case_name(case), detail=detail
    )


def case_history(*, case: AsbCase) -> QuerySet[AuditEntry]:
    """What happened to a case, newest first: opened, reports joined, linked, split, changed."""
    return (
        AuditEntry.objects.filter(organisation_id=case.organisation_id, what=_case_name(case))
        .select_related("by")
        .order_by("-at", "-pk")
    )


def _placed(report: AsbReport, by: User | None, how: str) -> AsbCase:
    case, opened = asb.place_report(report)
    if opened:
        detail = _("Opened by report %(report)s (%(how)s).")
    else:
        detail = _("Report %(report)s joined the case (%(how)s).")
    detail = detail % {"report": report.reference, "how": how}
    _log(case, by, Action.OPENED if opened else Action.CHANGED, detail)
    return case


@transaction.atomic
def record_asb_report(*, report: AsbReport, by: User | None) -> AsbReport:
    """Staff log a report; it joins the open case of the same matter or opens a new case."""
    require(can.can_record_services, user=by, organisation=report.organisation)
    _check_kept(report.organisation, "asb")
    if not report.reference:
        report.reference = _free_reference(AsbReport, report.organisation, REPORT_PREFIX)
    report.case = None
    report.full_clean(exclude=["case"])
    report.save()
    _placed(report, by, str(report.get_channel_display()).lower())
    _announce(report)
    return report


@transaction.atomic
def change_asb_report(*, report: AsbReport, by: User | None) -> AsbReport:
    """Staff correct a report; its case takes its first day and hate flag again."""
    require(can.can_record_services, user=by, organisation=report.organisation)
    _check_kept(report.organisation, "asb")
    save_record(record=report, by=by)
    asb.refresh_cases([report.case_id])
    detail = _("Report %(report)s corrected.") % {"report": report.reference}
    _log(report.case, by, Action.CHANGED, detail)
    return report


def _announce(report: AsbReport, *days) -> None:
    """NM01 counts cases by the day they opened: figures from the earliest day a placing
    touches (the report's, or a case's first day before or after it) are out of date."""
    since = min(d for d in (report.received_on, *days) if d is not None)
    records_changed(organisation=report.organisation, kind="asb", since=since)


def _locked(report: AsbReport) -> AsbReport:
    return (
        AsbReport.objects.select_for_update(of=("self",)).select_related("case").get(pk=report.pk)
    )


@transaction.atomic
def link_report(*, report: AsbReport, case: AsbCase, by: User | None) -> AsbCase:
    """Staff move a report into another case of the same organisation that was open when it
    was received. A case left with no report is deleted: it was not a matter of its own."""
    require(can.can_record_services, user=by, organisation=report.organisation)
    _check_kept(report.organisation, "asb")
    report = _locked(report)
    if case.organisation_id != report.organisation_id:
        raise PermissionDenied
    if case.pk == report.case_id:
        raise ValidationError(
            {"case": _("The report is already part of %(case)s.") % {"case": case.reference}}
        )
    if case.closed_on is not None and case.closed_on < report.received_on:
        raise ValidationError(
            {
                "case": _(
                    "%(case)s closed on %(closed)s, before this report was received. A report "
                    "after a case closed is a new case."
                )
                % {"case": case.reference, "closed": date_format(case.closed_on, "j M Y")}
            }
        )
    old = report.case
    report.case = case
    report.save(update_fields=["case", "updated_at"])
    deleted = asb.refresh_cases([old.pk, case.pk])
    _announce(report, old.opened_on, case.opened_on)
    words = {"report": report.reference, "here": case.reference, "other": old.reference}
    _log(case, by, Action.CHANGED, _("Report %(report)s linked here from %(other)s.") % words)
    if old.pk in deleted:
        detail = _("Its only report, %(report)s, was linked to %(here)s.")
    else:
        detail = _("Report %(report)s linked to %(here)s.")
    _log(old, by, Action.DELETED if old.pk in deleted else Action.CHANGED, detail % words)
    return case


@transaction.atomic
def split_report(*, report: AsbReport, by: User | None) -> AsbCase:
    """Staff take a report out of its case into a new case of its own: a different matter."""
    require(can.can_record_services, user=by, organisation=report.organisation)
    _check_kept(report.organisation, "asb")
    report = _locked(report)
    old = report.case
    if not old.reports.exclude(pk=report.pk).exists():
        raise ValidationError(_("This is the only report of %(case)s.") % {"case": old.reference})
    case = asb.new_case_for(report)
    report.case = case
    report.save(update_fields=["case", "updated_at"])
    asb.refresh_cases([old.pk, case.pk])
    _announce(report, old.opened_on)
    words = {"report": report.reference, "here": case.reference, "other": old.reference}
    detail = _("Opened by splitting report %(report)s out of %(other)s.")
    _log(case, by, Action.OPENED, detail % words)
    _log(old, by, Action.CHANGED, _("Report %(report)s split out into %(here)s.") % words)
    return case


# --- residents -------------------------------------------------------------------------------

AT_HOME, ON_ESTATE = "home", "estate"


@transaction.atomic
def report_asb_as_resident(
    *,
    organisation: Organisation,
    home: Home,
    by: User,
    category: str,
    where: str,
    what_happened: str,
    hate_incident: bool,
) -> AsbReport:
    """A resident reports anti-social behaviour at their home or on their estate, online."""
    roles = roles_in(user=by, organisation=organisation)
    if not can.can_report_for_home(user=by, roles=roles, home=home):
        raise PermissionDenied
    _check_kept(organisation, "asb")
    report = AsbReport(
        organisation=organisation,
        reference=_free_reference(AsbReport, organisation, ONLINE_PREFIX),
        home=home if where == AT_HOME else None,
        estate=home.estate,
        category=category,
        is_hate_incident=hate_incident,
        received_on=timezone.localdate(),
        channel=AsbReport.Channel.ONLINE,
        reporter_name=by.get_full_name() or by.email,
        reported_by=by,
        description=what_happened.strip(),
    )
    report.full_clean(exclude=["case"])
    report.save()
    # The report names its reporter; the organisation's history, which the committee reads,
    # must not. So the entry is Tenantry's, and who reported stays on the report for staff.
    _placed(report, None, _("online"))
    _announce(report)
    return report
