"""Routes of the import pages: for the people who keep the records."""

from tenantry.core.tests.matrix import RECORD_KEEPERS, RECORD_KEEPERS_POST_ONLY
from tenantry.records.models import ImportMapping


def _waiting_run(cast) -> int:
    """An upload waiting for its columns to be matched (no file needed to show the page)."""
    from tenantry.records.models import ImportRun

    run = ImportRun.objects.create(
        organisation=cast.tmo,
        kind="repairs",
        filename="export.csv",
        headers=["Job number", "Property"],
        status=ImportRun.Status.MAPPING,
    )
    return run.pk


def _mapping(cast) -> int:
    return ImportMapping.objects.create(organisation=cast.tmo, kind="repairs", name="Ours").pk


ROUTES = {
    "services:change-import-mapping": ("tmo", {"pk": _mapping}, RECORD_KEEPERS),
    "services:delete-import-mapping": ("tmo", {"pk": _mapping}, RECORD_KEEPERS_POST_ONLY),
    "services:import-runs": ("tmo", {}, RECORD_KEEPERS),
    "services:import-upload": ("tmo", {}, RECORD_KEEPERS),
    "services:import-run": ("tmo", {"pk": _waiting_run}, RECORD_KEEPERS),
    "services:restart-import": ("tmo", {"pk": _waiting_run}, RECORD_KEEPERS_POST_ONLY),
    "services:import-columns": ("tmo", {"pk": _waiting_run}, RECORD_KEEPERS),
    "services:import-template": ("tmo", {"kind": lambda cast: "repairs"}, RECORD_KEEPERS),
}
