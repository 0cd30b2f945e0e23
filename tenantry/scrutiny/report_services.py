"""Every change to a scrutiny report: writing it and its recommendations, publishing it to the
landlord, the landlord's answers and interim reply, progress on the actions it took on, the
panel's sign-off, "you said, we did", and the escalation of late answers. Each checks permission
(`require`) first, runs in a transaction and records who acted (simple-history on the report and
its recommendations; the audit log for every change)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.deadlines import add_months
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import holders_of
from tenantry.reviews.models import PlanAction, Progress, ProgressUpdate
from tenantry.reviews.plan_services import apply_progress

from . import permissions as can
from .models import (
    TAKEN_ON,
    Recommendation,
    Response,
    ScrutinyReport,
    ScrutinyReview,
    ScrutinyStage,
    SignOff,
    TermsOfReference,
    Verdict,
)
from .report_selectors import overdue_reports

Action = AuditEntry.Action


def _record(report: ScrutinyReport, by: User | None, action: str, what: str) -> None:
    record_change(
        organisation=report.review.panel,
        by=by,
        action=action,
        what=f"{report.review.title}: {what}",
    )


def _set_stage(review: ScrutinyReview, stage: str, by: User | None) -> None:
    review.stage = stage
    review._history_user = by
    review.save(update_fields=["stage"])


def terms_for(panel: Organisation) -> TermsOfReference:
    """The panel's terms of reference, or the usual terms (two months to answer, an interim
    reply allowed) while it has agreed none."""
    return TermsOfReference.objects.filter(panel=panel).first() or TermsOfReference(panel=panel)


def answers_due_on(*, published_on: date, terms: TermsOfReference) -> date:
    """The last day the landlord may answer a report published on `published_on`: the terms'
    months later, the same day of the month or the month's last day where it has fewer
    (`core.deadlines.add_months`); due at the end of that day."""
    return add_months(published_on, terms.response_months)


def _unpublished(report: ScrutinyReport) -> None:
    if report.is_published:
        raise ValidationError(
            _("The report is published: the landlord is answering it as it was sent.")
        )


@transaction.atomic
def save_report(*, report: ScrutinyReport, by: User | None) -> ScrutinyReport:
    """Start the review's report, or change what it found while it is still a draft."""
    review = report.review
    require(can.can_write_scrutiny_reports, user=by, organisation=review.panel)
    created = report.pk is None
    if not created:
        _unpublished(ScrutinyReport.objects.get(pk=report.pk))
    save_checked(report, by)
    if review.stage in (ScrutinyStage.SCOPING, ScrutinyStage.GATHERING):
        _set_stage(review, ScrutinyStage.REPORTING, by)
    _record(report, by, Action.CREATED if created else Action.CHANGED, _("report"))
    return report


@transaction.atomic
def save_recommendation(*, recommendation: Recommendation, by: User | None) -> Recommendation:
    """Add a recommendation at the end of the draft report, or change one."""
    report = recommendation.report
    require(can.can_write_scrutiny_reports, user=by, organisation=report.review.panel)
    # Recommendations added at once are numbered one after another: each waits on the report.
    report = ScrutinyReport.objects.select_for_update().get(pk=report.pk)
    _unpublished(report)
    created = recommendation.pk is None
    if created:
        last = report.recommendations.aggregate(last=Max("position"))["last"] or 0
        recommendation.position = last + 1
    save_checked(recommendation, by)
    _record(
        report,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("recommendation “%(title)s”") % {"title": recommendation.title},
    )
    return recommendation


@transaction.atomic
def publish_report(
    *,
    report: ScrutinyReport,
    by: User | None,
    today: date | None = None,
    tell_landlord: bool = True,
) -> ScrutinyReport:
    """Send the report to the landlord: its answers are due the panel's terms' months later,
    and the landlord's officers are told so by email. Refused without a finding or without a
    recommendation."""
    review = report.review
    require(can.can_write_scrutiny_reports, user=by, organisation=review.panel)
    report = ScrutinyReport.objects.select_for_update().get(pk=report.pk)
    today = today or timezone.localdate()
    _unpublished(report)
    if not report.summary.strip():
        raise ValidationError(_("Say what the panel found before publishing the report."))
    if not report.recommendations.exists():
        raise ValidationError(_("Add at least one recommendation before publishing the report."))
    report.published_on = today
    report.published_by = by
    report.answers_due_on = answers_due_on(published_on=today, terms=terms_for(review.panel))
    save_checked(report, by)
    _set_stage(review, ScrutinyStage.AWAITING_ANSWERS, by)
    _record(report, by, Action.CHANGED, _("report published to the landlord"))
    if tell_landlord:
        emails.send(_published_emails(report))
    return report


