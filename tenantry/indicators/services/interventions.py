"""Writes: the landlord's intervention ladder under a management agreement.

The NFTMO Guide (chapter 6): the council "should also have the power to intervene if
information shows that a service is not achieving the agreed target standards", and monitoring
"involves feedback and discussion between the council and the TMO". The ladder has three rungs:
a discussion, an improvement notice, and formal intervention under the agreement. The landlord
records each step with its reason, the indicators concerned and a review date, and later its
outcome; the organisation's committee may put its response on record. History keeps every
version of a step.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.indicators import permissions as can
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.permissions import require

from ..models import Indicator, Intervention


def _save(intervention: Intervention, *, by: User | None) -> None:
    intervention.full_clean(exclude=["recorded_by"])
    intervention._history_user = by  # django-simple-history records who made the change
    intervention.save()


def _check_indicators(agreement: ManagementAgreement, indicators: Iterable[Indicator]) -> None:
    if any(i.organisation_id not in (None, agreement.organisation_id) for i in indicators):
        raise ValidationError({"indicators": _("That indicator belongs to another organisation.")})


@transaction.atomic
def record_step(
    *,
    agreement: ManagementAgreement,
    level: str,
    started_on: date,
    reason: str,
    indicators: Iterable[Indicator] = (),
    review_on: date | None = None,
    by: User | None,
) -> Intervention:
    """Record a step on the ladder: why, about which indicators, and when it will be reviewed."""
    require(can.can_record_interventions, user=by, organisation=agreement.organisation)
    indicators = list(indicators)
    _check_indicators(agreement, indicators)
    if review_on and review_on < started_on:
        raise ValidationError({"review_on": _("The review must come after the step starts.")})
    if started_on < agreement.starts_on:
        raise ValidationError({"started_on": _("The agreement had not started by then.")})
    step = Intervention(
        agreement=agreement,
        level=level,
        started_on=started_on,
        reason=reason.strip(),
        review_on=review_on,
        recorded_by=by,
    )
    _save(step, by=by)
    step.indicators.set(indicators)
    return step


@transaction.atomic
def update_step(
    *,
    step: Intervention,
    reason: str,
    indicators: Iterable[Indicator] = (),
    review_on: date | None = None,
    outcome: str = "",
    ended_on: date | None = None,
    by: User | None,
) -> Intervention:
    """Change a step's details, or close it with its outcome and the day it ended."""
    require(can.can_record_interventions, user=by, organisation=step.agreement.organisation)
    step = Intervention.objects.select_for_update().select_related("agreement").get(pk=step.pk)
    indicators = list(indicators)
    _check_indicators(step.agreement, indicators)
    if ended_on and not outcome.strip():
        raise ValidationError({"outcome": _("Say what the outcome was when the step ends.")})
    if review_on and review_on < step.started_on:
        raise ValidationError({"review_on": _("The review must come after the step starts.")})
    if ended_on and ended_on < step.started_on:
        raise ValidationError({"ended_on": _("A step cannot end before it starts.")})
    step.reason, step.review_on = reason.strip(), review_on
    step.outcome, step.ended_on = outcome.strip(), ended_on
    _save(step, by=by)
    step.indicators.set(indicators)
    return step


@transaction.atomic
def respond(*, step: Intervention, response: str, by: User | None) -> Intervention:
    """The organisation's committee puts its side on record (it can change it later)."""
    require(can.can_respond_to_interventions, user=by, organisation=step.agreement.organisation)
    step = Intervention.objects.select_for_update().get(pk=step.pk)
    if not response.strip():
        raise ValidationError({"response": _("Write the organisation's response.")})
    step.response = response.strip()
    _save(step, by=by)
    return step
