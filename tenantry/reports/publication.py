"""Which organisations publish: the one rule every public page, open-data file and public API
route asks."""

from django.db.models import QuerySet

from tenantry.organisations.models import Organisation


def published_organisations() -> QuerySet[Organisation]:
    """Organisations whose public page is published, by name."""
    return Organisation.objects.filter(public_page__published=True).order_by("name")


def is_published(organisation: Organisation) -> bool:
    return published_organisations().filter(pk=organisation.pk).exists()
