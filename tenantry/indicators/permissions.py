"""Who may see and change targets, monitoring, results, benchmarks and interventions."""

from tenantry.core.permissions import (
    AGREEMENT_PARTIES,
    LANDLORD_SIDE,
    RESULT_KEEPERS,
    Role,
    Roles,
    holds_any,
)
from tenantry.organisations.permissions import can_view_management


def can_view_targets(roles: Roles) -> bool:
    """Targets and how the organisation stands against them: for everyone it serves, residents
    included (plain-language performance is the point)."""
    return bool(roles)


def can_set_targets(roles: Roles) -> bool:
    """Either party to the agreement sets or changes a target; the history shows who did."""
    return holds_any(roles, AGREEMENT_PARTIES)


def side_of(roles: Roles) -> str | None:
    """Which party to the agreement a person acts for when a target needs both: the landlord's
    officers (and the site's administrators) for the landlord, the committee for the
    organisation."""
    if holds_any(roles, LANDLORD_SIDE):
        return "landlord"
    if Role.COMMITTEE in roles:
        return "organisation"
    return None


def can_view_target_proposals(roles: Roles) -> bool:
    """Changes to agreed targets waiting for the other side, and how each was decided: for
    those who run or scrutinise the organisation and the landlord, as the agreement is."""
    return can_view_management(roles)


def can_decide_target_proposal(roles: Roles, *, proposed_by_side: str) -> bool:
    """Either side proposes a change to an agreed target; only the other side agrees or
    declines it, so neither can change an agreed target alone."""
    side = side_of(roles)
    return side is not None and side != proposed_by_side


def can_edit_monitoring_schedule(roles: Roles) -> bool:
    """The schedule is part of the agreement, which the landlord keeps."""
    return holds_any(roles, LANDLORD_SIDE)


def can_view_submissions(roles: Roles) -> bool:
    """The schedule, the figures sent and the conversation about them: those who run or
    scrutinise the organisation and the landlord. Not residents: comments are internal."""
    return can_view_management(roles)


def can_submit_figures(roles: Roles) -> bool:
    """The organisation's committee and staff check and send its figures."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_decide_submissions(roles: Roles) -> bool:
    """The landlord accepts or queries the figures sent to it."""
    return holds_any(roles, LANDLORD_SIDE)


def can_comment_on_submissions(roles: Roles) -> bool:
    """Either side may add to the conversation about a submission."""
    return can_submit_figures(roles) or can_decide_submissions(roles)


def can_view_portfolio(roles: Roles) -> bool:
    """Every organisation a landlord works with, side by side: the landlord's officers."""
    return holds_any(roles, LANDLORD_SIDE)


def can_record_interventions(roles: Roles) -> bool:
    """The landlord records each step of the intervention ladder and its outcome."""
    return holds_any(roles, LANDLORD_SIDE)


def can_view_interventions(roles: Roles) -> bool:
    """The committee answers for the organisation; inspectors look at how monitoring works."""
    return holds_any(roles, {Role.COMMITTEE, Role.INSPECTOR, *LANDLORD_SIDE})


def can_respond_to_interventions(roles: Roles) -> bool:
    """The committee may put the organisation's side on record against each step."""
    return holds_any(roles, {Role.COMMITTEE, Role.SITE_ADMIN})


def can_view_performance(roles: Roles) -> bool:
    """How the services perform, in plain language: the product's whole point, so everyone the
    organisation serves sees it. Residents see counts, never other residents' records."""
    return bool(roles)


def can_recompute_indicators(roles: Roles) -> bool:
    """Working the figures out again from the records."""
    return holds_any(roles, RESULT_KEEPERS)


def can_enter_results(roles: Roles) -> bool:
    """Typing in a figure no record gives: a survey contractor's report, local jobs."""
    return holds_any(roles, RESULT_KEEPERS)


def can_manage_local_indicators(roles: Roles) -> bool:
    """The committee decides what else to measure; the landlord may add one it asks for."""
    return holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_export_results(roles: Roles) -> bool:
    """Spreadsheets of the figures and the regulator's return: for those who run or check it."""
    return can_view_management(roles)


def can_view_benchmarks(roles: Roles) -> bool:
    """How the organisation's figures compare with landlords' published figures: for everyone
    it serves, residents included (the regulator publishes those figures for all to see)."""
    return can_view_performance(roles)


def can_compare_with_platform(roles: Roles) -> bool:
    """Other organisations' figures on Tenantry, the landlord's own and its partners': for
    those who run, scrutinise or monitor the organisation, not for every resident."""
    return can_view_management(roles)


def can_write_benchmark_note(roles: Roles) -> bool:
    """The committee or the landlord says why the figures differ; staff and inspectors read."""
    return holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
