"""Who may see an organisation, keep its details, its agreements and its people.

Each predicate takes the roles a person holds in one organisation (`selectors.roles_in`).
`require` is how a service checks a rule itself, so a view, a command and the API behave alike.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from tenantry.core.models import User
from tenantry.core.permissions import (
    RUNS_OR_SCRUTINISES,
    Role,
    Roles,
    holds_any,
)

from .models import Organisation
from .selectors import roles_in


def require(
    rule: Callable[[Roles], bool], *, user: User | None, organisation: Organisation
) -> None:
    """Raise `PermissionDenied` unless `rule` allows the roles `user` holds in `organisation`.

    Every service that changes data calls this first, so the rule holds however the service is
    reached: a page, a command or the API. `user=None` is Tenantry itself acting (the demo
    generator, a data load run by the site's operator), which no rule restricts.
    """
    if user is None:
        return
    if not rule(roles_in(user=user, organisation=organisation)):
        raise PermissionDenied


def can_view_organisation(roles: Roles) -> bool:
    """Anyone with a role in an organisation sees its home page (what they see depends on role)."""
    return bool(roles)


def can_view_management(roles: Roles) -> bool:
    """The organisation's overview, estates and homes: for those who run or scrutinise it."""
    return holds_any(roles, RUNS_OR_SCRUTINISES)


def can_edit_organisation(roles: Roles) -> bool:
    """Its committee keeps its details; its landlord may correct them."""
    return holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_create_organisation(roles: Roles) -> bool:
    """A landlord's officers register the organisations it delegates to or works with."""
    return holds_any(roles, {Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_agreements(roles: Roles) -> bool:
    """Management agreements are public to everyone the organisation serves."""
    return bool(roles)


def can_manage_agreements(roles: Roles) -> bool:
    """The landlord drafts and varies an agreement, including which homes it covers."""
    return holds_any(roles, {Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_history(roles: Roles) -> bool:
    """Who changed what: for the committee and the landlord."""
    return holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_people(roles: Roles) -> bool:
    """Who holds which role in the organisation."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_manage_people(roles: Roles) -> bool:
    """Nobody signs up: the committee (or the landlord) adds people and gives them roles."""
    return holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def roles_grantable_in(*, is_landlord: bool) -> list[str]:
    """Roles a person can be given in a landlord, or in any other organisation."""
    if is_landlord:
        return [Role.LANDLORD_OFFICER, Role.STAFF, Role.RESIDENT, Role.INSPECTOR]
    return [Role.RESIDENT, Role.MEMBER, Role.COMMITTEE, Role.STAFF, Role.PANEL, Role.INSPECTOR]
