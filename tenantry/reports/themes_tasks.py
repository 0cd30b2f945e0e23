"""The background task that works out an organisation's themes (docs/background-jobs.md)."""

from django.tasks import task

from .themes_models import ThemeRun
from .themes_services import work_out


@task()
def work_out_themes_task(run_id: int) -> None:
    run = ThemeRun.objects.select_related("organisation").filter(pk=run_id).first()
    if run is not None and run.status == ThemeRun.Status.QUEUED:
        work_out(run)
