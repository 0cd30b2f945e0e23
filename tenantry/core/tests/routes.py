"""Routes of the foundation apps: organisations, homes and the home pages."""

from tenantry.core.tests.matrix import (
    EDIT_ORG,
    HISTORY,
    LANDLORD_ONLY,
    LANDLORD_PAGE,
    MANAGE_PEOPLE,
    MANAGE_PEOPLE_POST_ONLY,
    MANAGEMENT,
    PEOPLE,
    SHOWN_TO_ALL,
)

# route name -> (organisation the URL is in, extra URL arguments, expected outcomes)
ROUTES = {
    "reports:organisation-home": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:detail": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:edit": ("tmo", {}, EDIT_ORG),
    "organisations:create": ("landlord", {}, LANDLORD_PAGE),
    "organisations:agreements": ("tmo", {}, SHOWN_TO_ALL),
    "organisations:create-agreement": ("tmo", {}, LANDLORD_ONLY),
    "organisations:agreement": ("tmo", {"pk": "agreement"}, SHOWN_TO_ALL),
    "organisations:edit-agreement": ("tmo", {"pk": "agreement"}, LANDLORD_ONLY),
    "organisations:history": ("tmo", {}, HISTORY),
    "organisations:people": ("tmo", {}, PEOPLE),
    "organisations:add-person": ("tmo", {}, MANAGE_PEOPLE),
    "organisations:remove-role": (
        "tmo",
        {"pk": lambda cast: cast.people["staff"].role_assignments.get().pk},
        MANAGE_PEOPLE_POST_ONLY,
    ),
    "homes:estates": ("tmo", {}, MANAGEMENT),
    "homes:estate": ("tmo", {"pk": "estate"}, MANAGEMENT),
    "homes:home": ("tmo", {"pk": "home"}, MANAGEMENT),
    "homes:coverage": ("tmo", {"pk": "agreement"}, SHOWN_TO_ALL),
}
# The landlord's own home page is its portfolio: only its officers and site admins see it.
LANDLORD_ROUTES = {"reports:organisation-home": ("landlord", {}, LANDLORD_PAGE)}
