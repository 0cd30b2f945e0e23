"""Every change to grant programmes and their conditions. Each checks permission (`require`
with journey/permissions.py), runs in a transaction, validates before saving, and records who
acted: simple-history on each model and an entry in the keeping organisation's audit log."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require

from . import permissions as can
from .models import ConditionKind, FundingProgramme, GrantCondition

Action = AuditEntry.Action


@transaction.atomic
def create_programme(
    *,
    organisation: Organisation,
    name: str,
    funder: str,
    summary: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    by: User | None,
) -> FundingProgramme:
    """A grant programme kept by `organisation`, not yet shown to the public."""
    require(can.can_keep_funding_programmes, user=by, organisation=organisation)
    programme = FundingProgramme(
        organisation=organisation,
        name=name,
        funder=funder,
        summary=summary,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The closing date must be after the opening date")})
    save_checked(programme, by)
    record_change(
        organisation=organisation, by=by, action=Action.CREATED, what=f"Grant programme {name}"
    )
    return programme


@transaction.atomic
def add_condition(
    *,
    programme: FundingProgramme,
    question: str,
    kind: str,
    minimum: int | None = None,
    advice: str = "",
    by: User | None,
) -> GrantCondition:
    """A condition at the end of the programme's list."""
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    # Lock the programme so two conditions added at once do not take the same place.
    FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    if kind == ConditionKind.AT_LEAST and minimum is None:
        raise ValidationError({"minimum": _("Enter the minimum the group's number must reach")})
    if kind == ConditionKind.YES_NO:
        minimum = None
    last = programme.conditions.aggregate(last=Max("position"))["last"] or 0
    condition = GrantCondition(
        programme=programme,
        position=last + 1,
        question=question,
        kind=kind,
        minimum=minimum,
        advice=advice,
    )
    save_checked(condition, by)
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: condition added",
        detail=question,
    )
    return condition


@transaction.atomic
def publish_programme(*, programme: FundingProgramme, by: User | None) -> FundingProgramme:
    """Show the programme on the public pages; it needs at least one condition."""
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    if not programme.conditions.exists():
        raise ValidationError(_("Add at least one condition before showing the programme"))
    programme.published = True
    save_checked(programme, by)
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: shown to the public",
    )
    return programme


@transaction.atomic
def update_programme(
    *,
    programme: FundingProgramme,
    name: str,
    funder: str,
    summary: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    by: User | None,
) -> FundingProgramme:
    """Change a programme's name, funder, summary or dates."""
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The closing date must be after the opening date")})
    programme = FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    programme.name, programme.funder, programme.summary = name, funder, summary
    programme.opens_on, programme.closes_on = opens_on, closes_on
    save_checked(programme, by)
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {name}",
    )
    return programme


@transaction.atomic
def unpublish_programme(*, programme: FundingProgramme, by: User | None) -> FundingProgramme:
    """Take the programme off the public pages (its conditions are kept)."""
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    programme.published = False
    save_checked(programme, by)
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: taken off the public pages",
    )
    return programme


@transaction.atomic
def update_condition(
    *,
    condition: GrantCondition,
    question: str,
    kind: str,
    minimum: int | None = None,
    advice: str = "",
    by: User | None,
) -> GrantCondition:
    """Change a condition's question, kind of answer, minimum or advice."""
    programme = condition.programme
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    if kind == ConditionKind.AT_LEAST and minimum is None:
        raise ValidationError({"minimum": _("Enter the minimum the group's number must reach")})
    if kind == ConditionKind.YES_NO:
        minimum = None
    condition = GrantCondition.objects.select_for_update().get(pk=condition.pk)
    condition.question, condition.kind = question, kind
    condition.minimum, condition.advice = minimum, advice
    save_checked(condition, by)
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: condition changed",
        detail=question,
    )
    return condition


@transaction.atomic
def remove_condition(*, condition: GrantCondition, by: User | None) -> None:
    """Remove a condition; those after it move up. A programme shown to the public keeps one."""
    programme = condition.programme
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    programme = FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.published and programme.conditions.count() == 1:
        raise ValidationError(
            _("A programme shown to the public needs a condition: take it off the pages first")
        )
    position = condition.position
    condition.delete()
    for later in programme.conditions.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: condition removed",
        detail=condition.question,
    )


@transaction.atomic
def move_condition(*, condition: GrantCondition, up: bool, by: User | None) -> None:
    """Swap a condition with the one before it (`up`) or after it; at either end, nothing."""
    programme = condition.programme
    require(can.can_keep_funding_programmes, user=by, organisation=programme.organisation)
    FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    condition = GrantCondition.objects.get(pk=condition.pk)
    siblings = programme.conditions.exclude(pk=condition.pk)
    other = (
        siblings.filter(position__lt=condition.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=condition.position).order_by("position").first()
    )
    if other is None:
        return
    mine, theirs = condition.position, other.position
    # Through a free place (0: positions start at 1), as no two may share one at any moment.
    condition.position = 0
    condition.save(update_fields=["position"])
    other.position = mine
    other.save(update_fields=["position"])
    condition.position = theirs
    condition.save(update_fields=["position"])
    record_change(
        organisation=programme.organisation,
        by=by,
        action=Action.CHANGED,
        what=f"Grant programme {programme.name}: conditions reordered",
    )
