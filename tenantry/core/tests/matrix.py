"""The role × route matrix's vocabulary, shared by each app's `tests/routes*.py`.

A route table maps a URL name to (organisation the URL is in, extra URL arguments, outcomes).
Extra arguments are a cast attribute's name (its pk is used) or a function of the cast.
Outcomes list, in the order of ROLES: 200 shown, 403 refused, 404 hidden, "login" sign in first.
"""

ROLES = [
    "anonymous", "resident", "committee", "staff", "inspector", "landlord_officer",
    "outsider", "other_landlord_officer", "site_admin",
]  # fmt: skip

# Expected outcome per role, in the order of ROLES.
SHOWN_TO_ALL = ["login", 200, 200, 200, 200, 200, 404, 404, 200]
MANAGEMENT = ["login", 403, 200, 200, 200, 200, 404, 404, 200]
EDIT_ORG = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
LANDLORD_ONLY = ["login", 403, 403, 403, 403, 200, 404, 404, 200]
HISTORY = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
PEOPLE = ["login", 403, 200, 200, 403, 200, 404, 404, 200]
LANDLORD_PAGE = ["login", 404, 404, 404, 404, 200, 404, 404, 200]

RECORD_KEEPERS = ["login", 403, 403, 200, 403, 200, 404, 404, 200]
RESIDENTS_ONLY = ["login", 200, 200, 403, 403, 403, 404, 404, 403]
# Residents' new repair reports: the organisation's own staff triage them.
TRIAGERS = ["login", 403, 403, 200, 403, 403, 404, 404, 200]
TRIAGERS_POST_ONLY = ["login", 403, 403, 405, 403, 403, 404, 404, 405]
# A resident's photo: staff, and the resident who sent it; the committee member lives elsewhere
# and finds it hidden; inspectors and the landlord read repairs but not residents' photos.
REPAIR_PHOTO = ["login", 200, 404, 200, 403, 403, 404, 404, 200]
MANAGE_PEOPLE = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
# POST-only routes answer a GET from those allowed with 405 (method not allowed).
MANAGE_PEOPLE_POST_ONLY = ["login", 403, 405, 403, 403, 405, 404, 404, 405]
RECORD_KEEPERS_POST_ONLY = ["login", 403, 403, 405, 403, 405, 404, 404, 405]

# Indicators – targets, monitoring and interventions: either party to the agreement sets
# targets; the organisation's committee and staff send figures; the landlord decides on them and
# records interventions, which the committee and inspectors read and the committee answers.
TARGET_SETTERS = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
LANDLORD_ONLY_POST_ONLY = ["login", 403, 403, 403, 403, 405, 404, 404, 405]
FIGURE_SENDERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
SUBMISSION_TALK_POST_ONLY = ["login", 403, 405, 405, 403, 405, 404, 404, 405]
INTERVENTION_READERS = ["login", 403, 200, 403, 200, 200, 404, 404, 200]
COMMITTEE_ONLY = ["login", 403, 200, 403, 403, 403, 404, 404, 200]

# Indicators – performance pages: everyone sees the figures; the committee, staff and landlord
# work them out again and type in those no record gives; the committee and the landlord keep
# the organisation's own indicators.
RESULT_KEEPERS = ["login", 403, 200, 200, 403, 200, 404, 404, 200]
RESULT_KEEPERS_POST_ONLY = ["login", 403, 405, 405, 403, 405, 404, 404, 405]
LOCAL_INDICATOR_KEEPERS = ["login", 403, 200, 403, 403, 200, 404, 404, 200]
LOCAL_INDICATOR_KEEPERS_POST_ONLY = ["login", 403, 405, 403, 403, 405, 404, 404, 405]

# Surveys: committee and staff build them and do the fieldwork; a personal survey link works
# for anyone who holds it, signed in or not, from any organisation.
SURVEY_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
SURVEY_RUNNERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
# An anonymous survey's interview pages send an interviewer who has not started one to the
# interview's start: the household's own online draft is not theirs to see.
SURVEY_RUNNERS_SENT_TO_START = ["login", 403, 302, 302, 403, 403, 404, 404, 302]
PUBLIC_LINK = [200, 200, 200, 200, 200, 200, 200, 200, 200]
