from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.homes.models import Coverage
from tenantry.homes.selectors import coverage_summary, homes_of
from tenantry.homes.services import set_estates_covered
from tenantry.homes.tests.factories import CoverageFactory, EstateFactory, HomeFactory
from tenantry.organisations.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_homes_join_from_the_day_given_and_earlier_days_are_unchanged(cast):
    new_estate = EstateFactory(landlord=cast.landlord)
    HomeFactory.create_batch(3, estate=new_estate)

    joined, left = set_estates_covered(
        agreement=cast.agreement,
        estates=[cast.estate, new_estate],
        from_day=date(2025, 10, 1),
        by=None,
    )

    assert (joined, left) == (3, 0)
    assert homes_of(organisation=cast.tmo, on=date(2025, 9, 30)).count() == 2
    assert homes_of(organisation=cast.tmo, on=date(2025, 10, 1)).count() == 5


def test_homes_leave_the_day_before_and_are_still_counted_before_then(cast):
    joined, left = set_estates_covered(
        agreement=cast.agreement, estates=[], from_day=date(2026, 1, 1), by=None
    )
    assert (joined, left) == (0, 2)
    assert homes_of(organisation=cast.tmo, on=date(2025, 12, 31)).count() == 2
    assert homes_of(organisation=cast.tmo, on=date(2026, 1, 1)).count() == 0
    assert set(Coverage.objects.values_list("ends_on", flat=True)) == {date(2025, 12, 31)}


def test_saving_the_same_estates_again_changes_nothing(cast):
    before = list(Coverage.objects.values_list("pk", "starts_on", "ends_on"))
    result = set_estates_covered(
        agreement=cast.agreement, estates=[cast.estate], from_day=date(2026, 1, 1), by=None
    )
    assert result == (0, 0)
    assert list(Coverage.objects.values_list("pk", "starts_on", "ends_on")) == before


def test_a_home_cannot_be_managed_by_two_organisations_at_once(cast):
    rival = AgreementFactory(organisation__landlord=cast.landlord, starts_on=date(2021, 4, 1))
    with pytest.raises(ValidationError, match="already covered by another agreement"):
        set_estates_covered(
            agreement=rival, estates=[cast.estate], from_day=date(2024, 4, 1), by=None
        )
    assert not Coverage.objects.filter(agreement=rival).exists()


def test_only_days_within_the_agreement_are_accepted(cast):
    with pytest.raises(ValidationError, match="within the agreement"):
        set_estates_covered(
            agreement=cast.agreement, estates=[cast.estate], from_day=date(2019, 1, 1), by=None
        )


def test_another_landlords_estate_cannot_be_covered(cast):
    foreign = EstateFactory()
    with pytest.raises(ValidationError, match="landlord's own estates"):
        set_estates_covered(
            agreement=cast.agreement, estates=[foreign], from_day=date(2025, 1, 1), by=None
        )


def test_coverage_page_lets_the_landlord_change_estates(cast, client_as):
    new_estate = EstateFactory(landlord=cast.landlord, name="Riverside Estate")
    HomeFactory.create_batch(2, estate=new_estate)
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:coverage", args=[cast.tmo.slug, cast.agreement.pk])

    response = client.post(
        url, {"estates": [cast.estate.pk, new_estate.pk], "from_day": "2025-04-01"}
    )

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "2 homes joined and 0 left the agreement." in page
    assert "Riverside Estate" in page


def test_coverage_page_explains_a_refused_change(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:coverage", args=[cast.tmo.slug, cast.agreement.pk])
    response = client.post(url, {"estates": [cast.estate.pk], "from_day": "2001-01-01"})
    assert response.status_code == 200
    assert "The date must fall within the agreement." in response.content.decode()


def test_committee_sees_coverage_but_no_form(cast, client_as):
    client = client_as(cast.people["committee"])
    page = client.get(reverse("homes:coverage", args=[cast.tmo.slug, cast.agreement.pk]))
    assert "Kingsmead Estate" in page.content.decode()
    assert page.context["form"] is None
    response = client.post(
        reverse("homes:coverage", args=[cast.tmo.slug, cast.agreement.pk]),
        {"estates": [], "from_day": "2025-04-01"},
    )
    assert response.status_code == 403
    assert Coverage.objects.filter(agreement=cast.agreement, ends_on=None).count() == 2


def test_the_coverage_summary_counts_each_estates_homes_under_the_agreement_on_the_day(cast):
    # The cast: Kingsmead Estate's two homes, covered by the agreement from its start.
    riverside = EstateFactory(landlord=cast.landlord, name="Riverside")
    ash, birch, cedar = HomeFactory.create_batch(3, estate=riverside)
    day = date(2025, 10, 1)
    CoverageFactory(agreement=cast.agreement, home=ash, starts_on=date(2025, 4, 1))
    # Covered twice over the year (left, came back): one home, counted once.
    CoverageFactory(agreement=cast.agreement, home=birch, starts_on=date(2025, 4, 1),
                    ends_on=date(2025, 6, 30))  # fmt: skip
    CoverageFactory(agreement=cast.agreement, home=birch, starts_on=date(2025, 9, 1))
    # Left the day before; joins the day after; another agreement's home.
    CoverageFactory(agreement=cast.agreement, home=cedar, starts_on=date(2025, 4, 1),
                    ends_on=date(2025, 9, 30))  # fmt: skip
    CoverageFactory(agreement=cast.agreement, home=HomeFactory(estate=riverside),
                    starts_on=date(2025, 10, 2))  # fmt: skip
    other = AgreementFactory(landlord=cast.landlord)
    CoverageFactory(agreement=other, home=HomeFactory(estate=riverside), starts_on=date(2025, 4, 1))
    EstateFactory(landlord=cast.landlord, name="Empty Fields")

    summary = coverage_summary(agreement=cast.agreement, on=day)

    assert [(e.name, e.covered, e.total) for e in summary] == [
        ("Empty Fields", 0, 0),
        ("Kingsmead Estate", 2, 2),
        ("Riverside", 2, 5),
    ]
