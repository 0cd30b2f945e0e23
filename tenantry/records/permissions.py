"""Who may see and keep service records: repairs, voids, rent, complaints and the rest."""

from tenantry.core.models import User
from tenantry.core.permissions import LIVES_THERE, Role, Roles, holds_any
from tenantry.homes.models import Home
from tenantry.homes.permissions import can_view_households
from tenantry.homes.selectors import home_of
from tenantry.organisations.permissions import can_view_management


def can_view_service_records(roles: Roles) -> bool:
    """Repairs, voids, rent, complaints and the rest, record by record."""
    return can_view_management(roles)


def can_search(roles: Roles) -> bool:
    """One box to find homes and records: for those who see the organisation's records."""
    return can_view_service_records(roles)


def can_record_services(roles: Roles) -> bool:
    """Staff keep the records; the landlord may correct them. Inspectors only read."""
    return holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_import_records(roles: Roles) -> bool:
    """Loading a landlord's export changes many records at once."""
    return holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_report_as_resident(roles: Roles) -> bool:
    """Residents report repairs, complain and rate repairs to their own home."""
    return holds_any(roles, LIVES_THERE)


def can_report_for_home(*, user: User, roles: Roles, home: Home | None) -> bool:
    """A resident reports a repair, complains and rates repairs for the home they live in now."""
    if not can_report_as_resident(roles) or home is None:
        return False
    lives_in = home_of(user=user)
    return lives_in is not None and lives_in.pk == home.pk


def can_see_who_reported(roles: Roles) -> bool:
    """Who reported anti-social behaviour, and what they said, is personal: staff and the
    landlord only, as with the names of households. Others who see the case see its dates."""
    return can_view_households(roles)


def can_triage_repairs(roles: Roles) -> bool:
    """The organisation's own staff read residents' new reports and give each a priority."""
    return holds_any(roles, {Role.STAFF, Role.SITE_ADMIN})


def can_see_repair_photo(*, user: User, roles: Roles, repair) -> bool:
    """A resident's photo of their home: the organisation's staff, and the resident who sent it.
    Nobody else, not even others who may read the repair record (inspectors, the landlord)."""
    if can_triage_repairs(roles):
        return True
    return (
        can_report_as_resident(roles)
        and repair.reported_by_id is not None
        and repair.reported_by_id == user.pk
    )
