"""Routes of the performance pages, for the permission matrix."""

from tenantry.core.tests.matrix import (
    LOCAL_INDICATOR_KEEPERS,
    LOCAL_INDICATOR_KEEPERS_POST_ONLY,
    MANAGEMENT,
    RESULT_KEEPERS,
    RESULT_KEEPERS_POST_ONLY,
    SHOWN_TO_ALL,
)
from tenantry.indicators.models import Framework, Indicator


def _local(cast) -> int:
    return Indicator.objects.create(
        organisation=cast.tmo, code="JOBS", name="Local employment", unit="number",
        framework=Framework.LOCAL, source="manual",
    ).pk  # fmt: skip


ROUTES = {
    "indicators:performance": ("tmo", {}, SHOWN_TO_ALL),
    "indicators:indicator": ("tmo", {"code": lambda cast: "RP02-2"}, SHOWN_TO_ALL),
    "indicators:recompute-results": ("tmo", {}, RESULT_KEEPERS_POST_ONLY),
    "indicators:enter-result": ("tmo", {"code": lambda cast: "TP01"}, RESULT_KEEPERS),
    "indicators:local-indicators": ("tmo", {}, LOCAL_INDICATOR_KEEPERS),
    "indicators:create-local-indicator": ("tmo", {}, LOCAL_INDICATOR_KEEPERS),
    "indicators:edit-local-indicator": ("tmo", {"pk": _local}, LOCAL_INDICATOR_KEEPERS),
    "indicators:retire-local-indicator": ("tmo", {"pk": _local}, LOCAL_INDICATOR_KEEPERS_POST_ONLY),
    "indicators:export-results": ("tmo", {"fmt": lambda cast: "csv"}, MANAGEMENT),
    "indicators:export-tsm-return": ("tmo", {"fmt": lambda cast: "xlsx"}, MANAGEMENT),
}
