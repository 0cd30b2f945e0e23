"""Background tasks: `TASKS_BACKEND=database` queues them for `tenantry db_worker`; the default
in-process backend runs them at once."""

from django.tasks import task

from tenantry.organisations.models import Organisation

from .stock import recount


@task()
def recount_stock(organisation_id: int) -> None:
    """Count an organisation's stock again for its overview (see stock.py)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        recount(organisation=organisation)
