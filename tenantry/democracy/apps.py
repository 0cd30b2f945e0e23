from django.apps import AppConfig

# The kinds of record whose change can end a tenancy: a household's end date (an import of
# households) and a void on its home.
ENDS_TENANCIES = ("households", "voids")


def _records_changed(*, organisation_ids, kind, since) -> None:
    """A tenancy may have ended: lapse the memberships it held, once the change is committed."""
    if kind not in ENDS_TENANCIES:
        return
    from django.db import transaction

    from .services import lapse_ended_tenancies

    transaction.on_commit(lambda: lapse_ended_tenancies(organisation_ids=list(organisation_ids)))


class DemocracyConfig(AppConfig):
    name = "tenantry.democracy"
    label = "democracy"

    def ready(self) -> None:
        from tenantry.records.changes import listen

        listen(_records_changed)

        from . import background

        background.register()  # the files it prepares in the background

        from .ballots.listeners import when_counted
        from .meeting_services import poll_counted

        when_counted(poll_counted)
