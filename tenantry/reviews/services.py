"""Every change to a review programme and to a review's steps. Each checks permission
(`require` with the rules in reviews/permissions.py), runs in a transaction, and records who
acted: simple-history on every model, and an entry in the organisation's audit log."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from tenantry.core.models import User
from tenantry.democracy.models import Meeting
from tenantry.indicators.models import Indicator
from tenantry.indicators.services.local import create_local_indicator
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require
from tenantry.surveys.models import Survey

from . import permissions as can
from .appraisal import DEFAULT_COST_WEIGHT
from .models import (
    BenchmarkVisit,
    Decision,
    Evidence,
    EvidenceKind,
    Option,
    ProgrammeEntry,
    ProgrammeStatus,
    Review,
    ReviewProgramme,
    ReviewStep,
    Stakeholder,
    Standard,
    StepStatus,
)
from .steps import STEPS, step

Action = AuditEntry.Action

EVIDENCE_EXTENSIONS = frozenset(
    {"pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "csv", "txt", "jpg", "jpeg", "png"}
)
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
TRAJECTORY_YEARS = 5


def _save(instance, by: User | None) -> None:
    """Save, with `by` as the author of the history entry."""
    instance._history_user = by
    instance.save()


def _record(organisation: Organisation, by: User | None, action: str, what: str) -> None:
    record_change(organisation=organisation, by=by, action=action, what=what)


# --- The programme ------------------------------------------------------------------------------


@transaction.atomic
def save_programme(*, organisation: Organisation, first_year: int, by: User | None):
    """Start the organisation's five-year programme, or move its first year."""
    require(can.can_write_review_programme, user=by, organisation=organisation)
    programme = ReviewProgramme.objects.filter(organisation=organisation).first()
    created = programme is None
    programme = programme or ReviewProgramme(organisation=organisation)
    if not created and programme.entries.exclude(year__range=(first_year, first_year + 4)).exists():
        raise ValidationError(
            {"first_year": _("Some reviews in the programme would fall outside its five years")}
        )
    programme.first_year = first_year
    programme.status = ProgrammeStatus.DRAFT
    programme.full_clean()
    _save(programme, by)
    _record(organisation, by, Action.CREATED if created else Action.CHANGED, str(programme))
    return programme


def _validate_entry(entry: ProgrammeEntry) -> None:
    errors = {}
    if entry.year not in entry.programme.years:
        errors["year"] = _("Choose a year in the programme: %(first)s to %(last)s") % {
            "first": entry.programme.first_year,
            "last": entry.programme.last_year,
        }
    if entry.starts_on and entry.consultation_by and entry.consultation_by < entry.starts_on:
        errors["consultation_by"] = _("Consultation cannot finish before the review starts")
    if entry.consultation_by and entry.plan_by and entry.plan_by < entry.consultation_by:
        errors["plan_by"] = _("The plan cannot be agreed before consultation finishes")
    if entry.annual_cost is not None and entry.annual_cost < 0:
        errors["annual_cost"] = _("The cost cannot be less than nothing")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_programme_entry(*, entry: ProgrammeEntry, by: User | None) -> ProgrammeEntry:
    """Add or change a service in the programme. A change after the landlord agreed the
    programme sends it back to draft: the landlord agrees it again."""
    programme = entry.programme
    require(can.can_write_review_programme, user=by, organisation=programme.organisation)
    created = entry.pk is None
    _validate_entry(entry)
    entry.full_clean()
    _save(entry, by)
    if programme.status != ProgrammeStatus.DRAFT:
        programme.status = ProgrammeStatus.DRAFT
        programme._history_user = by
        programme.save(update_fields=["status"])
    _record(
        programme.organisation,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("Review programme: %(entry)s") % {"entry": entry},
    )
    return entry


@transaction.atomic
def respond_to_programme(
    *,
    programme: ReviewProgramme,
    comment: str,
    agree: bool,
    by: User | None,
    today: date | None = None,
) -> ReviewProgramme:
    """The landlord comments on the programme, and agrees it or not."""
    require(can.can_agree_review_programme, user=by, organisation=programme.organisation)
    comment = comment.strip()
    if agree and not programme.entries.exists():
        raise ValidationError(_("There is nothing to agree yet: the programme lists no reviews"))
    if not agree and not comment:
        raise ValidationError({"comment": _("Enter your comments on the programme")})
    programme.landlord_comment = comment
    if agree:
        programme.status = ProgrammeStatus.AGREED
        programme.agreed_on = today or timezone.localdate()
        programme.agreed_by = by
    else:
        programme.status = ProgrammeStatus.COMMENTED
        programme.agreed_on = None
        programme.agreed_by = None
    _save(programme, by)
    _record(
        programme.organisation,
        by,
        Action.CHANGED,
        _("%(programme)s: %(status)s")
        % {"programme": programme, "status": programme.get_status_display()},
    )
    return programme


# --- A review and its steps ---------------------------------------------------------------------


