"""Every change to an organisation's democracy: its constitution, its members, its committee.

Each service checks its permission rule (`require`; `by=None` is Tenantry itself: the demo, a
daily task), runs in one transaction and records who acted: the constitution and committee terms
through their history, memberships through the organisation's audit trail.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.homes.models import Resident
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import roles_in

from . import permissions as can
from .constitution import defaults_for, legal_form_of, pounds
from .eligibility import OPEN, eligibility
from .models import (
    CommitteeTerm,
    Constitution,
    JoinedBy,
    Membership,
    MemberStatus,
    SeatKind,
    SeatRule,
)

# --- The constitution ------------------------------------------------------------------------


def constitution_of(organisation: Organisation) -> Constitution:
    """The organisation's constitution, made on first use with the defaults for the legal form
    its kind usually takes (`constitution.legal_form_of`), so every page has rules to quote;
    the committee then records its own."""
    found = Constitution.objects.filter(organisation=organisation).first()
    if found is not None:
        return found
    values, seats = defaults_for(legal_form_of(organisation))
    try:
        with transaction.atomic():
            constitution = Constitution.objects.create(organisation=organisation, **values)
            for kind, n in seats.items():  # one by one, so each has its history from the start
                SeatRule.objects.create(constitution=constitution, kind=kind, seats=n)
    except IntegrityError:  # made at the same moment by another request
        return Constitution.objects.get(organisation=organisation)
    return constitution


def seats_of(constitution: Constitution) -> dict[str, int]:
    """Seats by kind, in the order of `SeatKind`, with none for kinds the rules do not name."""
    held = dict(constitution.seats.values_list("kind", "seats"))
    return {kind: held.get(kind, 0) for kind in SeatKind.values}


@transaction.atomic
def change_constitution(
    *, organisation: Organisation, by: User | None, values: dict, seats: dict[str, int]
) -> Constitution:
    """Record the constitution's new values and seats; the committee size follows the seats."""
    require(can.can_change_constitution, user=by, organisation=organisation)
    constitution = Constitution.objects.select_for_update().get(pk=constitution_of(organisation).pk)
    for name, value in values.items():
        setattr(constitution, name, value)
    if seats:
        constitution.committee_size = sum({**seats_of(constitution), **seats}.values())
    constitution.full_clean()
    constitution._history_user = by
    constitution.save()
    for kind, n in seats.items():
        rule = SeatRule.objects.filter(constitution=constitution, kind=kind).first()
        if rule is None and n:
            rule = SeatRule(constitution=constitution, kind=kind, seats=n)
        elif rule is None or rule.seats == n:
            continue
        rule.seats = n
        rule._history_user = by
        rule.save()
    return constitution


# --- Members ---------------------------------------------------------------------------------


def _audit(membership: Membership, by: User | None, action: str, detail: str = "") -> None:
    record_change(
        organisation=membership.organisation,
        by=by,
        action=action,
        what=_("Membership: %(name)s") % {"name": membership.resident.name},
        detail=detail,
    )


def _refuse_if_ineligible(result) -> None:
    if result.reasons:
        raise ValidationError(" ".join(result.reasons))


@transaction.atomic
def apply_for_membership(
    *,
    organisation: Organisation,
    by: User | None,
    resident: Resident,
    joined_by: str = JoinedBy.ONLINE,
    applied_on: date | None = None,
    date_of_birth: date | None = None,
) -> Membership:
    """An application: a resident's own online, or one on paper or at a meeting keyed in by the
    committee or staff. Refused with the reasons when the constitution does not admit them."""
    if joined_by == JoinedBy.ONLINE:
        # Online is a resident applying for themselves from their account.
        if by is not None and resident.user_id != by.pk:
            raise PermissionDenied
        require(can.can_join, user=by, organisation=organisation)
    else:
        require(can.can_keep_register, user=by, organisation=organisation)
    applied_on = applied_on or timezone.localdate()
    if applied_on > timezone.localdate():
        raise ValidationError({"applied_on": _("The date they applied must be today or earlier")})
    constitution = constitution_of(organisation)
    _refuse_if_ineligible(
        eligibility(
            constitution=constitution,
            resident=resident,
            day=applied_on,
            date_of_birth=date_of_birth,
        )  # fmt: skip
    )
    membership = Membership(
        organisation=organisation,
        resident=resident,
        household=resident.household,
        joined_by=joined_by,
        applied_on=applied_on,
        date_of_birth=date_of_birth,
    )
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a second application sent at the same moment
        raise ValidationError(_("They are already a member or have already applied.")) from None
    _audit(membership, by, Action.CREATED, membership.get_joined_by_display())
    return membership


