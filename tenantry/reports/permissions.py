"""Who may read and keep an organisation's reports (docs/permissions.md).

The annual complaints self-assessment and report (docs/complaint-handling.md): everyone with a
role reads what is published; those who run or scrutinise the organisation (the committee,
staff, a scrutiny panel's members, inspectors, the landlord's officers) read the draft too;
staff and the committee write it; the committee, as the governing body, approves and publishes
it. The landlord reads its organisations' and writes only its own, where its officers are the
organisation's staff and committee.
"""

from tenantry.core.permissions import RUNS_OR_SCRUTINISES, Role, Roles, holds_any


def can_view_complaints_report(roles: Roles) -> bool:
    """The published self-assessment and report: anyone with a role in the organisation."""
    return bool(roles)


def can_read_draft_complaints_report(roles: Roles) -> bool:
    """A draft, and the figures as they stand now: those who run or scrutinise it."""
    return holds_any(roles, RUNS_OR_SCRUTINISES)


# At a landlord's own address its officers are its staff: they write and approve its
# self-assessment (the council's cabinet or housing committee approves it in the meeting the
# minute names). At another organisation's address they only read.
_KEEPERS = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})
_APPROVERS = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})


def _at(allowed: frozenset, organisation) -> frozenset:
    if organisation is not None and organisation.is_landlord:
        return allowed | {Role.LANDLORD_OFFICER}
    return allowed


def can_edit_complaints_report(roles: Roles, organisation=None) -> bool:
    """Answer the provisions and write the report: staff and the committee."""
    return holds_any(roles, _at(_KEEPERS, organisation))


def can_approve_complaints_report(roles: Roles, organisation=None) -> bool:
    """Record the governing body's approval, and publish: the committee."""
    return holds_any(roles, _at(_APPROVERS, organisation))
