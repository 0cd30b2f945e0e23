"""The public page's routes for the permission matrix.

The cast's organisation has not published a page, so its public pages are the same 404 for
everyone, the site administrator and its own committee included (the committee sees its page
through the preview). Those who keep the organisation's details (its committee, its landlord,
the site administrator) write, preview, publish and take down the page. Every role against a
published page, and forms sent to each route, are in `test_public_matrix.py`."""

from tenantry.core.tests.matrix import EDIT_ORG, PUBLIC_LINK

NOT_PUBLISHED = [404, 404, 404, 404, 404, 404, 404, 404, 404]
EDIT_ORG_POST_ONLY = ["login", 403, 405, 403, 403, 405, 404, 404, 405]

ROUTES = {
    "reports:public-page": ("tmo", {}, NOT_PUBLISHED),
    "reports:public-performance": ("tmo", {}, NOT_PUBLISHED),
    "public-pages:index": ("tmo", {}, PUBLIC_LINK),
    "reports:public-page-settings": ("tmo", {}, EDIT_ORG),
    "reports:preview-public-page": ("tmo", {}, EDIT_ORG),
    "reports:publish-public-page": ("tmo", {}, EDIT_ORG_POST_ONLY),
    "reports:unpublish-public-page": ("tmo", {}, EDIT_ORG_POST_ONLY),
}
