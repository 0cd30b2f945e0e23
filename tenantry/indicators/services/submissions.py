"""Writes: the agreement's monitoring schedule, and the figures it makes due: the organisation
sends its figures for a period, the landlord accepts or queries them.

    (none) ──open──▶ draft ──submit──▶ submitted ──accept──▶ accepted
                                          │  ▲
                                    query │  │ submit (after answering)
                                          ▼  │
                                         queried

Each step is a SubmissionEvent, shown to both sides as a timeline. Sending snapshots the
figures into the submission, so what the landlord accepted stays on record even if the records
behind it are corrected later. Every change locks the submission's row, so two people pressing
"Send" at once send it once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.periods import Period
from tenantry.indicators import permissions as can
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.permissions import require

from ..models import Indicator, MonitoringItem, Submission, SubmissionEvent
from ..schedule import current_figures, items_carried, needs_commentary

Status = Submission.Status
Action = SubmissionEvent.Action


# --- the schedule -----------------------------------------------------------------------------


def _save_item(item: MonitoringItem, *, by: User | None) -> MonitoringItem:
    if item.indicator.organisation_id not in (None, item.agreement.organisation_id):
        raise ValidationError({"indicator": _("That indicator belongs to another organisation.")})
    item.full_clean()
    item._history_user = by  # django-simple-history records who made the change
    item.save()
    return item


@transaction.atomic
def add_monitoring_item(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    frequency: str,
    form: str,
    intervention_threshold=None,
    days_to_submit: int = 30,
    targets_agreed: bool = False,
    by: User | None,
) -> MonitoringItem:
    """Add an indicator to the agreement's monitoring schedule."""
    require(can.can_edit_monitoring_schedule, user=by, organisation=agreement.organisation)
    if MonitoringItem.objects.filter(agreement=agreement, indicator=indicator).exists():
        raise ValidationError({"indicator": _("That indicator is already in the schedule.")})
    item = MonitoringItem(
        agreement=agreement,
        indicator=indicator,
        frequency=frequency,
        form=form,
        intervention_threshold=intervention_threshold,
        days_to_submit=days_to_submit,
        targets_agreed=targets_agreed,
    )
    return _save_item(item, by=by)


@transaction.atomic
def change_monitoring_item(
    *,
    item: MonitoringItem,
    frequency: str,
    form: str,
    intervention_threshold=None,
    days_to_submit: int = 30,
    targets_agreed: bool = False,
    by: User | None,
) -> MonitoringItem:
    """Change how often, in what form and by when an indicator is reported, and whether its
    targets are agreed with the landlord."""
    require(can.can_edit_monitoring_schedule, user=by, organisation=item.agreement.organisation)
    item.frequency, item.form = frequency, form
    item.targets_agreed = targets_agreed
    item.intervention_threshold, item.days_to_submit = intervention_threshold, days_to_submit
    return _save_item(item, by=by)


@transaction.atomic
def remove_monitoring_item(*, item: MonitoringItem, by: User | None) -> None:
    """Take an indicator off the schedule; submissions already sent keep their figures."""
    require(can.can_edit_monitoring_schedule, user=by, organisation=item.agreement.organisation)
    item._history_user = by
    item.delete()


# --- submissions ------------------------------------------------------------------------------


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("agreement").get(pk=submission.pk)


def _refuse(submission: Submission, doing: str) -> None:
    raise ValidationError(
        _("These figures are %(status)s, so they cannot be %(doing)s.")
        % {"status": submission.get_status_display().lower(), "doing": doing}
    )


def _event(submission: Submission, action: str, by: User | None, comment: str = "") -> None:
    event = SubmissionEvent(submission=submission, action=action, by=by, comment=comment)
    event.full_clean(exclude=["by"])
    event.save()


@transaction.atomic
def open_submission(
    *, agreement: ManagementAgreement, period: Period, by: User | None
) -> Submission:
    """Start checking the figures for a period the schedule asks for; the draft already open
    for that period is returned rather than a second one."""
    require(can.can_submit_figures, user=by, organisation=agreement.organisation)
    ManagementAgreement.objects.select_for_update().filter(pk=agreement.pk).first()
    existing = Submission.objects.filter(
        agreement=agreement, period_start=period.start, period_end=period.end
    ).first()
    if existing:
        return existing
    if not items_carried(agreement=agreement, kind=period.kind):
        raise ValidationError(
            _("The monitoring schedule does not ask for figures for %(period)s.")
            % {"period": period.label}
        )
    if period.end >= timezone.localdate():
        raise ValidationError(
            _("Figures for %(period)s can be sent once it has ended, after %(end)s.")
            % {"period": period.label, "end": date_format(period.end, "j F Y")}
        )
    if not agreement.is_current_on(period.end) and not agreement.is_current_on(period.start):
        raise ValidationError(_("The agreement was not in force in that period."))
    submission = Submission(
        agreement=agreement,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
    )
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def submit(*, submission: Submission, commentary: str = "", by: User | None) -> Submission:
    """Send the figures (first time, or again after a query) with the organisation's words."""
    require(can.can_submit_figures, user=by, organisation=submission.agreement.organisation)
    submission = _locked(submission)
    if submission.status not in (Status.DRAFT, Status.QUERIED):
        _refuse(submission, _("sent again"))
    commentary = commentary.strip()
    period = Period(
        submission.period_start,
        submission.period_end,
        submission.period_label,
        submission.period_kind,
    )
    items = items_carried(agreement=submission.agreement, kind=period.kind)
    if needs_commentary(items) and not commentary:
        raise ValidationError(
            {"commentary": _("The monitoring schedule asks for a commentary with these figures.")}
        )
    figures = current_figures(agreement=submission.agreement, period=period)
    submission.figures = [figure.as_json() for figure in figures]
    submission.commentary = commentary
    submission.status = Status.SUBMITTED
    submission.full_clean()
    submission.save()
    _event(submission, Action.SUBMITTED, by, commentary)
    return submission


@transaction.atomic
def accept(*, submission: Submission, comment: str = "", by: User | None) -> Submission:
    """The landlord accepts the figures sent."""
    require(can.can_decide_submissions, user=by, organisation=submission.agreement.organisation)
    submission = _locked(submission)
    if submission.status != Status.SUBMITTED:
        _refuse(submission, _("accepted"))
    submission.status = Status.ACCEPTED
    submission.save(update_fields=["status", "updated_at"])
    _event(submission, Action.ACCEPTED, by, comment.strip())
    return submission


@transaction.atomic
def query(*, submission: Submission, comment: str, by: User | None) -> Submission:
    """The landlord questions the figures sent; the question is the comment, so it is needed."""
    require(can.can_decide_submissions, user=by, organisation=submission.agreement.organisation)
    submission = _locked(submission)
    if submission.status != Status.SUBMITTED:
        _refuse(submission, _("queried"))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what you are asking about the figures.")})
    submission.status = Status.QUERIED
    submission.save(update_fields=["status", "updated_at"])
    _event(submission, Action.QUERIED, by, comment.strip())
    return submission


@transaction.atomic
def comment(*, submission: Submission, comment: str, by: User | None) -> SubmissionEvent:
    """Either side adds to the conversation without changing where the submission stands."""
    require(can.can_comment_on_submissions, user=by, organisation=submission.agreement.organisation)
    submission = _locked(submission)
    if not comment.strip():
        raise ValidationError({"comment": _("Write a comment.")})
    _event(submission, Action.COMMENTED, by, comment.strip())
    submission.save(update_fields=["updated_at"])
    return submission.events.latest("at", "pk")
