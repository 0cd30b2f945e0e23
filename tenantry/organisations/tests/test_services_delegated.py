"""The services delegated to an organisation on a day: asked of the database, or read from the
organisation as loaded for a page, the answer is the same."""

from datetime import date

import pytest

from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import services_delegated_to, with_services_delegated
from tenantry.organisations.tests.factories import AgreementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = date(2025, 6, 1)


def test_a_loaded_organisation_answers_without_a_query_and_like_the_database(
    cast, django_assert_num_queries
):
    tmo = cast.tmo
    # A second agreement in force, one ended and one not yet started.
    AgreementFactory(organisation=tmo, landlord=cast.landlord, services=["grounds"],
                     starts_on=date(2024, 4, 1))  # fmt: skip
    AgreementFactory(organisation=tmo, landlord=cast.landlord, services=["tenancy_management"],
                     starts_on=date(2019, 4, 1), ends_on=date(2025, 5, 31))  # fmt: skip
    AgreementFactory(organisation=tmo, landlord=cast.landlord, services=["asb"],
                     starts_on=date(2025, 6, 2))  # fmt: skip
    nothing = AgreementFactory(services=[], starts_on=date(2020, 1, 1)).organisation
    panel = OrganisationFactory(kind="scrutiny_panel", landlord=cast.landlord)

    loaded = {
        o.pk: o
        for o in with_services_delegated(
            Organisation.objects.filter(pk__in=[tmo.pk, nothing.pk, panel.pk, cast.landlord.pk]),
            on=DAY,
        )
    }
    with django_assert_num_queries(0):
        answers = {pk: services_delegated_to(organisation=o, on=DAY) for pk, o in loaded.items()}

    assert answers[tmo.pk] == {
        "repairs", "caretaking", "rent_collection", "voids_lettings", "asb", "complaints",
        "building_safety", "grounds",
    }  # fmt: skip
    assert answers[nothing.pk] == answers[panel.pk] == answers[cast.landlord.pk] == frozenset()
    for pk, answer in answers.items():
        assert services_delegated_to(organisation=Organisation.objects.get(pk=pk), on=DAY) == (
            answer
        )


def test_another_day_is_asked_of_the_database(cast, django_assert_num_queries):
    loaded = with_services_delegated(Organisation.objects.filter(pk=cast.tmo.pk), on=DAY).get()
    with django_assert_num_queries(1):
        services_delegated_to(organisation=loaded, on=date(2030, 1, 1))