def _next_number(organisation: Organisation) -> int:
    top = Membership.objects.filter(organisation=organisation).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def approve_membership(
    *,
    membership: Membership,
    by: User | None,
    on: date | None = None,
    share_paid_pence: int | None = None,
    share_paid_on: date | None = None,
) -> Membership:
    """Admit an applicant, on `on`, checked again against the constitution that day, and give
    them the next membership number.

    Numbers are given under a lock on the organisation's constitution row, so two approvals at
    once wait for each other and take 41 and 42, never both 41; the unique constraint on
    (organisation, number) backs the lock (SQLite has no row locks but one writer at a time).
    """
    organisation = membership.organisation
    require(can.can_keep_register, user=by, organisation=organisation)
    on = on or timezone.localdate()
    constitution = Constitution.objects.select_for_update().get(pk=constitution_of(organisation).pk)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MemberStatus.APPLIED:
        raise ValidationError(_("Only an application waiting for a decision can be approved."))
    if on < membership.applied_on or on > timezone.localdate():
        raise ValidationError(
            {"on": _("The day they became a member must be between the day they applied and today")}
        )
    _refuse_if_ineligible(
        eligibility(
            constitution=constitution,
            resident=membership.resident,
            day=on,
            date_of_birth=membership.date_of_birth,
            ignore=membership,
        )  # fmt: skip
    )
    membership.status = MemberStatus.MEMBER
    membership.joined_on = on
    membership.decided_on = on
    membership.decided_by = by
    membership.number = _next_number(organisation)
    if share_paid_pence is not None:
        _set_share(membership, constitution, share_paid_pence, share_paid_on or on)
    membership.full_clean()
    membership.save()
    _audit(
        membership, by, Action.CHANGED,
        _("Approved as member number %(n)s") % {"n": membership.number},
    )  # fmt: skip
    return membership


