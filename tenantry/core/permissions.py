"""Every permission rule in Tenantry, in one place.

A person's *roles* are what they hold in one organisation: granted there directly, or reached
through it (a landlord officer holds `LANDLORD_OFFICER` in each organisation its landlord works
with; a site administrator holds `SITE_ADMIN` everywhere). Each predicate takes those roles and
answers one question, so views, the API and commands all ask the same thing the same way.

A person with no role in an organisation cannot see that it exists (404); a person with a role
but not the right one is refused (403). Views enforce that split; this module only answers.
"""

from collections.abc import Iterable
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    MEMBER = "member", _("Member")
    COMMITTEE = "committee", _("Committee member")
    STAFF = "staff", _("Staff")
    PANEL = "panel", _("Scrutiny panel member")
    LANDLORD_OFFICER = "landlord_officer", _("Landlord officer")
    INSPECTOR = "inspector", _("Inspector or adviser")
    SITE_ADMIN = "site_admin", _("Site administrator")


Roles = frozenset[str]

# People who run or scrutinise an organisation and so see its management pages.
RUNS_OR_SCRUTINISES: Final = frozenset(
    {Role.COMMITTEE, Role.STAFF, Role.PANEL, Role.LANDLORD_OFFICER, Role.INSPECTOR, Role.SITE_ADMIN}
)
# Roles that are read-only wherever they appear.
READ_ONLY: Final = frozenset({Role.INSPECTOR})


def _holds_any(roles: Iterable[str], allowed: Iterable[str]) -> bool:
    return not frozenset(roles).isdisjoint(allowed)


def can_view_organisation(roles: Roles) -> bool:
    """Anyone with a role in an organisation sees its home page (what they see depends on role)."""
    return bool(roles)


def can_view_management(roles: Roles) -> bool:
    """The organisation's overview, estates and homes: for those who run or scrutinise it."""
    return _holds_any(roles, RUNS_OR_SCRUTINISES)


