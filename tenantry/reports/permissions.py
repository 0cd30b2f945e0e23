"""Who may do what with what tenants read. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

from typing import Final

from tenantry.core.permissions import RESULT_KEEPERS, RUNS_OR_SCRUTINISES, Role, Roles, holds_any
from tenantry.democracy.permissions import can_view_meetings
from tenantry.organisations.permissions import can_edit_organisation, can_view_management
from tenantry.records.permissions import can_view_service_records
from tenantry.surveys.permissions import can_export_survey_responses

# docs/newsletters.md: the organisation's own people write to its residents. The committee
# answers for what is said and staff do the office work; the site administrator may step in.
# The landlord, the panel and inspectors read what was sent through residents, not here: a
# newsletter is the organisation's own voice, and its recipient list names households.
NEWSLETTER_WRITERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_newsletters(roles: Roles) -> bool:
    """The list of newsletters, each one's preview and how its sending went."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_compose_newsletters(roles: Roles) -> bool:
    """Write a draft: its title, introduction and items."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_send_newsletters(roles: Roles) -> bool:
    """Send a newsletter to its audience, and print the letters for those without email."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_keep_public_page(roles: Roles) -> bool:
    """Those who keep the organisation's details write, publish and withdraw its public page:
    its committee, its landlord (who may correct them) and the site administrator."""
    return can_edit_organisation(roles)


# The annual complaints self-assessment and report (docs/complaint-handling.md): everyone with a
# role reads what is published; those who run or scrutinise the organisation (the committee,
# staff, a scrutiny panel's members, inspectors, the landlord's officers) read the draft too;
# staff and the committee write it; the committee, as the governing body, approves and
# publishes it. The landlord reads its organisations' and writes only its own, where its
# officers are the organisation's staff and committee.


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


# The annual report to tenants (docs/annual-report.md#who-may-do-what). A published report is
# for everyone: anyone with a role reads it signed in, and anyone at all reads it without
# signing in once the organisation's public page is published (`publication.is_published`). A
# draft is read by those who run or scrutinise the organisation, the landlord's officers
# included, so they can check the figures before tenants see them; it is written by the
# committee and staff, and published by the committee alone, because the report is the
# committee's account to tenants.


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


# What residents keep raising (docs/themes.md): who may see the themes, work them out again, and
# read their examples.


def can_see_themes(roles: Roles) -> bool:
    """The themes, their labels and how many comments each holds: those who run or scrutinise
    the organisation (the landlord and the panel see counts; examples are a further rule)."""
    return can_view_management(roles)


def can_work_out_themes(roles: Roles) -> bool:
    """Work the themes out again: those who may work the organisation's figures out again."""
    return holds_any(roles, RESULT_KEEPERS)


def can_see_themes_examples(roles: Roles, source: str) -> bool:
    """Read example comments of a theme from `source`: only those who may already read those
    words elsewhere. Written survey answers are residents' own words, for those who run the
    surveys (as the responses download); a complaint's description is on its record, for those
    who read complaints; criticisms raised at meetings are every member's business."""
    if not can_see_themes(roles):
        return False
    if source == "surveys":
        return can_export_survey_responses(roles)
    if source == "complaints":
        return can_view_service_records(roles)
    if source == "meetings":
        return can_view_meetings(roles)
    return False
