"""Routes of answering through a household's personal link, for the permission matrix.

The link is the key: it works for anyone holding it, signed in or not, whatever their roles.
"""

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.surveys.tests.surveys_for_routes import (
    answered_invitation,
    code_of,
    first_question,
    invitation,
    open_survey,
    started_invitation,
)

ROUTES = {
    "survey:enter-code": ("tmo", {}, PUBLIC_LINK),
    "survey:start": ("tmo", {"code": lambda cast: code_of(invitation(cast))}, PUBLIC_LINK),
    "survey:question": (
        "tmo",
        {
            "code": lambda cast: code_of(started_invitation(cast)),
            "question": lambda cast: first_question(open_survey(cast)),
        },
        PUBLIC_LINK,
    ),
    "survey:check": (
        "tmo",
        {"code": lambda cast: code_of(started_invitation(cast))},
        PUBLIC_LINK,
    ),
    "survey:done": (
        "tmo",
        {"code": lambda cast: code_of(answered_invitation(cast))},
        PUBLIC_LINK,
    ),
}
