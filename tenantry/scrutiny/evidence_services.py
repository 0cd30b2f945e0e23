"""A panel's requests to the landlord for evidence, the landlord's answers, and the reminder
sent when an answer is late."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.deadlines import Timescale
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import holders_of

from . import permissions as can
from .models import EvidenceRequest, ScrutinyReview
from .programme_services import terms_of

Action = AuditEntry.Action

# A late request is reminded again after this many days while it stays unanswered: a weekly
# nudge, not a daily one (the panel's own choice of tone; docs/scrutiny.md).
REMIND_AGAIN_AFTER_DAYS = 7


def default_due_on(*, review: ScrutinyReview, asked_on: date) -> date:
    """The day an answer is due when the panel sets none: the terms of reference's working
    days from the day it asks, counted as every other deadline is (core/deadlines.py)."""
    days = terms_of(review.panel).evidence_working_days
    return Timescale(days, "working_days").due_on(asked_on)


@transaction.atomic
def ask_for_evidence(
    *, review: ScrutinyReview, what: str, due_on: date | None = None, by: User | None
) -> EvidenceRequest:
    """The panel asks the landlord for evidence, due on `due_on` or by its terms' default."""
    require(can.can_run_scrutiny, user=by, organisation=review.panel)
    today = timezone.localdate()
    due_on = due_on or default_due_on(review=review, asked_on=today)
    if due_on <= today:
        raise ValidationError({"due_on": _("The day it is due must be after today")})
    request = EvidenceRequest(
        review=review, what=what.strip(), asked_on=today, due_on=due_on, asked_by=by
    )
    request._history_user = by
    request.full_clean()
    request.save()
    record_change(
        organisation=review.panel, by=by, action=Action.CREATED, what=f"{review}: {request}"
    )
    return request


@transaction.atomic
def answer_evidence_request(
    *, request: EvidenceRequest, answer: str, by: User | None
) -> EvidenceRequest:
    """The landlord sends the panel what it asked for (once; a later answer adds to it)."""
    landlord = request.review.panel.landlord
    require(can.can_answer_evidence_requests, user=by, organisation=landlord)
    # One answer at a time: two officers answering together would overwrite each other.
    request = EvidenceRequest.objects.select_for_update().get(pk=request.pk)
    if not answer.strip():
        raise ValidationError({"answer": _("Enter the answer or say where the evidence is")})
    today = timezone.localdate()
    request.answer = f"{request.answer}\n\n{answer.strip()}" if request.answer else answer.strip()
    if request.answered_on is None:
        request.answered_on = today
    request.answered_by = by
    request._history_user = by
    request.full_clean()
    request.save()
    record_change(
        organisation=landlord,
        by=by,
        action=Action.CHANGED,
        what=f"{request.review}: {request}",
        detail=_("evidence sent to the panel"),
    )
    return request


def late_requests(*, today: date):
    """Unanswered requests past their due day that have not been reminded in the last
    `REMIND_AGAIN_AFTER_DAYS` days."""
    since = today - timedelta(days=REMIND_AGAIN_AFTER_DAYS)
    return (
        EvidenceRequest.objects.filter(answered_on__isnull=True, due_on__lt=today)
        .exclude(reminded_on__gt=since)
        .select_related("review__panel__landlord")
        .order_by("due_on", "pk")
    )


def _reminders(request: EvidenceRequest, today: date) -> list[emails.Email]:
    review = request.review
    landlord = review.panel.landlord
    url = emails.absolute(reverse("scrutiny:answer-evidence", args=[landlord.slug, request.pk]))
    context = {
        "request": request,
        "review": review,
        "panel": review.panel.name,
        "days_late": (today - request.due_on).days,
        "url": url,
    }
    common = dict(
        template="scrutiny/email/evidence_late",
        organisation_name=review.panel.name,
        reason="evidence_request",
        context=context,
    )
    officers = [
        officer
        for officer in holders_of(organisation=landlord, role=Role.LANDLORD_OFFICER)
        if emails.wants(officer, "evidence_request")
    ]
    if officers:
        return [emails.Email.to_user(officer, **common) for officer in officers]
    if landlord.email:
        return [emails.Email(to=landlord.email, **common)]
    return []


@transaction.atomic
def remind_late_evidence_requests(*, today: date | None = None) -> int:
    """Email the landlord's officers (or, with none, the landlord's contact address) about
    each late evidence request, and note the day; returns how many requests were reminded.
    Run daily: `tenantry remind-evidence-requests` or the `remind_late_evidence` task."""
    today = today or timezone.localdate()
    reminded = 0
    for request in late_requests(today=today).select_for_update(of=("self",)):
        emails.send(_reminders(request, today))
        EvidenceRequest.objects.filter(pk=request.pk).update(reminded_on=today)
        reminded += 1
    return reminded
