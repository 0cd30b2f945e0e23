"""Writes: targets under a management agreement, one year at a time or as a five-year path.

Either party to the agreement may set a target (the organisation's committee or the landlord's
officer); every change is kept in the target's history, so each side sees who changed what.
Where the agreement's indicator schedule says an indicator's targets are agreed with the
landlord (`schedule.targets_agreed`), neither side changes one alone: a change is a proposal
(`propose_target`) that takes effect only when the other side agrees it
(`decide_target_proposal`).
"""

from datetime import date
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.history import named
from tenantry.core.models import User
from tenantry.core.periods import financial_year
from tenantry.indicators import permissions as can
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from ..models import Indicator, Target, TargetProposal, Unit
from ..schedule import targets_agreed
from ..targets import trajectory


def _check(indicator: Indicator, value: Decimal, tolerance: Decimal) -> None:
    errors = {}
    if indicator.unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        errors["value"] = _("A percentage target must be between 0 and 100.")
    elif indicator.unit == Unit.SCORE and not Decimal(0) <= value <= Decimal(5):
        errors["value"] = _("A score target must be between 0 and 5.")
    elif value < 0:
        errors["value"] = _("A target cannot be below zero.")
    if tolerance < 0:
        errors["tolerance"] = _("The tolerance cannot be below zero.")
    if errors:
        raise ValidationError(errors)


def _belongs(agreement: ManagementAgreement, indicator: Indicator) -> None:
    if indicator.organisation_id not in (None, agreement.organisation_id):
        raise ValidationError(_("That indicator belongs to another organisation."))


@transaction.atomic
def set_target(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    year_start: date,
    value: Decimal,
    tolerance: Decimal = Decimal(0),
    note: str = "",
    by: User | None,
) -> Target:
    """Set (or change) the target for one indicator in one financial year, where the schedule
    does not ask for the landlord's agreement (there, `propose_target`)."""
    require(can.can_set_targets, user=by, organisation=agreement.organisation)
    _belongs(agreement, indicator)
    _check(indicator, value, tolerance)
    if by is not None and targets_agreed(agreement=agreement, indicator=indicator):
        raise ValidationError(
            _(
                "The agreement says the %(code)s target is agreed with the landlord: propose "
                "the change for the other side to agree."
            )
            % {"code": indicator.code}
        )
    return _write_target(
        agreement=agreement,
        indicator=indicator,
        year_start=year_start,
        value=value,
        tolerance=tolerance,
        note=note,
        set_by=by,
        by=by,
    )


def _write_target(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    year_start: date,
    value: Decimal,
    tolerance: Decimal,
    note: str,
    set_by: User | None,
    by: User | None,
) -> Target:
    target = (
        Target.objects.select_for_update()
        .filter(agreement=agreement, indicator=indicator, year_start=year_start)
        .first()
    ) or Target(agreement=agreement, indicator=indicator, year_start=year_start)
    target.value, target.tolerance, target.note, target.set_by = value, tolerance, note, set_by
    target.full_clean()
    target._history_user = by  # django-simple-history records who made the change
    target.save()
    return target


def _change_text(proposal: TargetProposal) -> str:
    return _("%(code)s %(year)s: %(before)s to %(after)s") % {
        "code": proposal.indicator.code,
        "year": proposal.year_label,
        "before": proposal.old_text,
        "after": proposal.new_text,
    }


@transaction.atomic
def propose_target(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    year_start: date,
    value: Decimal,
    tolerance: Decimal = Decimal(0),
    note: str = "",
    by: User,
) -> TargetProposal:
    """Propose a change to a target agreed with the landlord; the other side agrees or declines
    it. One open proposal per target (a database constraint)."""
    require(can.can_set_targets, user=by, organisation=agreement.organisation)
    side = can.side_of(roles_in(user=by, organisation=agreement.organisation))
    if side is None:
        raise PermissionDenied
    _belongs(agreement, indicator)
    _check(indicator, value, tolerance)
    if not note.strip():
        raise ValidationError({"note": _("Enter why the target should change")})
    current = Target.objects.filter(
        agreement=agreement, indicator=indicator, year_start=year_start
    ).first()
    if current and (current.value, current.tolerance) == (value, tolerance):
        raise ValidationError({"value": _("Enter a target different from the one in force")})
    waiting = _("A change to this target is already waiting for agreement: it must be agreed "
                "or declined before another is proposed.")  # fmt: skip
    open_ones = TargetProposal.objects.filter(
        agreement=agreement,
        indicator=indicator,
        year_start=year_start,
        status=TargetProposal.Status.PENDING,
    )
    if open_ones.exists():
        raise ValidationError(waiting)
    proposal = TargetProposal(
        agreement=agreement,
        indicator=indicator,
        year_start=year_start,
        old_value=current.value if current else None,
        old_tolerance=current.tolerance if current else None,
        value=value,
        tolerance=tolerance,
        reason=note.strip(),
        side=side,
        proposed_by=by,
        proposed_at=timezone.now(),
    )
    proposal.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():  # two proposals at once: the constraint refuses the second
            proposal.save()
    except IntegrityError:
        raise ValidationError(waiting) from None
    record_change(
        organisation=agreement.organisation,
        by=by,
        action=Action.CREATED,
        what=named(proposal),
        detail=_("Proposed %(change)s. Reason: %(reason)s")
        % {"change": _change_text(proposal), "reason": proposal.reason},
    )
    return proposal


