"""Every change to directory profiles and visits. Each checks permission (the host's roles with
`require`, the group's with `access.can_work_on_group`), runs in a transaction, moves a visit
only as `visits.next_state` allows, saves with its history author and writes the host's audit
log. Emails go once the change commits (`core.email.send`)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.audit import record_change, save_checked
from tenantry.organisations.models import AuditEntry, DelegatedService, Organisation
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import holders_of

from . import permissions as can
from . import visits as moves
from .access import can_work_on_group
from .models import MAX_DATES_OFFERED, Group, Profile, Side, Visit, VisitDate, VisitState
from .selectors_directory import profile_of

Action = AuditEntry.Action


def _managing(organisation: Organisation) -> None:
    if organisation.kind not in Organisation.MANAGING_KINDS:
        raise ValidationError(
            _("Only an organisation that runs services for its homes has a directory page.")
        )


@transaction.atomic
def save_profile(
    *,
    organisation: Organisation,
    services: list[str],
    homes: int | None,
    since,
    story: str,
    contact_name: str = "",
    contact_email: str = "",
    show_contact: bool = False,
    welcomes_visits: bool = False,
    photo: ContentFile | None = None,
    photo_description: str = "",
    remove_photo: bool = False,
    by: User | None,
) -> Profile:
    """Write the organisation's directory page. A published page changes at once."""
    require(can.can_keep_profile, user=by, organisation=organisation)
    _managing(organisation)
    profile = profile_of(organisation)
    profile.services = [value for value in DelegatedService.values if value in services]
    profile.homes = homes
    profile.since = since
    profile.story = story.strip()
    profile.contact_name = contact_name
    profile.contact_email = contact_email
    profile.show_contact = show_contact
    profile.welcomes_visits = welcomes_visits
    profile.photo_description = photo_description
    has_photo = photo is not None or (bool(profile.photo) and not remove_photo)
    if has_photo and not photo_description:
        raise ValidationError(
            {"photo_description": _("Say what the photo shows, for people who cannot see it")}
        )
    if show_contact and not contact_email:
        raise ValidationError(
            {"contact_email": _("Enter the contact email, or do not show a contact")}
        )
    if profile.is_published and not profile.story:
        raise ValidationError({"story": _("Enter your story: a published page needs one")})
    if remove_photo:
        profile.photo = ""
    if photo is not None:
        # Stored only once everything else is accepted, so a refused form leaves no file.
        profile.photo.save(photo.name, photo, save=False)
    creating = profile.pk is None
    save_checked(profile, by)
    record_change(
        organisation=organisation,
        by=by,
        action=Action.CREATED if creating else Action.CHANGED,
        what=_("Directory page"),
    )
    return profile


@transaction.atomic
def publish_profile(*, organisation: Organisation, by: User | None) -> Profile:
    """Show the organisation's page in the public directory."""
    require(can.can_keep_profile, user=by, organisation=organisation)
    _managing(organisation)
    profile = Profile.objects.select_for_update().filter(organisation=organisation).first()
    if profile is None or not profile.story:
        raise ValidationError(_("Write your story and save the page before you publish it."))
    if not profile.is_published:
        profile.published_at = timezone.now()
        save_checked(profile, by)
        record_change(
            organisation=organisation, by=by, action=Action.OPENED, what=_("Directory page")
        )
    return profile


@transaction.atomic
def unpublish_profile(*, organisation: Organisation, by: User | None) -> Profile:
    """Take the organisation's page out of the public directory (it is kept to publish again)."""
    require(can.can_keep_profile, user=by, organisation=organisation)
    profile = Profile.objects.select_for_update().get(organisation=organisation)
    if profile.is_published:
        profile.published_at = None
        save_checked(profile, by)
        record_change(
            organisation=organisation, by=by, action=Action.CLOSED, what=_("Directory page")
        )
    return profile


# --- visits -------------------------------------------------------------------------------


def _require_group(group: Group, by: User | None) -> None:
    if not can_work_on_group(by, group):
        raise PermissionDenied


