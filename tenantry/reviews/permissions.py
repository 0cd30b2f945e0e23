"""Who may do what with an organisation's Best Value reviews and improvement plans. Each rule
takes a person's roles in the organisation (`tenantry/core/permissions.py`) and answers one
question."""

from typing import Final

from tenantry.core.permissions import LANDLORD_SIDE, Role, Roles, holds_any
from tenantry.indicators.permissions import can_manage_local_indicators

# The organisation's own people who carry out its reviews: the committee decides, staff do much
# of the work (the Guide, chapter 2).
REVIEWERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_reviews(roles: Roles) -> bool:
    """Reviews and plans are the business of everyone with a role in the organisation: members
    and residents, the landlord, the panel and inspectors read them."""
    return bool(roles)


def can_run_reviews(roles: Roles) -> bool:
    """Start a review, record its steps, decisions, evidence and stakeholders."""
    return holds_any(roles, REVIEWERS)


# --- The review programme (docs/reviews.md) ---------------------------------------------------
# The organisation's committee writes its five-year programme of reviews; the landlord comments
# on it and agrees it (the Guide, chapter 2: "it must agree its method of conducting the review
# with the council"). Residents, members, the panel and inspectors read it.

PROGRAMME_WRITERS: Final = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})
PROGRAMME_AGREERS: Final = LANDLORD_SIDE


def can_view_review_programme(roles: Roles) -> bool:
    """The programme of reviews: everyone with a role in the organisation."""
    return bool(roles)


def can_write_review_programme(roles: Roles) -> bool:
    """Which services are reviewed when and by whom, the timetable, and the organisation's
    service description, costs and check of the landlord's figures: the committee."""
    return holds_any(roles, PROGRAMME_WRITERS)


def can_agree_review_programme(roles: Roles) -> bool:
    """Comment on the programme and agree it: the landlord."""
    return holds_any(roles, PROGRAMME_AGREERS)


def can_download_review_evidence(roles: Roles) -> bool:
    """A review's evidence files are read like the review itself."""
    return can_view_reviews(roles)


def can_create_review_indicator(roles: Roles) -> bool:
    """A new local indicator made at step 8: those who run the review and may also keep the
    organisation's own indicators (the indicators app's rule): the committee."""
    return can_run_reviews(roles) and can_manage_local_indicators(roles)


# --- Improvement plans ------------------------------------------------------------------------
#
# Reading a plan (draft or published) is `can_view_reviews`; a published plan is also public.
# Drafting it, its actions and their progress is `can_run_reviews`.

# The committee decides what the organisation publishes in its name (the Guide, chapter 2).
PLAN_PUBLISHERS: Final = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})
# Those the Guide asks to comment on a draft plan: the tenants (residents and members), the
# committee and staff, and the landlord. An inspector or adviser reads it and says nothing here.
PLAN_COMMENTERS: Final = frozenset(
    {
        Role.RESIDENT,
        Role.MEMBER,
        Role.COMMITTEE,
        Role.STAFF,
        Role.LANDLORD_OFFICER,
        Role.SITE_ADMIN,
    }
)


def can_publish_plans(roles: Roles) -> bool:
    """Publish an improvement plan and tell its stakeholders where to find it."""
    return holds_any(roles, PLAN_PUBLISHERS)


def can_comment_on_plans(roles: Roles) -> bool:
    """Comment on a draft improvement plan while it is out for consultation."""
    return holds_any(roles, PLAN_COMMENTERS)


# --- The inspection (docs/reviews.md, "The inspection") ------------------------------------
#
# The committee answers the inspectors' two questions itself (the self-assessment); an
# inspector or tenant inspection adviser records findings. The inspection pack gathers the
# review, its evidence, the plan and the monitoring history with the landlord: for those who
# prepare and read an inspection, not for every resident.

SELF_ASSESSORS: Final = frozenset({Role.COMMITTEE, Role.SITE_ADMIN})
PACK_READERS: Final = frozenset(
    {Role.COMMITTEE, Role.STAFF, Role.INSPECTOR, Role.LANDLORD_OFFICER, Role.SITE_ADMIN}
)


def can_assess_reviews(roles: Roles) -> bool:
    """Record the organisation's self-assessment against the inspectors' two judgements."""
    return holds_any(roles, SELF_ASSESSORS)


def can_record_findings(roles: Roles) -> bool:
    """Record an inspection's findings: the inspector or adviser, and nobody else."""
    return holds_any(roles, {Role.INSPECTOR})


def can_read_inspection_pack(roles: Roles) -> bool:
    """Download the inspection pack."""
    return holds_any(roles, PACK_READERS)
