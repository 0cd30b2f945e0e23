"""Routes of the ballot pages, for the permission matrix, with what the ballots' scrutineer gets
from each (`SCRUTINEER`, below)."""

from tenantry.core.tests.matrix import MANAGEMENT

from .ballot_helpers import ballot_for_export

# Those who run ballots: committee, staff, site admins.
BALLOT_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
BALLOT_RUNNERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
# A page that sends back to the ballot (papers before the roll is frozen, a certificate
# before the count).
BALLOT_RUNNERS_REDIRECT = ["login", 403, 302, 302, 403, 403, 404, 404, 302]
MANAGEMENT_REDIRECT = ["login", 403, 302, 302, 302, 302, 404, 404, 302]


def _ballot(cast) -> int:
    """One ballot per test, whichever argument asks first."""
    if not hasattr(cast, "ballot_pk"):
        object.__setattr__(cast, "ballot_pk", ballot_for_export(cast.tmo))
    return cast.ballot_pk


def _voter(cast) -> int:
    from tenantry.democracy.models import Voter

    return Voter.objects.filter(ballot_id=_ballot(cast)).order_by("pk").last().pk


ROUTES = {
    "democracy:ballots": ("tmo", {}, MANAGEMENT),
    "democracy:create-ballot": ("tmo", {}, BALLOT_RUNNERS),
    "democracy:ballot": ("tmo", {"pk": _ballot}, MANAGEMENT),
    "democracy:freeze-roll": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS_POST_ONLY),
    "democracy:close-ballot": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS_POST_ONLY),
    "democracy:count-ballot": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS_POST_ONLY),
    "democracy:key-paper-vote": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS),
    "democracy:in-person-vote": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS),
    "democracy:in-person-vote-for": ("tmo", {"pk": _ballot, "voter_pk": _voter}, BALLOT_RUNNERS),
    "democracy:ballot-scrutiny": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS),
    "democracy:ballot-results": ("tmo", {"pk": _ballot}, MANAGEMENT),
    "democracy:ballot-certificate": ("tmo", {"pk": _ballot}, MANAGEMENT_REDIRECT),
    "democracy:ballot-papers": ("tmo", {"pk": _ballot}, BALLOT_RUNNERS),
    "democracy:export-marked-register": (
        "tmo",
        {"pk": _ballot, "fmt": lambda cast: "csv"},
        BALLOT_RUNNERS,
    ),
}

# The scrutineer (docs/ballots.md): read-only on ballots — the list, a ballot, its roll and
# marked register with the refused votes (scrutiny and its download), results and certificate;
# never create, freeze, key in, print codes, close or count.
SCRUTINEER = {
    "democracy:ballots": 200,
    "democracy:create-ballot": 403,
    "democracy:ballot": 200,
    "democracy:freeze-roll": 403,
    "democracy:close-ballot": 403,
    "democracy:count-ballot": 403,
    "democracy:key-paper-vote": 403,
    "democracy:in-person-vote": 403,
    "democracy:in-person-vote-for": 403,
    "democracy:ballot-scrutiny": 200,
    "democracy:ballot-results": 200,
    "democracy:ballot-certificate": 302,  # sent back to the ballot until it is counted
    "democracy:ballot-papers": 403,  # the papers carry voters' codes
    "democracy:export-marked-register": 200,
}
