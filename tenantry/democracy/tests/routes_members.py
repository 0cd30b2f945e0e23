"""Routes of the constitution, the members register, a resident's membership and the committee,
for the permission matrix.

The register names people: the committee and staff see it, the landlord, inspectors and the
panel do not; only the committee downloads it. The constitution and the committee are read by
all with a role. A resident's own pages are theirs (the cast's committee member lives there too
by role, but has no home in the organisation, so is told so).
"""

from tenantry.core.tests.matrix import (
    COMMITTEE_ONLY,
    LANDLORD_PAGE,
    RESIDENTS_ONLY,
    SHOWN_TO_ALL,
    SURVEY_RUNNERS,
)
from tenantry.democracy.tests.factories import CommitteeTermFactory, MembershipFactory
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory

# Apply and leave send those who cannot use them (no home found, no membership) back to their
# membership page.
RESIDENTS_SENT_BACK = ["login", 302, 302, 403, 403, 403, 404, 404, 403]
RESIDENT_APPLIES = ["login", 200, 302, 403, 403, 403, 404, 404, 403]
# Democratic health: the committee, staff and the landlord (docs/democratic-health.md).
HEALTH_READERS = ["login", 403, 200, 200, 403, 200, 404, 404, 200]


def _applicant(cast) -> int:
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home))
    return MembershipFactory(organisation=cast.tmo, resident=resident).pk


def _term(cast) -> int:
    return CommitteeTermFactory(organisation=cast.tmo).pk


ROUTES = {
    "democracy:democracy": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:constitution": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:edit-constitution": ("tmo", {}, COMMITTEE_ONLY),
    "democracy:register": ("tmo", {}, SURVEY_RUNNERS),
    "democracy:export-register": ("tmo", {"fmt": lambda cast: "csv"}, COMMITTEE_ONLY),
    "democracy:add-application": ("tmo", {}, SURVEY_RUNNERS),
    "democracy:member": ("tmo", {"pk": _applicant}, SURVEY_RUNNERS),
    "democracy:decide-member": ("tmo", {"pk": _applicant}, SURVEY_RUNNERS),
    "democracy:record-share": ("tmo", {"pk": _applicant}, SURVEY_RUNNERS),
    "democracy:end-membership": ("tmo", {"pk": _applicant}, SURVEY_RUNNERS),
    "democracy:my-membership": ("tmo", {}, RESIDENTS_ONLY),
    "democracy:apply": ("tmo", {}, RESIDENT_APPLIES),
    "democracy:leave": ("tmo", {}, RESIDENTS_SENT_BACK),
    "democracy:committee": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:add-committee-term": ("tmo", {}, COMMITTEE_ONLY),
    "democracy:end-committee-term": ("tmo", {"pk": _term}, COMMITTEE_ONLY),
    "democracy:health": ("tmo", {}, HEALTH_READERS),
    # A landlord's list across its organisations: at the landlord, its officers only.
    "democracy:health-across": ("landlord", {}, LANDLORD_PAGE),
}

# The ballots' scrutineer reads the constitution and the committee like anyone with a role; the
# register, a resident's own pages, democratic health and every change are not theirs.
SCRUTINEER = {
    "democracy:democracy": 200,
    "democracy:constitution": 200,
    "democracy:edit-constitution": 403,
    "democracy:register": 403,
    "democracy:export-register": 403,
    "democracy:add-application": 403,
    "democracy:member": 403,
    "democracy:decide-member": 403,
    "democracy:record-share": 403,
    "democracy:end-membership": 403,
    "democracy:my-membership": 403,
    "democracy:apply": 403,
    "democracy:leave": 403,
    "democracy:committee": 200,
    "democracy:add-committee-term": 403,
    "democracy:end-committee-term": 403,
    "democracy:health": 403,
    "democracy:health-across": 404,  # at the landlord, where the scrutineer has no role
}
