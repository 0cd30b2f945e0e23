"""Loading an object inside an organisation: one step, one 404 for "not yours" and "not there"."""

import pytest
from django.http import Http404

from tenantry.organisations.access import object_in
from tenantry.organisations.models import RoleAssignment


def test_object_in_finds_the_organisations_own_object(cast):
    mine = RoleAssignment.objects.filter(organisation=cast.tmo).first()

    assert object_in(cast.tmo, RoleAssignment, pk=mine.pk) == mine


def test_an_object_found_in_an_organisation_names_it_without_reading_it_again(
    cast, django_assert_num_queries
):
    mine = RoleAssignment.objects.filter(organisation=cast.tmo).first()

    found = object_in(cast.tmo, RoleAssignment, pk=mine.pk)

    with django_assert_num_queries(0):
        assert found.organisation is cast.tmo


def test_another_organisations_object_is_missing_like_one_that_does_not_exist(cast):
    theirs = RoleAssignment.objects.filter(organisation=cast.other_tmo).first()
    missing = RoleAssignment.objects.order_by("pk").last().pk + 1

    with pytest.raises(Http404) as not_yours:
        object_in(cast.tmo, RoleAssignment, pk=theirs.pk)
    with pytest.raises(Http404) as not_there:
        object_in(cast.tmo, RoleAssignment, pk=missing)

    assert str(not_yours.value) == str(not_there.value)


def test_object_in_follows_a_path_to_the_organisation(cast):
    # A role in a TMO hangs off the landlord through the TMO.
    mine = RoleAssignment.objects.filter(organisation=cast.tmo).first()
    theirs = RoleAssignment.objects.filter(organisation=cast.other_tmo).first()

    assert object_in(cast.landlord, RoleAssignment, via="organisation__landlord", pk=mine.pk)
    with pytest.raises(Http404):
        object_in(cast.landlord, RoleAssignment, via="organisation__landlord", pk=theirs.pk)