def _require_side(visit: Visit, side: str, by: User | None) -> None:
    if side == Side.HOST:
        require(can.can_host_visits, user=by, organisation=visit.host)
    else:
        _require_group(visit.group, by)


def _locked(visit: Visit) -> Visit:
    """The visit's row, locked until the transaction ends: two people answering at once (two
    members picking different dates) are served one after the other, the second seeing the
    first's answer."""
    return Visit.objects.select_for_update().select_related("group", "host").get(pk=visit.pk)


def _what(visit: Visit) -> str:
    return _("Visit by %(group)s") % {"group": visit.group.name}


@transaction.atomic
def request_visit(
    *,
    group: Group,
    host: Organisation,
    wants_to_learn: str,
    people: int,
    preferred_times: str = "",
    access_needs: str = "",
    by: User | None,
) -> Visit:
    """A tenant group asks to visit an organisation whose published page welcomes visits."""
    _require_group(group, by)
    if not group.is_open:
        raise ValidationError(_("This group's record is closed: ask your network to reopen it."))
    profile = Profile.objects.filter(organisation=host).first()
    if profile is None or not profile.is_published or not profile.welcomes_visits:
        raise ValidationError(_("%(host)s is not taking visits at the moment.") % {"host": host})
    visit = Visit(
        group=group,
        host=host,
        wants_to_learn=wants_to_learn.strip(),
        people=people,
        preferred_times=preferred_times,
        access_needs=access_needs,
        requested_by=by,
    )
    save_checked(visit, by)
    record_change(organisation=host, by=by, action=Action.CREATED, what=_what(visit))
    _tell(visit, "requested", host=True)
    return visit


@transaction.atomic
def accept_visit(*, visit: Visit, dates: list[datetime], by: User | None) -> Visit:
    """The host says yes and offers one to three days and times; the group picks one."""
    require(can.can_host_visits, user=by, organisation=visit.host)
    visit = _locked(visit)
    now = timezone.now()
    visit.state = moves.next_state(visit, moves.ACCEPT, now=now)
    dates = sorted(set(dates))
    if not dates:
        raise ValidationError({"date_1": _("Offer at least one date and time")})
    if len(dates) > MAX_DATES_OFFERED:
        raise ValidationError(_("Offer at most %(n)s dates") % {"n": MAX_DATES_OFFERED})
    if dates[0] <= now:
        raise ValidationError(_("The dates offered must be in the future"))
    visit.answered_at = now
    save_checked(visit, by)
    VisitDate.objects.bulk_create(VisitDate(visit=visit, starts_at=day) for day in dates)
    record_change(organisation=visit.host, by=by, action=Action.CHANGED, what=_what(visit))
    _tell(visit, "offered", group=True)
    return visit


@transaction.atomic
def decline_visit(*, visit: Visit, reason: str, by: User | None) -> Visit:
    """The host says no, and why."""
    require(can.can_host_visits, user=by, organisation=visit.host)
    visit = _locked(visit)
    visit.state = moves.next_state(visit, moves.DECLINE, now=timezone.now())
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you cannot host the visit")})
    visit.decline_reason = reason.strip()
    visit.answered_at = timezone.now()
    save_checked(visit, by)
    record_change(organisation=visit.host, by=by, action=Action.CLOSED, what=_what(visit))
    _tell(visit, "declined", group=True)
    return visit


@transaction.atomic
def choose_date(*, visit: Visit, date: int, by: User | None) -> Visit:
    """The group picks one of the days offered: the visit is confirmed and the other days are
    let go. Two members picking at once: the first wins, the second is told the day chosen."""
    _require_group(visit.group, by)
    visit = _locked(visit)
    if visit.state == VisitState.CONFIRMED:
        raise ValidationError(
            _("Someone in your group has already chosen %(day)s.")
            % {"day": moves.when(visit.chosen.starts_at)}
        )
    visit.state = moves.next_state(visit, moves.CHOOSE, now=timezone.now())
    chosen = visit.dates.filter(pk=date).first()
    if chosen is None:
        raise ValidationError({"date": _("Choose one of the dates offered")})
    if chosen.starts_at <= timezone.now():
        raise ValidationError({"date": _("That date has passed: choose another")})
    visit.chosen = chosen
    save_checked(visit, by)
    record_change(
        organisation=visit.host,
        by=by,
        action=Action.CHANGED,
        what=_what(visit),
        detail=moves.when(chosen.starts_at),
    )
    _tell(visit, "confirmed", host=True, group=True)
    return visit


