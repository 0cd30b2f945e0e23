import pytest

from tenantry.organisations.tests.factories import OrganisationFactory
from tenantry.reports.models import PublicPage
from tenantry.reports.publication import is_published, published_organisations

pytestmark = pytest.mark.django_db


def test_only_an_organisation_whose_page_is_published_publishes():
    never_opted_in = OrganisationFactory(name="Ash Court TMO")
    drafted = OrganisationFactory(name="Birch Estate TMO")
    PublicPage.objects.create(organisation=drafted, published=False)
    published = OrganisationFactory(name="Cedar Row Co-op")
    PublicPage.objects.create(organisation=published, published=True)

    assert list(published_organisations()) == [published]
    assert is_published(published)
    assert not is_published(drafted)
    assert not is_published(never_opted_in)
