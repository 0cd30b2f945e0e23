"""Who may see what residents keep raising, work it out again, and read its examples."""

from tenantry.core.permissions import RESULT_KEEPERS, Roles, holds_any
from tenantry.democracy.permissions import can_view_meetings
from tenantry.organisations.permissions import can_view_management
from tenantry.records.permissions import can_view_service_records
from tenantry.surveys.permissions import can_export_survey_responses


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