@transaction.atomic
def refuse_membership(*, membership: Membership, by: User | None, reason: str) -> Membership:
    """Refuse an application, saying why (the applicant is told)."""
    require(can.can_keep_register, user=by, organisation=membership.organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MemberStatus.APPLIED:
        raise ValidationError(_("Only an application waiting for a decision can be refused."))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the application is refused")})
    membership.status = MemberStatus.REFUSED
    membership.refusal_reason = reason.strip()
    membership.decided_on = timezone.localdate()
    membership.decided_by = by
    membership.full_clean()
    membership.save()
    _audit(
        membership, by, Action.CHANGED, _("Refused: %(why)s") % {"why": membership.refusal_reason}
    )
    return membership


def _set_share(membership: Membership, constitution: Constitution, pence: int, on: date) -> None:
    if not constitution.share_pence:
        raise ValidationError({"share_paid_pence": _("Your constitution asks for no share")})
    if pence < 0:
        raise ValidationError({"share_paid_pence": _("The share paid must be £0 or more")})
    if on > timezone.localdate() or on < membership.applied_on:
        raise ValidationError(
            {
                "share_paid_on": _(
                    "The day the share was paid must be between the application and today"
                )
            }
        )
    membership.share_paid_pence = pence
    membership.share_paid_on = on


@transaction.atomic
def record_share(*, membership: Membership, by: User | None, pence: int, on: date) -> Membership:
    """Record the member's share paid: how much and when."""
    require(can.can_keep_register, user=by, organisation=membership.organisation)
    _set_share(membership, constitution_of(membership.organisation), pence, on)
    membership.full_clean()
    membership.save()
    _audit(
        membership, by, Action.CHANGED,
        _("Share of %(amount)s paid on %(day)s") % {"amount": pounds(pence), "day": on.isoformat()},
    )  # fmt: skip
    return membership


@transaction.atomic
def end_membership(
    *, membership: Membership, by: User | None, on: date | None = None, reason: str = ""
) -> Membership:
    """A member leaves, or withdraws an application: by their own choice from their account, or
    recorded by the committee or staff. The row stays: the register is a history."""
    organisation = membership.organisation
    own = by is not None and membership.resident.user_id == by.pk
    if not own:
        require(can.can_keep_register, user=by, organisation=organisation)
    elif not can.can_join(roles_in(user=by, organisation=organisation)):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in OPEN:
        raise ValidationError(_("This membership has already ended."))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The day they left must be today or earlier")})
    if membership.joined_on and on < membership.joined_on:
        raise ValidationError(
            {"on": _("The day they left must be on or after the day they joined")}
        )
    membership.status = MemberStatus.LEFT
    membership.ended_on = on
    membership.end_reason = reason.strip()[:200] or _("Left")
    membership.full_clean()
    membership.save()
    _end_terms_of(membership, on, by)
    _audit(membership, by, Action.CHANGED, _("Left on %(day)s") % {"day": on.isoformat()})
    return membership


def _end_terms_of(membership: Membership, on: date, by: User | None) -> None:
    """A seat held by a member is vacant from the day their membership ends: tenant,
    leaseholder and co-opted seats are members' seats."""
    last_day = on - timedelta(days=1)  # a member until the day before `on`
    for term in CommitteeTerm.objects.not_ended_before(on).filter(membership=membership):
        term.ends_on = max(last_day, term.starts_on)
        term.end_reason = _("Their membership ended")
        term._history_user = by
        term.save()


def tenancy_ends():
    """For each open membership, the day its household's tenancy ended, if it has: the
    household's own end date (an import of households, or a correction) or, failing that, a void
    recorded on its home from a day on or after the tenancy started (a void's "tenancy ended")."""
    from django.db.models import Min, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from tenantry.records.models import Void

    void_end = (
        Void.objects.filter(
            home_id=OuterRef("household__home_id"),
            tenancy_ended_on__gte=OuterRef("household__started_on"),
        )
        .order_by()
        .values("home_id")
        .annotate(first=Min("tenancy_ended_on"))
        .values("first")
    )
    return Membership.objects.filter(status__in=OPEN).annotate(
        tenancy_ended=Coalesce("household__ended_on", Subquery(void_end[:1]))
    )


@transaction.atomic
def lapse_ended_tenancies(
    *,
    organisation: Organisation | None = None,
    organisation_ids: list[int] | None = None,
    today: date | None = None,
) -> int:
    """Lapse every membership (and withdraw every application) whose household's tenancy has
    ended by `today`, on the day it ended: a member must live in one of the homes (the
    constitution's area). Called after an import or a void is saved (records' change
    announcement, `apps.py`) and each day by `tenantry lapse-memberships`. Idempotent."""
    today = today or timezone.localdate()
    found = tenancy_ends().filter(tenancy_ended__lte=today).select_related("resident")
    if organisation is not None:
        found = found.filter(organisation=organisation)
    if organisation_ids is not None:  # these and the organisations whose landlord they are
        found = found.filter(
            Q(organisation_id__in=organisation_ids)
            | Q(organisation__landlord_id__in=organisation_ids)
        )
    lapsed = 0
    for membership in found.select_for_update(of=("self",)):
        ended = membership.tenancy_ended
        if membership.joined_on and ended < membership.joined_on:
            ended = membership.joined_on  # ended before they joined: over on the day they joined
        membership.status = MemberStatus.LAPSED
        membership.ended_on = ended
        membership.end_reason = _("The tenancy ended")
        membership.save(update_fields=["status", "ended_on", "end_reason"])
        _end_terms_of(membership, ended, None)
        _audit(membership, None, Action.CHANGED, _("Lapsed: the tenancy ended on %(day)s") % {
            "day": ended.isoformat()
        })  # fmt: skip
        lapsed += 1
    return lapsed


# --- The committee ---------------------------------------------------------------------------


def seat_refusal(membership: Membership, kind: str) -> str:
    """Why this member may not hold (or stand for) a seat of `kind`, or "": a leaseholder
    cannot hold a tenant seat, nor a tenant a leaseholder seat."""
    from .eligibility import LEASEHOLD_TENURES

    leaseholder = membership.household.home.tenure in LEASEHOLD_TENURES
    if kind == SeatKind.TENANT and leaseholder:
        return _("A leaseholder cannot hold a tenant seat")
    if kind == SeatKind.LEASEHOLDER and not leaseholder:
        return _("Only a leaseholder can hold a leaseholder seat")
    return ""


@transaction.atomic
def add_committee_term(
    *,
    organisation: Organisation,
    by: User | None,
    kind: str,
    how: str,
    starts_on: date,
    membership: Membership | None = None,
    name: str = "",
) -> CommitteeTerm:
    """Someone takes a committee seat of a kind from `starts_on`: a member for a tenant,
    leaseholder or co-opted seat (holding the right tenure), a named person otherwise. Refused
    when every seat of the kind is taken that day."""
    require(can.can_keep_committee, user=by, organisation=organisation)
    constitution = Constitution.objects.select_for_update().get(pk=constitution_of(organisation).pk)
    errors = {}
    member_seat = kind in (SeatKind.TENANT, SeatKind.LEASEHOLDER, SeatKind.CO_OPTED)
    if member_seat and membership is None:
        errors["membership"] = _("Choose the member who takes the seat")
    if membership is not None:
        if membership.organisation_id != organisation.pk:
            raise PermissionDenied
        if not Membership.objects.current(starts_on).filter(pk=membership.pk).exists():
            errors["membership"] = _("They must be a member on the day the term starts")
        elif refusal := seat_refusal(membership, kind):
            errors["kind"] = refusal
    if starts_on > timezone.localdate():
        errors["starts_on"] = _("The day the term starts must be today or earlier")
    seats = seats_of(constitution)[kind]
    held = CommitteeTerm.objects.current(starts_on).filter(organisation=organisation, kind=kind)
    if not errors and held.count() >= seats:
        errors["kind"] = _("Every %(kind)s seat is taken on that day") % {
            "kind": SeatKind(kind).label.lower()
        }
    if (
        membership is not None
        and CommitteeTerm.objects.current(starts_on).filter(membership=membership).exists()
    ):
        errors["membership"] = _("They already hold a committee seat")
    if errors:
        raise ValidationError(errors)
    term = CommitteeTerm(
        organisation=organisation, kind=kind, how=how, starts_on=starts_on,
        membership=membership, name=name.strip(),
    )  # fmt: skip
    term.full_clean()
    term._history_user = by
    term.save()
    return term


@transaction.atomic
def end_committee_term(
    *, term: CommitteeTerm, by: User | None, on: date, reason: str = ""
) -> CommitteeTerm:
    """A committee member's term ends on `on`, their last day in office (retired at the AGM,
    resigned, removed): the seat is vacant from the day after."""
    require(can.can_keep_committee, user=by, organisation=term.organisation)
    if term.ends_on and term.ends_on < timezone.localdate():
        raise ValidationError(_("This term has already ended."))
    if on < term.starts_on:
        raise ValidationError({"on": _("The term must end on or after the day it started")})
    term.ends_on = on
    term.end_reason = reason.strip()[:200]
    term.full_clean()
    term._history_user = by
    term.save()
    return term