@transaction.atomic
def cancel_visit(*, visit: Visit, side: str, reason: str, by: User | None) -> Visit:
    """Either side calls the visit off before its day, saying why; the other side is told."""
    _require_side(visit, side, by)
    visit = _locked(visit)
    visit.state = moves.next_state(visit, moves.CANCEL, now=timezone.now())
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the visit is cancelled")})
    visit.cancelled_by = side
    visit.cancel_reason = reason.strip()
    save_checked(visit, by)
    record_change(organisation=visit.host, by=by, action=Action.CLOSED, what=_what(visit))
    _tell(visit, "cancelled", host=side == Side.GROUP, group=side == Side.HOST)
    return visit


@transaction.atomic
def record_learning(*, visit: Visit, side: str, first: str, second: str, by: User | None) -> Visit:
    """After the day, each side writes down what the visit gave: the host what it showed and the
    questions asked, the group what it learnt and what it will do next."""
    _require_side(visit, side, by)
    visit = _locked(visit)
    moves.next_state(visit, moves.RECORD, now=timezone.now())
    if not first.strip():
        if side == Side.HOST:
            raise ValidationError({"first": _("Say what you showed the group")})
        raise ValidationError({"first": _("Say what your group learnt")})
    now = timezone.now()
    if side == Side.HOST:
        told = visit.host_recorded_at is None
        visit.host_showed, visit.host_questions = first.strip(), second.strip()
        visit.host_recorded_at = now
    else:
        told = visit.group_recorded_at is None
        visit.group_learnt, visit.group_next = first.strip(), second.strip()
        visit.group_recorded_at = now
    save_checked(visit, by)
    record_change(organisation=visit.host, by=by, action=Action.CHANGED, what=_what(visit))
    if told:
        _tell(visit, f"recorded_{side}", host=side == Side.GROUP, group=side == Side.HOST)
    return visit


# --- emails -------------------------------------------------------------------------------


def _host_people(visit: Visit) -> list[User]:
    people = {}
    for role in (Role.COMMITTEE, Role.STAFF):
        for user in holders_of(organisation=visit.host, role=role):
            people[user.pk] = user
    return list(people.values())


def _group_people(visit: Visit) -> list[User]:
    people = {m.user.pk: m.user for m in visit.group.memberships.select_related("user")}
    if visit.group.adviser_id:
        people.setdefault(visit.group.adviser_id, visit.group.adviser)
    return list(people.values())


def _tell(visit: Visit, step: str, *, host: bool = False, group: bool = False) -> None:
    """Tell the people on each side named what has just happened, with a link to the visit."""
    messages = []
    sides = ([(Side.HOST, _host_people(visit))] if host else []) + (
        [(Side.GROUP, _group_people(visit))] if group else []
    )
    for side, people in sides:
        if side == Side.HOST:
            url = reverse("directory:visit", args=[visit.host.slug, visit.pk])
        else:
            url = reverse("journey:group-visit", args=[visit.group_id, visit.pk])
        for person in people:
            if not emails.wants(person, "visits"):
                continue
            messages.append(
                emails.Email.to_user(
                    person,
                    template="journey/email/visit",
                    organisation_name=visit.host.name,
                    reason="visit_host" if side == Side.HOST else "visit_group",
                    context={
                        "visit": visit,
                        "step": step,
                        "side": str(side),
                        "group_name": visit.group.name,
                        "host_name": visit.host.name,
                        "chosen": visit.chosen.starts_at if visit.chosen_id else None,
                        "url": emails.absolute(url),
                    },
                )
            )
    emails.send(messages)