@transaction.atomic
def decide_target_proposal(
    *, proposal: TargetProposal, agree: bool, comment: str = "", by: User
) -> TargetProposal:
    """The other side agrees (the target in force changes) or declines (it does not) a
    proposed change to an agreed target. The proposal's row is locked while it is decided, so
    two officers deciding at once cannot both act on it."""
    proposal = (
        TargetProposal.objects.select_for_update()
        .select_related("agreement__organisation", "indicator")
        .get(pk=proposal.pk)
    )
    agreement = proposal.agreement
    rule = partial(can.can_decide_target_proposal, proposed_by_side=proposal.side)
    require(rule, user=by, organisation=agreement.organisation)
    if by is not None and by.pk == proposal.proposed_by_id:
        raise PermissionDenied
    if proposal.status != TargetProposal.Status.PENDING:
        raise ValidationError(
            _("This change has already been decided: %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    comment = comment.strip()
    if not agree and not comment:
        raise ValidationError({"comment": _("Enter why you decline the change")})
    if agree:
        _write_target(
            agreement=agreement,
            indicator=proposal.indicator,
            year_start=proposal.year_start,
            value=proposal.value,
            tolerance=proposal.tolerance,
            note=proposal.reason,
            set_by=proposal.proposed_by,
            by=by,
        )
    proposal.status = TargetProposal.Status.AGREED if agree else TargetProposal.Status.DECLINED
    proposal.decided_by, proposal.decided_at, proposal.comment = by, timezone.now(), comment
    proposal.full_clean(validate_constraints=False)
    proposal.save()
    detail = _("Agreed %(change)s.") if agree else _("Declined %(change)s.")
    record_change(
        organisation=agreement.organisation,
        by=by,
        action=Action.CHANGED,
        what=named(proposal),
        detail=(detail % {"change": _change_text(proposal)} + (f" {comment}" if comment else "")),
    )
    return proposal


def change_target(*, by: User | None, **target) -> Target | TargetProposal:
    """A change from either side: a proposal where the schedule says the target is agreed with
    the landlord, else the target itself."""
    agreed = targets_agreed(agreement=target["agreement"], indicator=target["indicator"])
    if by is not None and agreed:
        return propose_target(by=by, **target)
    return set_target(by=by, **target)


def plan_trajectory(
    *, indicator: Indicator, start: Decimal, goal: Decimal, years: int = 5
) -> list[Decimal]:
    """Targets rising (or falling) in equal steps from this year's figure to the goal."""
    return trajectory(
        start,
        goal,
        higher_is_better=indicator.higher_is_better,
        years=years,
        decimals=min(indicator.decimals, 2),
    )


@transaction.atomic
def save_trajectory(
    *,
    agreement: ManagementAgreement,
    indicator: Indicator,
    first_year: str,
    start: Decimal,
    goal: Decimal,
    tolerance: Decimal = Decimal(0),
    by: User | None,
) -> list[Target | TargetProposal]:
    """Store the five-year path as five targets, one per financial year from `first_year`;
    a year that already has a target is changed, keeping its history; where the target is
    agreed with the landlord, each year's change is a proposal. All or nothing."""
    require(can.can_set_targets, user=by, organisation=agreement.organisation)
    first = financial_year(first_year).start.year
    values = plan_trajectory(indicator=indicator, start=start, goal=goal)
    note = _("Step %(step)s of 5 from %(start)s towards %(goal)s.")
    return [
        change_target(
            agreement=agreement,
            indicator=indicator,
            year_start=financial_year(first + n).start,
            value=value,
            tolerance=tolerance,
            note=note % {"step": n + 1, "start": start, "goal": goal},
            by=by,
        )
        for n, value in enumerate(values)
    ]
