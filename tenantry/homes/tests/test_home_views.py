import pytest
from django.urls import reverse

from tenantry.homes.tests.factories import (
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


def _home_page(client_as, cast, role):
    return (
        client_as(cast.people[role])
        .get(reverse("homes:home", args=[cast.tmo.slug, cast.home.pk]))
        .content.decode()
    )


def test_staff_see_who_lives_there_and_their_communication_needs(cast, client_as):
    resident = cast.home.households.get().residents.get()
    resident.needs_large_print = True
    resident.language = "pl"
    resident.save()
    page = _home_page(client_as, cast, "staff")
    assert resident.name in page
    assert "large print" in page


@pytest.mark.parametrize("role", ["committee", "inspector"])
def test_committee_and_inspectors_do_not_see_residents_personal_details(cast, client_as, role):
    resident = cast.home.households.get().residents.get()
    page = _home_page(client_as, cast, role)
    assert cast.home.address in page
    assert resident.name not in page


def test_home_history_shows_changes_to_committee_but_not_staff(cast, client_as):
    cast.home.bedrooms = 3
    cast.home.save()
    assert "History of changes" in _home_page(client_as, cast, "committee")
    assert "History of changes" not in _home_page(client_as, cast, "staff")


def test_a_home_the_organisation_does_not_manage_is_a_404(cast, client_as):
    elsewhere = HomeFactory(estate=cast.estate)  # same estate, not under the agreement
    response = client_as(cast.people["staff"]).get(
        reverse("homes:home", args=[cast.tmo.slug, elsewhere.pk])
    )
    assert response.status_code == 404


def test_estate_page_lists_only_the_organisations_homes(cast, client_as):
    HomeFactory(estate=cast.estate, address="99 Not Ours Road")
    page = (
        client_as(cast.people["staff"])
        .get(reverse("homes:estate", args=[cast.tmo.slug, cast.estate.pk]))
        .content.decode()
    )
    assert "1 Mill Road" in page and "3 Mill Road" in page
    assert "99 Not Ours Road" not in page


def test_estate_list_counts_homes_in_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["staff"])
    url = reverse("homes:estates", args=[cast.tmo.slug])
    client.get(url)
    # session, user, organisation, roles; the organisation's stored stock counts (each estate's
    # homes); the count of estates (to `core.paging.CAP`) and the page of them; the count of new
    # repair reports in a staff member's menu
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert "Kingsmead Estate" in page


def test_resident_home_page_shows_their_home_and_who_runs_what(cast, client_as):
    page = (
        client_as(cast.people["resident"])
        .get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert "1 Mill Road" in page
    assert "Repairs" in page and cast.landlord.name in page


def test_resident_without_a_linked_home_is_told_how_to_fix_it(cast, client_as):
    household = HouseholdFactory(home=HomeFactory(estate=cast.estate))
    ResidentFactory(household=household)
    cast.home.households.get().residents.update(user=None)
    page = (
        client_as(cast.people["resident"])
        .get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert "We do not have your address linked to your account yet." in page


def test_estate_page_pages_its_homes_in_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries
):
    for _ in range(110):
        HomeFactory(estate=cast.estate, landlord=cast.landlord)
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:estate", args=[cast.landlord.slug, cast.estate.pk])
    client.get(url)
    # session, user, organisation, roles; the estate; the count of its homes (to
    # `core.paging.CAP`) and the page of them; its blocks
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["page"]) == 100
    assert 'href="?page=2"' in response.content.decode()


def test_estate_list_is_paged_and_counts_each_estates_homes(cast, client_as):
    for n in range(101):
        estate = EstateFactory(landlord=cast.landlord, name=f"Estate {n:03d}")
        for _ in range(1 + n % 3):
            HomeFactory(estate=estate)
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:estates", args=[cast.landlord.slug])
    first = client.get(url)
    assert len(first.context["page"]) == 100
    assert 'href="?page=2"' in first.content.decode()
    counts = {
        estate.name: estate.home_count for estate in client.get(url, {"page": 2}).context["page"]
    }
    assert counts == {"Estate 100": 2, "Kingsmead Estate": 2}
    assert {e.name: e.home_count for e in first.context["page"]}["Estate 002"] == 3