def can_edit_organisation(roles: Roles) -> bool:
    """Its committee keeps its details; its landlord may correct them."""
    return _holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_create_organisation(roles: Roles) -> bool:
    """A landlord's officers register the organisations it delegates to or works with."""
    return _holds_any(roles, {Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_agreements(roles: Roles) -> bool:
    """Management agreements are public to everyone the organisation serves."""
    return bool(roles)


def can_manage_agreements(roles: Roles) -> bool:
    """The landlord drafts and varies an agreement, including which homes it covers."""
    return _holds_any(roles, {Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_history(roles: Roles) -> bool:
    """Who changed what: for the committee and the landlord."""
    return _holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_households(roles: Roles) -> bool:
    """Names and communication needs of households are personal data: staff and landlord only."""
    return _holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_people(roles: Roles) -> bool:
    """Who holds which role in the organisation."""
    return _holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_manage_people(roles: Roles) -> bool:
    """Nobody signs up: the committee (or the landlord) adds people and gives them roles."""
    return _holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def roles_grantable_in(*, is_landlord: bool) -> list[str]:
    """Roles a person can be given in a landlord, or in any other organisation."""
    if is_landlord:
        return [Role.LANDLORD_OFFICER, Role.STAFF, Role.RESIDENT, Role.INSPECTOR]
    return [Role.RESIDENT, Role.MEMBER, Role.COMMITTEE, Role.STAFF, Role.PANEL, Role.INSPECTOR]


# --- service records -------------------------------------------------------------------------

LIVES_THERE: Final = frozenset({Role.RESIDENT, Role.MEMBER, Role.COMMITTEE})


def can_view_service_records(roles: Roles) -> bool:
    """Repairs, voids, rent, complaints and the rest, record by record."""
    return can_view_management(roles)


def can_record_services(roles: Roles) -> bool:
    """Staff keep the records; the landlord may correct them. Inspectors only read."""
    return _holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_import_records(roles: Roles) -> bool:
    """Loading a landlord's export changes many records at once."""
    return _holds_any(roles, {Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_report_as_resident(roles: Roles) -> bool:
    """Residents report repairs, complain and rate repairs to their own home."""
    return _holds_any(roles, LIVES_THERE)


# --- indicators: targets, monitoring, submissions, portfolio and interventions ----------------

# The two parties to a management agreement: the organisation's committee and the landlord.
AGREEMENT_PARTIES: Final = frozenset({Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
LANDLORD_SIDE: Final = frozenset({Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_view_targets(roles: Roles) -> bool:
    """Targets and how the organisation stands against them: for everyone it serves, residents
    included (plain-language performance is the point)."""
    return bool(roles)


def can_set_targets(roles: Roles) -> bool:
    """Either party to the agreement sets or changes a target; the history shows who did."""
    return _holds_any(roles, AGREEMENT_PARTIES)


def can_edit_monitoring_schedule(roles: Roles) -> bool:
    """The schedule is part of the agreement, which the landlord keeps."""
    return _holds_any(roles, LANDLORD_SIDE)


def can_view_submissions(roles: Roles) -> bool:
    """The schedule, the figures sent and the conversation about them: those who run or
    scrutinise the organisation and the landlord. Not residents: comments are internal."""
    return can_view_management(roles)


def can_submit_figures(roles: Roles) -> bool:
    """The organisation's committee and staff check and send its figures."""
    return _holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_decide_submissions(roles: Roles) -> bool:
    """The landlord accepts or queries the figures sent to it."""
    return _holds_any(roles, LANDLORD_SIDE)


def can_comment_on_submissions(roles: Roles) -> bool:
    """Either side may add to the conversation about a submission."""
    return can_submit_figures(roles) or can_decide_submissions(roles)


def can_view_portfolio(roles: Roles) -> bool:
    """Every organisation a landlord works with, side by side: the landlord's officers."""
    return _holds_any(roles, LANDLORD_SIDE)


def can_record_interventions(roles: Roles) -> bool:
    """The landlord records each step of the intervention ladder and its outcome."""
    return _holds_any(roles, LANDLORD_SIDE)


def can_view_interventions(roles: Roles) -> bool:
    """The committee answers for the organisation; inspectors look at how monitoring works."""
    return _holds_any(roles, {Role.COMMITTEE, Role.INSPECTOR, *LANDLORD_SIDE})


def can_respond_to_interventions(roles: Roles) -> bool:
    """The committee may put the organisation's side on record against each step."""
    return _holds_any(roles, {Role.COMMITTEE, Role.SITE_ADMIN})


# --- indicators: performance pages, results, local indicators, exports ------------------------

# Those who may work figures out again or type one in: the committee answers for them, staff
# keep the records behind them and the landlord checks them. Inspectors and residents read.
RESULT_KEEPERS: Final = frozenset(
    {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN}
)


def can_view_performance(roles: Roles) -> bool:
    """How the services perform, in plain language: the product's whole point, so everyone the
    organisation serves sees it. Residents see counts, never other residents' records."""
    return bool(roles)


def can_recompute_indicators(roles: Roles) -> bool:
    """Working the figures out again from the records."""
    return _holds_any(roles, RESULT_KEEPERS)


def can_enter_results(roles: Roles) -> bool:
    """Typing in a figure no record gives: a survey contractor's report, local jobs."""
    return _holds_any(roles, RESULT_KEEPERS)


def can_manage_local_indicators(roles: Roles) -> bool:
    """The committee decides what else to measure; the landlord may add one it asks for."""
    return _holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_export_results(roles: Roles) -> bool:
    """Spreadsheets of the figures and the regulator's return: for those who run or check it."""
    return can_view_management(roles)


# --- indicators: benchmarking ----------------------------------------------------------------


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
    return _holds_any(roles, {Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


# --- surveys: building them and reaching every household -------------------------------------

SURVEY_RUNNERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_surveys(roles: Roles) -> bool:
    """The list of surveys and how each is going: counts only, never anyone's answers."""
    return can_view_management(roles)


def can_build_surveys(roles: Roles) -> bool:
    """The organisation writes its own questions and chooses whom to ask. The landlord, which
    sees the figures, does not edit a tenant organisation's consultation."""
    return _holds_any(roles, SURVEY_RUNNERS)


def can_do_survey_fieldwork(roles: Roles) -> bool:
    """Letters, interviews at the door or by phone, and paper forms keyed in: staff and the
    committee's volunteers. Residents' names and needs still need `can_view_households`."""
    return _holds_any(roles, SURVEY_RUNNERS)


# --- surveys: results, reach, exports and contractors' files ---------------------------------


def can_view_survey_results(roles: Roles) -> bool:
    """Counts, percentages, response rates and reach: figures, never anyone's own answers, so
    the landlord and inspectors see them too."""
    return can_view_management(roles)


def can_export_survey_responses(roles: Roles) -> bool:
    """Answers response by response are residents' own words: only the organisation's people who
    run its surveys. Who gave them is a further question (`may_see_respondents`)."""
    return _holds_any(roles, SURVEY_RUNNERS)


def can_import_survey_responses(roles: Roles) -> bool:
    """Loading a survey contractor's file adds responses, like keying in paper forms."""
    return _holds_any(roles, SURVEY_RUNNERS)
