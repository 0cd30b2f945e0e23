"""Who may build surveys, do the fieldwork, see the results and know who answered."""

from tenantry.core.models import User
from tenantry.core.permissions import LIVES_THERE, SURVEY_RUNNERS, Roles, holds_any
from tenantry.organisations.permissions import can_view_management

from .models import Survey


def can_view_surveys(roles: Roles) -> bool:
    """The list of surveys and how each is going: counts only, never anyone's answers."""
    return can_view_management(roles)


def can_build_surveys(roles: Roles) -> bool:
    """The organisation writes its own questions and chooses whom to ask. The landlord, which
    sees the figures, does not edit a tenant organisation's consultation."""
    return holds_any(roles, SURVEY_RUNNERS)


def can_do_survey_fieldwork(roles: Roles) -> bool:
    """Letters, interviews at the door or by phone, and paper forms keyed in: staff and the
    committee's volunteers. Residents' names and needs still need `can_view_households`."""
    return holds_any(roles, SURVEY_RUNNERS)


def can_view_survey_results(roles: Roles) -> bool:
    """Counts, percentages, response rates and reach: figures, never anyone's own answers, so
    the landlord and inspectors see them too."""
    return can_view_management(roles)


def can_export_survey_responses(roles: Roles) -> bool:
    """Answers response by response are residents' own words: only the organisation's people who
    run its surveys. Who gave them is a further question (`can_see_respondents`)."""
    return holds_any(roles, SURVEY_RUNNERS)


def can_import_survey_responses(roles: Roles) -> bool:
    """Loading a survey contractor's file adds responses, like keying in paper forms."""
    return holds_any(roles, SURVEY_RUNNERS)


def can_see_respondents(*, user: User, roles: Roles, survey: Survey) -> bool:
    """Whether `user` may see which household gave each response to `survey`.

    Never for an anonymous survey (the data does not hold it); for a confidential one only the
    staff named on the survey; for a named one, those who run the survey.
    """
    if survey.anonymity == Survey.Anonymity.ANONYMOUS:
        return False
    if survey.anonymity == Survey.Anonymity.CONFIDENTIAL:
        return survey.confidential_viewers.filter(pk=user.pk).exists()
    return can_build_surveys(roles)


def can_answer_as_resident(roles: Roles) -> bool:
    """Those who live in the organisation's homes see and answer their household's surveys from
    their account, exactly as with the code on their letter."""
    return holds_any(roles, LIVES_THERE)
