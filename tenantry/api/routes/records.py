"""Service records and the organisation's submissions, read with a token, with the pages'
rules: only those who see the organisation's records see them, and never who reported a
repair, what they wrote, or their comments."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from tenantry.core.periods import Period
from tenantry.indicators import permissions as indicator_rules
from tenantry.indicators.models import Submission
from tenantry.indicators.services import submissions as submission_services
from tenantry.organisations.access import object_in, organisation_for
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.selectors import current_agreement
from tenantry.records import permissions as record_rules
from tenantry.records.models import ImportRun, Repair
from tenantry.records.selectors.finding import records_of

from .. import schemas
from ..auth import READ, WRITE
from ..common import answers, cursor_query, limit_query, period_of, period_query, slug_path
from ..errors import ApiError
from ..paging import keyset_page, next_url
from .shapes import import_run_out, written

router = Router(auth=READ, tags=["With a token: reading"])


@router.get(
    "/organisations/{slug}/repairs",
    response=answers(schemas.RepairPage),
    url_name="repairs",
    operation_id="repairs",
    summary="Its repairs, newest reported first",
)
def repairs(
    request: HttpRequest,
    slug: str = slug_path(),
    period: str | None = period_query(),
    status: Repair.Status | None = Query(None, description="open, completed, cancelled…"),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation, _roles = organisation_for(
        user=request.auth, slug=slug, rule=record_rules.can_view_service_records
    )
    asked: Period | None = period_of(period)
    found = records_of(
        organisation=organisation, model=Repair, period=asked, date_field="reported_at"
    ).select_related("priority")
    if status:
        found = found.filter(status=status)
    page = keyset_page(found, fields=("reported_at", "pk"), cursor=cursor, limit=limit,
                       descending=True)  # fmt: skip
    return {
        "items": [
            {
                "reference": r.reference,
                "kind": r.kind,
                "status": r.status,
                "trade": r.trade,
                "priority": r.priority.code if r.priority_id else None,
                "reported_at": r.reported_at,
                "due_at": r.due_at,
                "completed_at": r.completed_at,
                "appointment_kept": r.appointment_kept,
                "right_first_time": r.right_first_time,
                "hazard": r.hazard,
            }
            for r in page.items
        ],
        "next": next_url(request, page.next_cursor),
    }


def submission_out(submission: Submission) -> dict:
    return {
        "id": submission.pk,
        "agreement": submission.agreement_id,
        "period": submission.period_label,
        "period_start": submission.period_start,
        "period_end": submission.period_end,
        "status": submission.status,
        "commentary": submission.commentary,
        "figures": submission.figures,
    }


@router.get(
    "/organisations/{slug}/submissions",
    response=answers(schemas.SubmissionPage),
    url_name="submissions",
    operation_id="submissions",
    summary="The figures it has checked and sent to its landlord",
)
def submissions(
    request: HttpRequest,
    slug: str = slug_path(),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation, _roles = organisation_for(
        user=request.auth, slug=slug, rule=indicator_rules.can_view_submissions
    )
    found = Submission.objects.filter(agreement__organisation=organisation)
    page = keyset_page(found, fields=("period_start", "pk"), cursor=cursor, limit=limit,
                       descending=True)  # fmt: skip
    return {
        "items": [submission_out(s) for s in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}/imports/{run_id}",
    response=answers(schemas.ImportRunOut),
    url_name="import-run",
    operation_id="import_run",
    summary="An import: its progress, counts and problems",
)
def import_run(
    request: HttpRequest, slug: str = slug_path(), run_id: int = Path(..., ge=1, le=2**63 - 1)
):
    organisation, _roles = organisation_for(
        user=request.auth, slug=slug, rule=record_rules.can_import_records
    )
    run = object_in(organisation, ImportRun, pk=run_id)
    return import_run_out(request, run, organisation.slug)


@router.post(
    "/organisations/{slug}/submissions",
    response={201: schemas.SubmissionOut, **written(schemas.SubmissionOut)},
    auth=WRITE,
    url_name="submit-figures",
    operation_id="submit_figures",
    summary="Send the figures for a period to the landlord",
)
def submit_figures(request: HttpRequest, sent: schemas.SubmissionIn, slug: str = slug_path()):
    organisation, _roles = organisation_for(
        user=request.auth, slug=slug, rule=indicator_rules.can_submit_figures
    )
    period = period_of(sent.period)
    if period is None:
        raise ApiError(
            422, _("Say which period."), [{"field": "period", "message": _("Enter a period")}]
        )
    if sent.agreement is not None:
        agreement = ManagementAgreement.objects.filter(
            organisation=organisation, pk=sent.agreement
        ).first()
        if agreement is None:
            raise ApiError(404, _("That agreement is not one of this organisation's."))
    else:
        agreement = current_agreement(organisation=organisation, on=timezone.localdate())
        if agreement is None:
            raise ApiError(
                409,
                _("%(organisation)s has no agreement in force to send figures under.")
                % {"organisation": organisation.name},
            )
    with transaction.atomic():  # opened and sent together, or neither
        submission = submission_services.open_submission(
            agreement=agreement, period=period, by=request.auth
        )
        submission = submission_services.submit(
            submission=submission, commentary=sent.commentary, by=request.auth
        )
    return 201, submission_out(submission)
