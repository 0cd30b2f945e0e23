"""Mystery shopping: the panel designs an exercise and its scoring sheet, opens it, and each
shopper records their visit with its scores, on a phone if they like.

Who shopped is never written where the landlord can read it: a visit keeps no history and
makes an audit entry in Tenantry's name, not the shopper's (the landlord reads the panel's
history page)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from . import permissions as can
from .models import ShoppingExercise, ShoppingQuestion, ShoppingScore, ShoppingVisit

Action = AuditEntry.Action


@transaction.atomic
def save_exercise(*, exercise: ShoppingExercise, by: User | None) -> ShoppingExercise:
    """Set up or change an exercise's title, scenario and channel."""
    panel = exercise.review.panel
    require(can.can_run_scrutiny, user=by, organisation=panel)
    created = exercise.pk is None
    if created:
        exercise.created_by = by
    exercise._history_user = by
    exercise.full_clean()
    exercise.save()
    record_change(
        organisation=panel,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=f"{exercise.review}: {exercise}",
    )
    return exercise


@transaction.atomic
def add_question(
    *, exercise: ShoppingExercise, text: str, max_points: int, by: User | None
) -> ShoppingQuestion:
    """Add a line to the scoring sheet, while no shopper has started."""
    require(can.can_run_scrutiny, user=by, organisation=exercise.review.panel)
    exercise = ShoppingExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.opened_on is not None:
        raise ValidationError(_("Shopping has started: the scoring sheet can no longer change"))
    last = exercise.questions.aggregate(last=Max("position"))["last"] or 0
    question = ShoppingQuestion(
        exercise=exercise, position=last + 1, text=text.strip(), max_points=max_points
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def open_exercise(*, exercise: ShoppingExercise, by: User | None) -> ShoppingExercise:
    """Start shopping: the scoring sheet is fixed from now on."""
    require(can.can_run_scrutiny, user=by, organisation=exercise.review.panel)
    exercise = ShoppingExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.opened_on is not None:
        return exercise
    if not exercise.questions.exists():
        raise ValidationError(_("Add at least one question to the scoring sheet first"))
    exercise.opened_on = timezone.localdate()
    exercise._history_user = by
    exercise.save()
    record_change(
        organisation=exercise.review.panel,
        by=by,
        action=Action.CHANGED,
        what=f"{exercise.review}: {exercise}",
        detail=_("shopping started"),
    )
    return exercise


@transaction.atomic
def record_visit(
    *,
    exercise: ShoppingExercise,
    done_on,
    points: dict[int, int],
    notes: str = "",
    by: User | None,
) -> ShoppingVisit:
    """A shopper records one contact: a score for every question on the sheet."""
    panel = exercise.review.panel
    require(can.can_run_scrutiny, user=by, organisation=panel)
    exercise = ShoppingExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.opened_on is None:
        raise ValidationError(_("Shopping has not started yet"))
    errors = {}
    if done_on > timezone.localdate():
        errors["done_on"] = _("The day you made contact must be today or earlier")
    questions = list(exercise.questions.all())
    for question in questions:
        given = points.get(question.pk)
        if given is None:
            errors[f"q{question.pk}"] = _("Give a score for “%(question)s”") % {
                "question": question.text
            }
        elif not 0 <= given <= question.max_points:
            errors[f"q{question.pk}"] = _("The score must be from 0 to %(most)s") % {
                "most": question.max_points
            }
    if errors:
        raise ValidationError(errors)
    visit = ShoppingVisit.objects.create(
        exercise=exercise, shopper=by, done_on=done_on, notes=notes.strip()
    )
    ShoppingScore.objects.bulk_create(
        ShoppingScore(visit=visit, question=question, points=points[question.pk])
        for question in questions
    )
    # In Tenantry's name: an entry by the shopper would tell the landlord who shopped.
    record_change(
        organisation=panel,
        by=None,
        action=Action.CREATED,
        what=_("A mystery shopping visit: %(exercise)s") % {"exercise": exercise},
    )
    return visit
