"""Background tasks: `TASKS_BACKEND=database` queues them for `tenantry db_worker`; the default
in-process backend runs them at once."""

from django.tasks import task

from . import prepared as files
from .models import PreparedFile


@task()
def prepare_file(prepared_id: int) -> None:
    prepared = (
        PreparedFile.objects.select_related("organisation", "requested_by")
        .filter(pk=prepared_id)
        .first()
    )
    if prepared is not None and prepared.status == PreparedFile.Status.QUEUED:
        files.run(prepared=prepared)