@transaction.atomic
def start_review(
    *, organisation: Organisation, service: str, title: str, started_on: date, by: User | None
) -> Review:
    """Start a review of one service, with its nine steps not started."""
    require(can.can_run_reviews, user=by, organisation=organisation)
    review = Review(
        organisation=organisation,
        service=service,
        title=title.strip(),
        started_on=started_on,
        created_by=by,
    )
    review.full_clean()
    _save(review, by)
    bulk_create_with_history(
        [ReviewStep(review=review, number=s.number, changed_by=by) for s in STEPS],
        ReviewStep,
        default_user=by,
    )
    _record(organisation, by, Action.CREATED, _("Best Value review: %(title)s") % {"title": title})
    return review


def steps_of(review: Review) -> list[ReviewStep]:
    """The review's nine steps in order, made if missing (a review started before its steps)."""
    have = {s.number: s for s in review.steps.all()}
    missing = [ReviewStep(review=review, number=s.number) for s in STEPS if s.number not in have]
    if missing:
        ReviewStep.objects.bulk_create(missing, ignore_conflicts=True)
        have = {s.number: s for s in review.steps.all()}
    return [have[s.number] for s in STEPS]


@transaction.atomic
def save_step(
    *, review_step: ReviewStep, content: dict, status: str, by: User | None
) -> ReviewStep:
    """Record a step's answers and where it stands. Only the step's own fields are kept;
    step 5 keeps the indicators compared (codes), step 6 the weight of cost."""
    review = review_step.review
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    definition = step(review_step.number)
    kept = {f.key: str(content.get(f.key, "")).strip() for f in definition.fields}
    if review_step.number == 5:
        kept["indicators"] = [str(code) for code in content.get("indicators", [])]
    if review_step.number == 6:
        weight = content.get("cost_weight", DEFAULT_COST_WEIGHT)
        try:
            weight = int(weight)
        except (TypeError, ValueError):
            weight = -1
        if not 0 <= weight <= 100:
            raise ValidationError(
                {"cost_weight": _("The weight of cost must be between 0 and 100 per cent")}
            )
        kept["cost_weight"] = weight
    if status not in StepStatus.values:
        raise ValidationError({"status": _("Choose where the step stands")})
    if (
        status == StepStatus.COMPLETED
        and definition.fields
        and not any(kept.get(f.key) for f in definition.fields)
    ):
        raise ValidationError(
            {"status": _("Record what the step found before marking it completed")}
        )
    review_step.content = kept
    review_step.status = status
    review_step.changed_by = by
    _save(review_step, by)
    _record(
        review.organisation,
        by,
        Action.CHANGED,
        _("%(review)s, step %(number)s: %(status)s")
        % {
            "review": review,
            "number": review_step.number,
            "status": review_step.get_status_display(),
        },
    )
    return review_step


def _check_step(number: int) -> None:
    if number not in range(1, 10):
        raise ValidationError({"step": _("Choose one of the nine steps")})


@transaction.atomic
def record_decision(
    *,
    review: Review,
    step: int,
    what: str,
    decided_by: str,
    decided_on: date,
    meeting: Meeting | None,
    by: User | None,
) -> Decision:
    """What was decided, by whom and when, at which committee meeting."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    _check_step(step)
    if meeting is not None and meeting.organisation_id != review.organisation_id:
        raise ValidationError({"meeting": _("Choose one of the organisation's meetings")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date of a decision cannot be in the future")})
    if meeting is not None and meeting.day != decided_on:
        raise ValidationError(
            {
                "decided_on": _("The decision's date must be the date of the meeting (%(day)s)")
                % {"day": meeting.day.strftime("%d/%m/%Y")}
            }
        )
    decision = Decision(
        review=review,
        step=step,
        what=what.strip(),
        decided_by=decided_by.strip(),
        decided_on=decided_on,
        meeting=meeting,
        recorded_by=by,
    )
    decision.full_clean()
    _save(decision, by)
    _record(
        review.organisation,
        by,
        Action.CREATED,
        _("%(review)s, decision: %(what)s") % {"review": review, "what": what[:100]},
    )
    return decision


def check_evidence_file(upload) -> None:
    """Refuse a file of a kind a review does not keep, or one over 10 MB."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "file": _(
                    "The file must be a PDF, Word, Excel, OpenDocument, CSV, text, JPEG or PNG file"
                )
            }
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _("The file must be 10 MB or smaller")})
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty")})


def _add_evidence(evidence: Evidence, by: User | None) -> Evidence:
    review = evidence.review
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    _check_step(evidence.step)
    evidence.added_by = by
    evidence.full_clean()
    _save(evidence, by)
    _record(
        review.organisation,
        by,
        Action.CREATED,
        _("%(review)s, evidence: %(title)s") % {"review": review, "title": evidence.title},
    )
    return evidence


