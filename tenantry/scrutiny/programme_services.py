"""Every change to a panel's own work before its report: its members' training and terms of
reference, the topics residents ask it to review, and each review's scope and fieldwork. Each
checks its rule first (`require`), runs in a transaction and records who acted."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import holders_of, roles_in

from . import permissions as can
from .models import (
    AskedAs,
    Fieldwork,
    PanelTraining,
    ScrutinyReview,
    ScrutinyStage,
    TermsOfReference,
    TopicRequest,
    TopicStatus,
)

Action = AuditEntry.Action

# The stages a panel moves a review through itself before its report; the report, the
# landlord's answers and the actions move it on from there.
STAGES_BEFORE_REPORT = (ScrutinyStage.SCOPING, ScrutinyStage.GATHERING, ScrutinyStage.REPORTING)


def terms_of(panel: Organisation) -> TermsOfReference:
    """The panel's terms of reference, or unsaved defaults when it has agreed none yet."""
    return TermsOfReference.objects.filter(panel=panel).first() or TermsOfReference(panel=panel)


def _refuse_unless_panel(organisation: Organisation) -> None:
    if organisation.kind != Organisation.Kind.SCRUTINY_PANEL:
        raise PermissionDenied


# --- The panel ---------------------------------------------------------------------------------


@transaction.atomic
def record_training(
    *, panel: Organisation, member: User, course: str, completed_on: date, by: User | None
) -> PanelTraining:
    """Record a course a panel member has done."""
    require(can.can_run_scrutiny, user=by, organisation=panel)
    _refuse_unless_panel(panel)
    if not holders_of(organisation=panel, role=Role.PANEL).filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Choose a member of the panel")})
    if completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("The day the course was done must be today or earlier")}
        )
    training = PanelTraining(
        panel=panel, member=member, course=course.strip(), completed_on=completed_on, recorded_by=by
    )
    training.full_clean()
    training.save()
    record_change(organisation=panel, by=by, action=Action.CREATED, what=str(training))
    return training


@transaction.atomic
def save_terms(*, terms: TermsOfReference, by: User | None) -> TermsOfReference:
    """Save the panel's terms of reference as agreed with its landlord."""
    require(can.can_run_scrutiny, user=by, organisation=terms.panel)
    _refuse_unless_panel(terms.panel)
    terms.updated_by = by
    save_checked(terms, by)
    return terms


# --- Topics residents ask the panel to review -------------------------------------------------


def panels_for(organisation: Organisation) -> list[Organisation]:
    """The scrutiny panels of the organisation's landlord (or of the landlord itself)."""
    landlord_id = organisation.pk if organisation.is_landlord else organisation.landlord_id
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.SCRUTINY_PANEL, landlord_id=landlord_id)
    )


@transaction.atomic
def ask_for_topic(
    *,
    panel: Organisation,
    asked_from: Organisation,
    asked_as: str,
    topic: str,
    why: str,
    residents: int = 1,
    by: User | None,
) -> TopicRequest:
    """A resident, a residents' association (its committee) or a number of residents together
    ask the panel to review a topic. A group must be at least as many residents as the panel's
    terms of reference say; the panel then decides."""
    require(can.can_ask_for_a_topic, user=by, organisation=asked_from)
    if panel not in panels_for(asked_from):
        raise PermissionDenied
    errors = {}
    if asked_as == AskedAs.ASSOCIATION:
        if asked_from.kind != Organisation.Kind.RESIDENTS_ASSOCIATION:
            errors["asked_as"] = _("Only a residents' association can ask as an association")
        elif by is not None and Role.COMMITTEE not in roles_in(user=by, organisation=asked_from):
            errors["asked_as"] = _("Only the association's committee can ask in its name")
        residents = 1
    elif asked_as == AskedAs.RESIDENTS:
        needed = terms_of(panel).residents_to_request_topic
        if residents < needed:
            errors["residents"] = _(
                "The panel takes requests from %(needed)s or more residents together: ask as "
                "one resident, or gather more residents"
            ) % {"needed": needed}
    else:
        residents = 1
    if errors:
        raise ValidationError(errors)
    request = TopicRequest(
        panel=panel,
        asked_from=asked_from,
        asked_as=asked_as,
        topic=topic.strip(),
        why=why.strip(),
        residents=residents,
        asked_by=by,
        asked_on=timezone.localdate(),
    )
    # The history entry is Tenantry's, not the resident's: the landlord reads the panel's
    # history, and who asked the panel is not the landlord's business.
    save_checked(request, None)
    record_change(organisation=panel, by=None, action=Action.CREATED, what=str(request))
    return request


