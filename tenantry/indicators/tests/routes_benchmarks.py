"""Routes of the benchmarking pages, for the permission matrix.

Everyone the organisation serves sees how its figures compare (residents see the regulator's
published figures only: test_benchmark_views.py checks what each sees); the committee and the
landlord write the note on why the figures differ.
"""

from tenantry.core.tests.matrix import EDIT_ORG, LANDLORD_PAGE, SHOWN_TO_ALL


def _code(cast) -> str:
    return "TP01"


ROUTES = {
    "indicators:benchmark": ("tmo", {"code": _code}, SHOWN_TO_ALL),
    "indicators:edit-benchmark-note": ("tmo", {"code": _code}, EDIT_ORG),
}
# The landlord's own comparison: only its officers (and site administrators) reach it.
LANDLORD_ROUTES = {
    "indicators:benchmark": ("landlord", {"code": _code}, LANDLORD_PAGE),
    "indicators:edit-benchmark-note": ("landlord", {"code": _code}, LANDLORD_PAGE),
}
