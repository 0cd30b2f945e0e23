"""Background tasks: `TASKS_BACKEND=database` queues them for `tenantry db_worker`; the default
in-process backend runs them at once."""

from django.tasks import task

from tenantry.organisations.models import Organisation

from .services.recalculation import check, recalculate_stale


@task()
def recalculate_results(organisation_id: int) -> int:
    """Work out again the organisation's stale results (see services/recalculation.py)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    return recalculate_stale(organisation=organisation)


@task()
def check_result(result_id: int) -> bool:
    """Check a stored figure against its records (see services/recalculation.py)."""
    return check(result_id=result_id)