@transaction.atomic
def decide_topic(
    *,
    request: TopicRequest,
    accept: bool,
    reason: str,
    by: User | None,
    review: ScrutinyReview | None = None,
) -> TopicRequest:
    """The panel decides whether to review a requested topic, and says why; an accepted topic
    may be joined to the review that takes it up."""
    require(can.can_run_scrutiny, user=by, organisation=request.panel)
    request = TopicRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != TopicStatus.WAITING:
        raise ValidationError(_("The panel has already decided on this request"))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the panel's reasons")})
    if review is not None and review.panel_id != request.panel_id:
        raise PermissionDenied
    request.status = TopicStatus.ACCEPTED if accept else TopicStatus.DECLINED
    request.reason = reason.strip()
    request.decided_on = timezone.localdate()
    request.decided_by = by
    request.review = review if accept else None
    save_checked(request, by)
    record_change(
        organisation=request.panel,
        by=by,
        action=Action.CHANGED,
        what=str(request),
        detail=request.get_status_display(),
    )
    return request


# --- Reviews ------------------------------------------------------------------------------------


@transaction.atomic
def start_review(
    *,
    panel: Organisation,
    scrutinised: Organisation,
    title: str,
    scope: str = "",
    service: str = "",
    started_on: date,
    by: User | None,
    topic: TopicRequest | None = None,
) -> ScrutinyReview:
    """The panel starts a review of a service of its landlord or of one of the landlord's
    organisations; from a resident's topic, the topic is accepted and joined to it."""
    require(can.can_run_scrutiny, user=by, organisation=panel)
    _refuse_unless_panel(panel)
    if scrutinised.pk != panel.landlord_id and scrutinised.landlord_id != panel.landlord_id:
        raise ValidationError({"scrutinised": _("Choose the landlord or one of its organisations")})
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The review must start today or earlier")})
    review = ScrutinyReview(
        panel=panel,
        scrutinised=scrutinised,
        title=title.strip(),
        scope=scope.strip(),
        service=service,
        started_on=started_on,
        created_by=by,
    )
    save_checked(review, by)
    record_change(organisation=panel, by=by, action=Action.CREATED, what=str(review))
    if topic is not None:
        if topic.panel_id != panel.pk:
            raise PermissionDenied
        if topic.status == TopicStatus.WAITING:
            decide_topic(
                request=topic,
                accept=True,
                reason=_("The panel is reviewing it: %(title)s") % {"title": review.title},
                review=review,
                by=by,
            )
        elif topic.status == TopicStatus.ACCEPTED and topic.review_id is None:
            topic.review = review
            save_checked(topic, by)
    return review


@transaction.atomic
def change_review(
    *, review: ScrutinyReview, title: str, scope: str, stage: str, by: User | None
) -> ScrutinyReview:
    """Change a review's title and scope, or move it between its stages before the report."""
    require(can.can_run_scrutiny, user=by, organisation=review.panel)
    review = ScrutinyReview.objects.select_for_update().get(pk=review.pk)
    if stage != review.stage and (
        stage not in STAGES_BEFORE_REPORT or review.stage not in STAGES_BEFORE_REPORT
    ):
        raise ValidationError(
            {
                "stage": _(
                    "Once the report is sent, the report and the landlord's answers move the "
                    "review on"
                )
            }
        )
    review.title, review.scope, review.stage = title.strip(), scope.strip(), stage
    save_checked(review, by)
    record_change(organisation=review.panel, by=by, action=Action.CHANGED, what=str(review))
    return review


@transaction.atomic
def record_fieldwork(*, fieldwork: Fieldwork, by: User | None) -> Fieldwork:
    """Record a desktop review, an interview or an estate walkabout with what was found."""
    review = fieldwork.review
    require(can.can_run_scrutiny, user=by, organisation=review.panel)
    if fieldwork.held_on and fieldwork.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The day must be today or earlier")})
    if fieldwork.estate_id and fieldwork.estate.landlord_id != review.panel.landlord_id:
        raise PermissionDenied
    if fieldwork.kind != "walkabout":
        fieldwork.estate = None
    fieldwork.recorded_by = by
    fieldwork.full_clean()
    fieldwork.save()
    record_change(
        organisation=review.panel,
        by=by,
        action=Action.CREATED,
        what=f"{review}: {fieldwork.get_kind_display()}",
    )
    return fieldwork
