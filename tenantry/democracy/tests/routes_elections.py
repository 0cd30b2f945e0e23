"""Routes of the election pages, for the permission matrix (docs/elections.md).

Everyone with a role reads elections and their candidates; the committee and staff run them;
only the committee declares a result (it fills committee seats); those who live in the homes
may stand (a resident who is not a member is told so on the page).
"""

from datetime import timedelta

from django.utils import timezone

from tenantry.core.tests.matrix import RESIDENTS_ONLY, SHOWN_TO_ALL

ELECTION_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
ELECTION_RUNNERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
DECLARERS_POST_ONLY = ["login", 403, 405, 403, 403, 403, 404, 404, 405]


def _election(cast) -> int:
    """An election taking nominations, made once per request."""
    if not hasattr(cast, "election_pk"):
        from tenantry.democracy.models import Election

        today = timezone.localdate()
        opens = timezone.now() + timedelta(days=10)
        election = Election.objects.create(
            organisation=cast.tmo, kind="tenant", seats=2,
            nominations_open_on=today - timedelta(days=3),
            nominations_close_on=today + timedelta(days=7),
            voting_opens_at=opens, voting_closes_at=opens + timedelta(days=7),
        )  # fmt: skip
        object.__setattr__(cast, "election_pk", election.pk)
    return cast.election_pk


ROUTES = {
    "democracy:elections": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:create-election": ("tmo", {}, ELECTION_RUNNERS),
    "democracy:election": ("tmo", {"pk": _election}, SHOWN_TO_ALL),
    "democracy:key-nomination": ("tmo", {"pk": _election}, ELECTION_RUNNERS),
    "democracy:stand": ("tmo", {"pk": _election}, RESIDENTS_ONLY),
    "democracy:close-nominations": ("tmo", {"pk": _election}, ELECTION_RUNNERS_POST_ONLY),
    "democracy:declare-result": ("tmo", {"pk": _election}, DECLARERS_POST_ONLY),
}

# The scrutineer (docs/ballots.md) reads elections and their candidates and changes nothing: no
# election called, no nomination keyed in, nominations not closed, no result declared.
SCRUTINEER = {
    "democracy:elections": 200,
    "democracy:create-election": 403,
    "democracy:election": 200,
    "democracy:key-nomination": 403,
    "democracy:stand": 403,
    "democracy:close-nominations": 403,
    "democracy:declare-result": 403,
}
