"""Routes of the themes page, for the permission matrix (the panel and every POST are in
test_themes_matrix.py)."""

from tenantry.core.tests.matrix import MANAGEMENT, RESULT_KEEPERS_POST_ONLY

ROUTES = {
    "reports:themes": ("tmo", {}, MANAGEMENT),
    "reports:themes-work-out": ("tmo", {}, RESULT_KEEPERS_POST_ONLY),
}
