"""Who may read, write and publish an organisation's annual report to tenants
(docs/annual-report.md#who-may-do-what).

A published report is for everyone: anyone with a role reads it signed in, and anyone at all
reads it without signing in once the organisation's public page is published
(`publication.is_published`). A draft is read by those who run or scrutinise the organisation,
the landlord's officers included, so they can check the figures before tenants see them; it
is written by the committee and staff, and published by the committee alone, because the
report is the committee's account to tenants.
"""

from tenantry.core.permissions import RUNS_OR_SCRUTINISES, Role, Roles, holds_any


def can_view_annual_reports(roles: Roles) -> bool:
    """The list of reports and every published report: everyone with a role."""
    return bool(roles)


def can_read_draft_annual_reports(roles: Roles) -> bool:
    """A draft, before tenants see it: those who run or scrutinise the organisation."""
    return holds_any(roles, RUNS_OR_SCRUTINISES)


def can_write_annual_reports(roles: Roles) -> bool:
    """Start a report, write its sections, take its figures again, choose its languages."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_publish_annual_reports(roles: Roles) -> bool:
    """Publish it: the committee answers to tenants for what the report says."""
    return holds_any(roles, {Role.COMMITTEE, Role.SITE_ADMIN})
