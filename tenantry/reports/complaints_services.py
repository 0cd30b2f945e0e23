"""Every change to an organisation's complaints self-assessment and report: each checks who
acts (reports/permissions.py) and records the change in the organisation's history."""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import financial_year
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import roles_in

from . import permissions as can
from .complaints_code import BY_CODE
from .complaints_figures import figures_of
from .complaints_models import ComplaintsYear, ProvisionAnswer

REPORT_FIELDS = (
    "learning", "improvements", "governing_body_response", "ombudsman_determinations",
    "ombudsman_maladministration", "ombudsman_notes",
)  # fmt: skip


def _require(rule: Callable, *, by: User | None, organisation: Organisation) -> None:
    if by is None:
        return  # Tenantry itself (the demo)
    if not rule(roles_in(user=by, organisation=organisation), organisation):
        raise PermissionDenied


def _year_to_change(*, organisation: Organisation, year: int) -> ComplaintsYear:
    """The year's row, made on first change, locked for the change; a draft only."""
    ComplaintsYear.objects.get_or_create(organisation=organisation, year=year)
    found = ComplaintsYear.objects.select_for_update().get(organisation=organisation, year=year)
    if not found.is_draft:
        raise ValidationError(
            _("The governing body has approved this year's self-assessment, so it cannot change.")
        )
    return found


@transaction.atomic
def answer_provision(
    *,
    organisation: Organisation,
    year: int,
    code: str,
    complies: str,
    evidence: str,
    explanation: str,
    action: str,
    by: User | None,
) -> ProvisionAnswer:
    """Keep the answer to one provision of the Code in the year's self-assessment."""
    _require(can.can_edit_complaints_report, by=by, organisation=organisation)
    if code not in BY_CODE:
        raise ValidationError(
            _("There is no provision %(code)s in the Code's list.") % {"code": code}
        )
    found = _year_to_change(organisation=organisation, year=year)
    answer = ProvisionAnswer.objects.filter(complaints_year=found, code=code).first()
    answer = answer or ProvisionAnswer(complaints_year=found, code=code)
    answer.complies, answer.evidence = complies, evidence
    answer.explanation, answer.action = explanation, action
    answer.full_clean()
    answer.save()
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CHANGED,
        what=_("provision %(code)s of the complaints self-assessment %(year)s")
        % {"code": code, "year": financial_year(year).label},
    )
    return answer


@transaction.atomic
def save_report(
    *, organisation: Organisation, year: int, values: dict, by: User | None
) -> ComplaintsYear:
    """Keep what people write in the year's complaints report."""
    _require(can.can_edit_complaints_report, by=by, organisation=organisation)
    found = _year_to_change(organisation=organisation, year=year)
    for name in REPORT_FIELDS:
        if name in values:
            setattr(found, name, values[name])
    found.full_clean()
    found.save()
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CHANGED,
        what=_("the complaints report %(year)s") % {"year": financial_year(year).label},
    )
    return found


@transaction.atomic
def approve(
    *,
    organisation: Organisation,
    year: int,
    approved_on: date,
    minute_reference: str,
    by: User | None,
    today: date | None = None,
) -> ComplaintsYear:
    """Record the governing body's approval of the year's self-assessment and report; the
    figures from the records are kept as they stand."""
    _require(can.can_approve_complaints_report, by=by, organisation=organisation)
    today = today or timezone.localdate()
    period = financial_year(year)
    if approved_on > today:
        raise ValidationError({"approved_on": _("The date approved must be today or in the past")})
    if approved_on < period.start:
        raise ValidationError(
            {"approved_on": _("The date approved must be on or after %(day)s, when the year began")
             % {"day": period.start.strftime("%d/%m/%Y")}}
        )  # fmt: skip
    if not minute_reference.strip():
        raise ValidationError({"minute_reference": _("Enter the minute reference")})
    found = _year_to_change(organisation=organisation, year=year)
    found.figures = figures_of(organisation=organisation, year=period, today=today)
    found.status = ComplaintsYear.Status.APPROVED
    found.approved_on, found.minute_reference = approved_on, minute_reference.strip()
    found.approved_by = by
    found.full_clean()
    found.save()
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CHANGED,
        what=_("the complaints self-assessment and report %(year)s") % {"year": period.label},
        detail=_("the governing body's approval, minute %(minute)s")
        % {"minute": minute_reference.strip()},
    )
    return found


@transaction.atomic
def publish(*, organisation: Organisation, year: int, by: User | None) -> ComplaintsYear:
    """Publish the approved self-assessment and report, with the governing body's response
    alongside (the Code asks for both)."""
    _require(can.can_approve_complaints_report, by=by, organisation=organisation)
    found = (
        ComplaintsYear.objects.select_for_update()
        .filter(organisation=organisation, year=year)
        .first()
    )
    if found is None or found.is_draft:
        raise ValidationError(_("The governing body must approve it before it is published."))
    if found.is_published:
        return found
    if not found.governing_body_response.strip():
        raise ValidationError(
            _("Write the governing body's response in the report before publishing: the Code "
              "asks for it to be published alongside.")
        )  # fmt: skip
    found.status = ComplaintsYear.Status.PUBLISHED
    found.published_at = timezone.now()
    found.save(update_fields=["status", "published_at", "updated_at"])
    record_change(
        organisation=organisation,
        by=by,
        action=Action.OPENED,
        what=_("the complaints self-assessment and report %(year)s")
        % {"year": financial_year(year).label},
    )
    return found
