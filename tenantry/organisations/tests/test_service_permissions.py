"""Services check permission themselves: a view, a command and the API are refused alike."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tenantry.homes import services as homes_services
from tenantry.organisations import services
from tenantry.organisations.models import RoleAssignment


def test_a_resident_cannot_change_the_organisations_details(cast):
    with pytest.raises(PermissionDenied):
        services.update_organisation(
            organisation=cast.tmo, by=cast.people["resident"], name="Taken over"
        )


def test_someone_from_another_organisation_cannot_change_its_details(cast):
    with pytest.raises(PermissionDenied):
        services.update_organisation(
            organisation=cast.tmo, by=cast.people["outsider"], name="Taken over"
        )


def test_the_committee_changes_its_own_details(cast):
    services.update_organisation(organisation=cast.tmo, by=cast.people["committee"], name="New")

    assert cast.tmo.history.first().history_user == cast.people["committee"]


def test_only_the_landlord_registers_organisations_it_works_with(cast):
    with pytest.raises(PermissionDenied):
        services.create_organisation(
            by=cast.people["committee"], landlord=cast.landlord, name="Another", slug="another"
        )


def test_only_site_administrators_register_a_landlord(cast):
    with pytest.raises(PermissionDenied):
        services.create_organisation(
            by=cast.people["landlord_officer"], name="New Council", slug="new-council"
        )


def test_staff_cannot_record_an_agreement(cast):
    with pytest.raises(PermissionDenied):
        services.create_agreement(
            by=cast.people["staff"],
            landlord=cast.landlord,
            organisation=cast.tmo,
            title="A second agreement",
            services=["repairs"],
            management_allowance=Decimal("1.00"),
            starts_on=date(2030, 1, 1),
        )


def test_the_committee_cannot_vary_the_agreement(cast):
    with pytest.raises(PermissionDenied):
        services.update_agreement(
            agreement=cast.agreement, by=cast.people["committee"], title="Ours now"
        )


def test_an_inspector_cannot_add_people(cast):
    with pytest.raises(PermissionDenied):
        services.add_person(
            organisation=cast.tmo,
            email="new@example.org",
            name="New Person",
            role="staff",
            by=cast.people["inspector"],
            sign_in_url="https://example.org/",
        )


def test_staff_cannot_take_a_role_away(cast):
    assignment = RoleAssignment.objects.get(user=cast.people["resident"], organisation=cast.tmo)

    with pytest.raises(PermissionDenied):
        services.remove_role(assignment=assignment, by=cast.people["staff"])

    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_the_committee_cannot_change_which_estates_the_agreement_covers(cast):
    with pytest.raises(PermissionDenied):
        homes_services.set_estates_covered(
            agreement=cast.agreement,
            estates=[],
            from_day=cast.agreement.starts_on,
            by=cast.people["committee"],
        )
