"""Reads for the directory and visits: a profile with its defaults, the published ones, and the
visits each side sees."""

from django.db.models import Q, QuerySet

from tenantry.core.models import User
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.selectors import services_delegated_to

from .models import Group, Profile, Visit, VisitState

STORIES_ON_THE_INDEX = 3


def profile_defaults(organisation: Organisation) -> dict:
    """What a new profile starts from: the services its agreements delegate today, the homes
    they cover today (`homes_of`, the homes pages' own count) and when it started, from its
    founding date or else its first agreement's start."""
    first = (
        ManagementAgreement.objects.filter(organisation=organisation)
        .order_by("starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )
    return {
        "services": sorted(services_delegated_to(organisation=organisation)),
        "homes": homes_of(organisation=organisation).count() or None,
        "since": organisation.founded_on or first,
    }


def profile_of(organisation: Organisation) -> Profile:
    """The organisation's profile, or a new unsaved one filled with its defaults."""
    profile = Profile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = Profile(organisation=organisation, **profile_defaults(organisation))
    return profile


def published_profiles(
    *, region: str = "", service: str = "", kind: str = "", visits: bool = False
) -> list[Profile]:
    """Published profiles by organisation name, filtered. The service filter reads each
    profile's list in Python (SQLite cannot search inside JSON lists); England has a few
    hundred organisations in control, so the list stays short."""
    profiles = Profile.objects.filter(published_at__isnull=False).select_related("organisation")
    if region:
        profiles = profiles.filter(organisation__region=region)
    if kind:
        profiles = profiles.filter(organisation__kind=kind)
    if visits:
        profiles = profiles.filter(welcomes_visits=True)
    found = list(profiles.order_by("organisation__name"))
    if service:
        found = [profile for profile in found if service in profile.services]
    return found


def published_profile(slug: str) -> Profile | None:
    return (
        Profile.objects.filter(published_at__isnull=False, organisation__slug=slug)
        .select_related("organisation", "organisation__landlord")
        .first()
    )


def stories(count: int = STORIES_ON_THE_INDEX) -> list[Profile]:
    """Stories for the public pages: the most recently published profiles."""
    return list(
        Profile.objects.filter(published_at__isnull=False)
        .exclude(story="")
        .select_related("organisation")
        .order_by("-published_at", "pk")[:count]
    )


def groups_acting_for(user: User) -> QuerySet[Group]:
    """Open groups a signed-in person may ask a visit for: those they belong to, and those they
    advise. (A network's other staff reach any of its groups through the group's pages.)"""
    if not user.is_authenticated:
        return Group.objects.none()
    return (
        Group.objects.filter(Q(memberships__user=user) | Q(adviser=user), closed_at__isnull=True)
        .distinct()
        .order_by("name")
    )


def visits_to(host: Organisation) -> QuerySet[Visit]:
    return Visit.objects.filter(host=host).select_related("group", "chosen")


def visits_of(group: Group) -> QuerySet[Visit]:
    return Visit.objects.filter(group=group).select_related("host", "chosen")


WAITING_FOR_HOST = (VisitState.REQUESTED,)
