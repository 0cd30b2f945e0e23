"""Registering interest, a member's groups, and a network's own pages, for the permission
matrix.

The public form and its pages are everyone's. A network's pages exist only at a network's
address: the cast has no network, so at the TMO's address they answer as the rule and
`network_view` decide (refused to roles the rule does not allow, no such page for those it
does). Who gets them at a network's own address — its adviser and committee, another network's
adviser, a group's member, an outsider, the site administrator — is the focused matrix in
`test_network_matrix.py`."""

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.journey.tests.factories import (
    FundingProgrammeFactory,
    GrantConditionFactory,
    GroupFactory,
)

SIGNED_IN = ["login", 200, 200, 200, 200, 200, 200, 200, 200]
# A group of another network: only the site administrator may work on it.
GROUP_ELSEWHERE = ["login", 404, 404, 404, 404, 404, 404, 404, 200]
# At the TMO's address (no network): refused by `can_follow_up_groups`, else no such page.
FOLLOW_UP_AT_A_TMO = ["login", 403, 404, 404, 403, 403, 404, 404, 404]
# Refused by `can_keep_funding_programmes`, else no such page.
GRANTS_AT_A_TMO = ["login", 403, 404, 404, 403, 404, 404, 404, 404]


def _token(cast):
    from tenantry.journey.services_groups import confirmation_token

    return confirmation_token(GroupFactory())


def _condition(cast):
    return GrantConditionFactory(programme=FundingProgrammeFactory(organisation=cast.tmo))


ROUTES = {
    "journey:register-interest": ("tmo", {}, PUBLIC_LINK),
    "journey:registered": ("tmo", {}, PUBLIC_LINK),
    "journey:confirm-email": ("tmo", {"token": _token}, PUBLIC_LINK),
    "journey:my-groups": ("tmo", {}, SIGNED_IN),
    "journey:group": ("tmo", {"group": lambda cast: GroupFactory().pk}, GROUP_ELSEWHERE),
    "network:groups": ("tmo", {}, FOLLOW_UP_AT_A_TMO),
    "network:group": ("tmo", {"pk": lambda cast: GroupFactory().pk}, FOLLOW_UP_AT_A_TMO),
    "network:grants": ("tmo", {}, GRANTS_AT_A_TMO),
    "network:grant-new": ("tmo", {}, GRANTS_AT_A_TMO),
    "network:grant": (
        "tmo",
        {"pk": lambda cast: FundingProgrammeFactory(organisation=cast.tmo).pk},
        GRANTS_AT_A_TMO,
    ),
    "network:grant-condition": (
        "tmo",
        {
            # Never reached at a TMO's address: any programme and condition will do.
            "pk": lambda cast: _condition(cast).programme_id,
            "condition": lambda cast: _condition(cast).pk,
        },
        GRANTS_AT_A_TMO,
    ),
}