def _published_emails(report: ScrutinyReport) -> list[emails.Email]:
    """The landlord's officers are told the report is theirs to answer, and by when."""
    panel = report.review.panel
    if panel.landlord_id is None:
        return []
    url = emails.absolute(reverse("scrutiny:report", args=[panel.slug, report.review_id]))
    officers = holders_of(organisation=panel.landlord, role=Role.LANDLORD_OFFICER)
    return [
        emails.Email.to_user(
            officer,
            template="scrutiny/email/report_published",
            organisation_name=panel.name,
            reason="landlord_officer",
            context={
                "report": report,
                "review": report.review,
                "count": report.recommendations.count(),
                "url": url,
            },
        )
        for officer in officers
        if emails.wants(officer, "landlord_officer")
    ]


def _answering(report: ScrutinyReport) -> ScrutinyReport:
    """The report, locked, while the landlord may answer it."""
    report = ScrutinyReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_published:
        raise ValidationError(_("The report is not published yet."))
    if report.answered_on is not None:
        raise ValidationError(_("Every recommendation is answered: the answers are final."))
    return report


@transaction.atomic
def send_interim_reply(
    *, report: ScrutinyReport, text: str, by: User | None, today: date | None = None
) -> ScrutinyReport:
    """The landlord's interim reply, where the panel's terms of reference allow one: once, and
    before every recommendation is answered. It does not stop the clock."""
    require(can.can_answer_recommendations, user=by, organisation=report.review.panel)
    report = _answering(report)
    if not terms_for(report.review.panel).interim_reply_allowed:
        raise ValidationError(_("The panel's terms of reference do not allow an interim reply."))
    if report.interim_reply_on is not None:
        raise ValidationError(_("An interim reply has already been sent."))
    if not text.strip():
        raise ValidationError({"interim_reply": _("Enter the interim reply")})
    report.interim_reply = text.strip()
    report.interim_reply_on = today or timezone.localdate()
    save_checked(report, by)
    _record(report, by, Action.CHANGED, _("interim reply from the landlord"))
    return report


@transaction.atomic
def answer_recommendation(
    *,
    recommendation: Recommendation,
    response: str,
    reasons: str,
    owner: str = "",
    due_on: date | None = None,
    by: User | None,
    today: date | None = None,
) -> Recommendation:
    """The landlord's answer to one recommendation. Partly accepting or rejecting needs
    reasons; accepting (wholly or partly) needs an owner and a due date, and makes the
    recommendation a tracked action. The answer may change until the last recommendation is
    answered; then the report is answered (on that day) and the panel follows the actions."""
    report = recommendation.report
    require(can.can_answer_recommendations, user=by, organisation=report.review.panel)
    report = _answering(report)
    today = today or timezone.localdate()
    errors = {}
    if response not in Response.values:
        errors["response"] = _("Select whether you accept the recommendation")
    if response in (Response.PARTLY, Response.REJECTED) and not reasons.strip():
        errors["reasons"] = _("Give your reasons")
    if response in TAKEN_ON:
        if not owner.strip():
            errors["owner"] = _("Enter who is responsible")
        if due_on is None:
            errors["due_on"] = _("Enter the due date")
        elif due_on < today:
            errors["due_on"] = _("The due date must be today or in the future")
    if errors:
        raise ValidationError(errors)
    recommendation.response = response
    recommendation.reasons = reasons.strip()
    recommendation.answered_on = today
    recommendation.answered_by = by
    dropped = None
    if response in TAKEN_ON:
        recommendation.owner = owner.strip()
        recommendation.due_on = due_on
        action = recommendation.action or PlanAction(plan=None)
        action.title = recommendation.title[:200]
        action.finding = recommendation.reason
        action.owner = recommendation.owner
        action.due_on = due_on
        save_checked(action, by)
        recommendation.action = action
    else:
        recommendation.owner, recommendation.due_on = "", None
        dropped, recommendation.action = recommendation.action, None
    save_checked(recommendation, by)
    if dropped is not None:
        dropped.delete()
    _record(
        report,
        by,
        Action.CHANGED,
        _("answer to “%(title)s”: %(answer)s")
        % {"title": recommendation.title, "answer": Response(response).label},
    )
    if not report.recommendations.filter(response="").exists():
        report.answered_on = today
        save_checked(report, by)
        taken_on = report.recommendations.filter(response__in=TAKEN_ON).exists()
        _set_stage(
            report.review, ScrutinyStage.MONITORING if taken_on else ScrutinyStage.CLOSED, by
        )
        _record(report, by, Action.CHANGED, _("every recommendation answered"))
    return recommendation


def _tracked(recommendation: Recommendation) -> PlanAction:
    if recommendation.action_id is None:
        raise ValidationError(_("The landlord did not take this recommendation on."))
    return recommendation.action


