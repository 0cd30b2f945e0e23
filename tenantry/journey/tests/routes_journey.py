"""The journey's routes for the permission matrix: public pages on tenant control, the Right to
Manage checker and the time-limit calculator. No sign-in, no organisation: everyone gets them,
whatever their roles. (The matrix's organisation column is not used by these routes.)"""

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.journey.tests.factories import FundingProgrammeFactory

ROUTES = {
    "journey:index": ("tmo", {}, PUBLIC_LINK),
    "journey:forms": ("tmo", {}, PUBLIC_LINK),
    "journey:services": ("tmo", {}, PUBLIC_LINK),
    "journey:what-it-takes": ("tmo", {}, PUBLIC_LINK),
    "journey:right-to-manage": ("tmo", {}, PUBLIC_LINK),
    "journey:time-limits": ("tmo", {}, PUBLIC_LINK),
    "journey:grants": ("tmo", {}, PUBLIC_LINK),
    # A published grant programme is public, whoever keeps it.
    "journey:check-grant": (
        "tmo",
        {"pk": lambda cast: FundingProgrammeFactory(organisation=cast.tmo).pk},
        PUBLIC_LINK,
    ),
}
