from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantry.homes.tests.factories import CoverageFactory, HomeFactory
from tenantry.organisations.tests.factories import AgreementFactory, OrganisationFactory
from tenantry.reports.selectors import landlord_overview

pytestmark = pytest.mark.django_db


def test_landlord_home_lists_its_organisations_with_homes_and_services(cast, client_as):
    page = (
        client_as(cast.people["landlord_officer"])
        .get(reverse("reports:organisation-home", args=[cast.landlord.slug]))
        .content.decode()
    )
    assert "Kingsmead TMO" in page
    assert "Elsewhere TMO" not in page
    assert "Repairs, Caretaking and cleaning" in page


def test_stock_is_split_between_delegated_and_directly_managed(cast):
    HomeFactory.create_batch(3, estate=cast.estate)  # not under any agreement
    overview = landlord_overview(landlord=cast.landlord, on=date.today())
    assert overview["all_stock"].homes == 5
    assert overview["direct_stock"].homes == 3
    assert overview["delegated_homes"] == 2
    assert [row.homes for row in overview["managing"]] == [2]


def test_an_ended_agreements_homes_count_as_directly_managed_again(cast):
    cast.agreement.ends_on = date(2024, 3, 31)
    cast.agreement.save()
    cast.agreement.coverage.update(ends_on=date(2024, 3, 31))
    overview = landlord_overview(landlord=cast.landlord, on=date.today())
    assert overview["direct_stock"].homes == 2
    assert overview["managing"] == []


def test_landlord_home_queries_do_not_grow_with_organisations(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("reports:organisation-home", args=[cast.landlord.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        agreement = AgreementFactory(organisation__landlord=cast.landlord)
        CoverageFactory(agreement=agreement)
    OrganisationFactory(landlord=cast.landlord, kind="scrutiny_panel", name="Scrutiny Panel")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Estate TMO") == 6