@transaction.atomic
def report_action_progress(
    *,
    recommendation: Recommendation,
    progress: str,
    note: str,
    evidence: str = "",
    by: User | None,
    today: date | None = None,
) -> ProgressUpdate:
    """The landlord reports how an action it took on is going (the reviews app's one rule of
    progress: "done" needs evidence)."""
    report = recommendation.report
    require(can.can_answer_recommendations, user=by, organisation=report.review.panel)
    update = apply_progress(
        action=_tracked(recommendation),
        progress=progress,
        note=note,
        evidence=evidence,
        by=by,
        today=today,
    )
    _record(
        report,
        by,
        Action.CHANGED,
        _("progress on “%(title)s”: %(progress)s")
        % {"title": recommendation.title, "progress": Progress(progress).label},
    )
    return update


@transaction.atomic
def sign_off(
    *,
    recommendation: Recommendation,
    verdict: str,
    evidence: str,
    note: str = "",
    by: User | None,
    today: date | None = None,
) -> SignOff:
    """The panel judges an action delivered, or not, with the evidence. Delivered records the
    action done; not delivered reopens it (at risk, and late once past its due date). Once every
    action is signed off the review is closed."""
    report = recommendation.report
    require(can.can_sign_off_actions, user=by, organisation=report.review.panel)
    action = _tracked(recommendation)
    today = today or timezone.localdate()
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Select whether the action was delivered")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Enter the evidence for your judgement")})
    signed = SignOff(
        recommendation=recommendation,
        verdict=verdict,
        evidence=evidence.strip(),
        note=note.strip(),
        signed_on=today,
        signed_by=by,
    )
    signed.full_clean()
    signed.save()
    delivered = verdict == Verdict.DELIVERED
    apply_progress(
        action=action,
        progress=Progress.DONE if delivered else Progress.AT_RISK,
        note=note.strip()
        or (_("Signed off by the panel as delivered.") if delivered else _("Not delivered.")),
        evidence=evidence,
        by=by,
        today=today,
    )
    _record(
        report,
        by,
        Action.CHANGED,
        _("sign-off of “%(title)s”: %(verdict)s")
        % {"title": recommendation.title, "verdict": Verdict(verdict).label},
    )
    unsigned = report.recommendations.filter(action__isnull=False, sign_offs__isnull=True)
    if report.review.stage == ScrutinyStage.MONITORING and not unsigned.exists():
        _set_stage(report.review, ScrutinyStage.CLOSED, by)
    return signed


@transaction.atomic
def save_tenant_summary(*, report: ScrutinyReport, text: str, by: User | None) -> ScrutinyReport:
    """What the panel tells tenants came of the review ("you said, we did"), for the public
    page: once the report is published."""
    require(can.can_write_scrutiny_reports, user=by, organisation=report.review.panel)
    # The row as it stands now: the landlord may have answered since `report` was read.
    report = ScrutinyReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_published:
        raise ValidationError(_("Publish the report first."))
    if not text.strip():
        raise ValidationError({"tenant_summary": _("Enter what tenants said and what was done")})
    report.tenant_summary = text.strip()
    save_checked(report, by)
    _record(report, by, Action.CHANGED, _("“you said, we did”"))
    return report


def _escalation(report: ScrutinyReport, terms: TermsOfReference) -> emails.Email:
    panel = report.review.panel
    url = emails.absolute(reverse("scrutiny:report", args=[panel.slug, report.review_id]))
    unanswered = report.recommendations.filter(response="").count()
    return emails.Email(
        to=terms.senior_officer_email,
        name=terms.senior_officer_name.split(" ")[0] if terms.senior_officer_name else "",
        template="scrutiny/email/answers_overdue",
        organisation_name=panel.name,
        reason="senior_officer",
        language=emails.language_for(None),
        context={
            "report": report,
            "review": report.review,
            "landlord": panel.landlord,
            "unanswered": unanswered,
            "url": url,
        },
    )


def escalate_late_answers(*, today: date | None = None) -> int:
    """Email the landlord's senior officer (named in the panel's terms of reference) about each
    report whose answers are overdue, once: the report keeps when and to whom. Run each day
    (`tenantry escalate_late_answers`, or the task queue). Returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for pk in (
        overdue_reports(today=today).filter(escalated_at__isnull=True).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            # Two runs at once: the second waits here, then finds the report escalated.
            report = (
                # Only the report's row is locked (the landlord is joined from the nullable side).
                ScrutinyReport.objects.select_for_update(of=("self",))
                .select_related("review__panel__landlord")
                .filter(pk=pk, escalated_at__isnull=True)
                .first()
            )
            if report is None:
                continue
            terms = terms_for(report.review.panel)
            if not terms.senior_officer_email:
                continue  # nobody to tell: the panel's page still shows the answers overdue
            report.escalated_at = timezone.now()
            report.escalated_to = terms.senior_officer_email
            report.save(update_fields=["escalated_at", "escalated_to"])
            emails.send([_escalation(report, terms)])
            _record(
                report,
                None,
                Action.CHANGED,
                _("late answers escalated to %(email)s") % {"email": terms.senior_officer_email},
            )
            sent += 1
    return sent
