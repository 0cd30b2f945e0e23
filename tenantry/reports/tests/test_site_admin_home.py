"""A site administrator holds no role anywhere, so their first page is every organisation,
with a search by name, rather than "You do not have a role in any organisation yet"."""

import pytest
from django.urls import reverse

from tenantry.organisations import selectors
from tenantry.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_site_administrator_lands_on_every_organisation(cast, client_as):
    page = client_as(cast.people["site_admin"]).get(reverse("index")).content.decode()

    assert "You do not have a role" not in page
    for organisation in (cast.landlord, cast.tmo, cast.other_tmo):
        assert organisation.get_absolute_url() in page
    assert 'type="search"' in page


def test_the_search_finds_organisations_by_part_of_their_name(cast, client_as):
    client = client_as(cast.people["site_admin"])

    page = client.get(reverse("index"), {"q": "kingS"}).content.decode()

    assert "Kingsmead TMO" in page
    assert "Elsewhere TMO" not in page
    assert "1 organisation matches" in page


def test_a_search_that_finds_nothing_says_so(cast, client_as):
    page = (
        client_as(cast.people["site_admin"])
        .get(reverse("index"), {"q": "Nowhere"})
        .content.decode()
    )

    assert "No organisation matches your search." in page


def test_a_long_list_shows_its_first_part_and_asks_for_a_search(cast, client_as, monkeypatch):
    monkeypatch.setattr(selectors, "ADMIN_LIST_SHOWN", 2)
    OrganisationFactory.create_batch(2, landlord=cast.landlord)

    page = client_as(cast.people["site_admin"]).get(reverse("index")).content.decode()

    assert "The first 2 are shown" in page
    assert page.count('<tr class="govuk-table__row">') == 3  # the header row and two


def test_people_with_roles_still_land_on_their_organisation(cast, client_as):
    response = client_as(cast.people["committee"]).get(reverse("index"))

    assert response.status_code == 302
    assert response["Location"] == cast.tmo.get_absolute_url()
