"""The directory's and visits' routes for the permission matrix.

The directory and its pages are public. An organisation in control keeps its page and answers
visits at its address: its committee and staff (and the site administrator); anyone else with a
role there is refused, another organisation's people find nothing. A group's visit pages exist
only for the group's people and its network's advisers (`access.can_work_on_group`): nobody in
the cast is either, so they find nothing, except the site administrator. The roles the cast
lacks (the group's members, another group's, the network's adviser, another organisation's staff)
are in `test_directory_matrix.py`."""

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.journey.tests.factories import GroupFactory, ProfileFactory, VisitFactory

HOSTS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
HOSTS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]
GROUP_ONLY = ["login", 404, 404, 404, 404, 404, 404, 404, 200]
GROUP_ONLY_POST_ONLY = ["login", 404, 404, 404, 404, 404, 404, 404, 405]


def _published(cast) -> str:
    return ProfileFactory(organisation=cast.tmo).organisation.slug


def _visit(cast) -> int:
    return VisitFactory(host=cast.tmo).pk


_made: dict = {}


def _group_of_a_visit(cast) -> int:
    # The URL's group and visit must match: the group's argument makes the visit, the visit's
    # argument (worked out next, in the table's order) reads it.
    _made["visit"] = VisitFactory(host=cast.tmo)
    return _made["visit"].group_id


def _that_visit(cast) -> int:
    return _made["visit"].pk


ROUTES = {
    "journey:directory": ("tmo", {}, PUBLIC_LINK),
    "journey:directory-profile": ("tmo", {"organisation": _published}, PUBLIC_LINK),
    "directory:profile": ("tmo", {}, HOSTS),
    "directory:publish-profile": ("tmo", {}, HOSTS_POST_ONLY),
    "directory:unpublish-profile": ("tmo", {}, HOSTS_POST_ONLY),
    "directory:visits": ("tmo", {}, HOSTS),
    "directory:visit": ("tmo", {"pk": _visit}, HOSTS),
    "directory:accept-visit": ("tmo", {"pk": _visit}, HOSTS),
    "directory:decline-visit": ("tmo", {"pk": _visit}, HOSTS),
    "directory:cancel-visit": ("tmo", {"pk": _visit}, HOSTS),
    "directory:record-visit": ("tmo", {"pk": _visit}, HOSTS),
    "journey:group-visits": ("tmo", {"group": lambda cast: GroupFactory().pk}, GROUP_ONLY),
    "journey:ask-visit": (
        "tmo",
        {"group": lambda cast: GroupFactory().pk, "host": _published},
        GROUP_ONLY,
    ),
}

# A visit's group pages need the visit and its group: one visit, made once per URL.
for name, outcomes in (
    ("journey:group-visit", GROUP_ONLY),
    ("journey:choose-visit-date", GROUP_ONLY_POST_ONLY),
    ("journey:group-cancel-visit", GROUP_ONLY),
    ("journey:group-record-visit", GROUP_ONLY),
):
    ROUTES[name] = ("tmo", {"group": _group_of_a_visit, "visit": _that_visit}, outcomes)