@transaction.atomic
def add_evidence_file(*, review: Review, step: int, title: str, upload, by: User | None):
    """Attach a file to a step."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    check_evidence_file(upload)
    evidence = Evidence(
        review=review,
        step=step,
        kind=EvidenceKind.FILE,
        title=title.strip() or upload.name,
        file=upload,
    )
    return _add_evidence(evidence, by)


@transaction.atomic
def add_survey_evidence(
    *, review: Review, step: int, survey: Survey, by: User | None, today: date | None = None
) -> Evidence:
    """Link a survey's results to a step; how many answered is kept as on the day."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    if survey.organisation_id != review.organisation_id:
        raise ValidationError({"survey": _("Choose one of the organisation's surveys")})
    evidence = Evidence(
        review=review,
        step=step,
        kind=EvidenceKind.SURVEY,
        title=survey.title,
        survey=survey,
        frozen_on=today or timezone.localdate(),
        figures={"responses": survey.responses.count()},
    )
    return _add_evidence(evidence, by)


@transaction.atomic
def freeze_figures(
    *,
    review: Review,
    step: int,
    indicator: Indicator,
    figures: dict,
    by: User | None,
    today: date | None = None,
) -> Evidence:
    """Keep an indicator's figures (from `selectors.comparison`) as they are today, so the
    review shows what it relied on even after later corrections."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    if indicator.organisation_id not in (None, review.organisation_id):
        raise ValidationError({"indicator": _("Choose one of the organisation's indicators")})
    today = today or timezone.localdate()
    evidence = Evidence(
        review=review,
        step=step,
        kind=EvidenceKind.FIGURE,
        indicator=indicator,
        title=_("%(indicator)s, figures as on %(day)s")
        % {"indicator": indicator.name, "day": today.strftime("%d/%m/%Y")},
        frozen_on=today,
        figures=figures,
    )
    return _add_evidence(evidence, by)


@transaction.atomic
def add_stakeholder(*, stakeholder: Stakeholder, by: User | None) -> Stakeholder:
    """Add someone to the stakeholder register, or change how they were consulted."""
    review = stakeholder.review
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    if stakeholder.consulted_on and stakeholder.consulted_on > timezone.localdate():
        raise ValidationError({"consulted_on": _("The date consulted cannot be in the future")})
    created = stakeholder.pk is None
    stakeholder.added_by = stakeholder.added_by or by
    stakeholder.full_clean()
    _save(stakeholder, by)
    _record(
        review.organisation,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("%(review)s, stakeholder: %(name)s") % {"review": review, "name": stakeholder.name},
    )
    return stakeholder


@transaction.atomic
def add_visit(*, visit: BenchmarkVisit, by: User | None) -> BenchmarkVisit:
    """Record a benchmarking visit and why the other provider's figures differ."""
    review = visit.review
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    visit.added_by = by
    visit.full_clean()
    _save(visit, by)
    _record(
        review.organisation,
        by,
        Action.CREATED,
        _("%(review)s, benchmarking visit: %(visited)s")
        % {"review": review, "visited": visit.visited},
    )
    return visit


@transaction.atomic
def save_option(*, option: Option, by: User | None) -> Option:
    """Add or rescore an option at step 6."""
    review = option.review
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    created = option.pk is None
    option.added_by = option.added_by or by
    option.full_clean()
    _save(option, by)
    _record(
        review.organisation,
        by,
        Action.CREATED if created else Action.CHANGED,
        _("%(review)s, option: %(option)s") % {"review": review, "option": option},
    )
    return option


@transaction.atomic
def add_standard(
    *,
    review: Review,
    indicator: Indicator,
    current: Decimal | None,
    proposed: Decimal,
    trajectory: list[Decimal],
    by: User | None,
) -> Standard:
    """An indicator's current and proposed standard with a target for each of five years."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    if indicator.organisation_id not in (None, review.organisation_id):
        raise ValidationError({"indicator": _("Choose one of the organisation's indicators")})
    if len(trajectory) != TRAJECTORY_YEARS or any(v is None for v in trajectory):
        raise ValidationError({"trajectory": _("Enter a target for each of the five years")})
    standard = Standard(
        review=review,
        indicator=indicator,
        current=current,
        proposed=proposed,
        trajectory=[str(v) for v in trajectory],
        added_by=by,
    )
    standard.full_clean()
    _save(standard, by)
    _record(
        review.organisation,
        by,
        Action.CREATED,
        _("%(review)s, standard: %(indicator)s") % {"review": review, "indicator": indicator.name},
    )
    return standard


@transaction.atomic
def create_review_indicator(*, review: Review, by: User | None, **answers) -> Indicator:
    """Create a local indicator at step 8, through the indicators app's own service (its rule:
    the committee and the landlord keep the organisation's own indicators)."""
    require(can.can_run_reviews, user=by, organisation=review.organisation)
    indicator = create_local_indicator(organisation=review.organisation, by=by, **answers)
    _record(
        review.organisation,
        by,
        Action.CREATED,
        _("%(review)s, new local indicator: %(name)s") % {"review": review, "name": indicator.name},
    )
    return indicator
