"""The background task: `TASKS_BACKEND=database` queues it for `tenantry db_worker`; the
default in-process backend runs it at once."""

from django.tasks import task

from ..models import ImportRun
from .services import execute_run


@task()
def run_import(run_id: int) -> None:
    run = ImportRun.objects.select_related("organisation__landlord", "by").get(pk=run_id)
    if run.status == ImportRun.Status.QUEUED:
        execute_run(run=run)
