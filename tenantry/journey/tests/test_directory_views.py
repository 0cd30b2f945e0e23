"""The directory's and visits' pages: filters, forms that keep what was typed, the whole visit
from request to learnings through the pages, and query counts on the lists."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantry.journey.models import Visit, VisitState
from tenantry.organisations.models import Organisation, Region
from tenantry.organisations.tests.factories import OrganisationFactory

from .factories import GroupMembershipFactory, ProfileFactory, VisitDateFactory, VisitFactory

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [profile.organisation.name for profile in response.context["profiles"]]


def test_the_directory_filters_by_region_service_kind_and_visits(client):
    north = ProfileFactory(
        organisation=OrganisationFactory(name="Brookfield TMC", region=Region.NORTH_WEST,
                                         kind=Organisation.Kind.TMC),
        services=["repairs", "caretaking"],
    )  # fmt: skip
    ProfileFactory(
        organisation=OrganisationFactory(name="Marsh Lane EMB", region=Region.LONDON,
                                         kind=Organisation.Kind.EMB),
        services=["caretaking"],
        welcomes_visits=False,
    )  # fmt: skip
    ProfileFactory(organisation=OrganisationFactory(name="Hidden TMO"), published_at=None)
    url = reverse("journey:directory")

    assert _names(client.get(url)) == ["Brookfield TMC", "Marsh Lane EMB"]
    assert _names(client.get(url, {"region": "north_west"})) == ["Brookfield TMC"]
    assert _names(client.get(url, {"service": "repairs"})) == ["Brookfield TMC"]
    assert _names(client.get(url, {"kind": "emb"})) == ["Marsh Lane EMB"]
    assert _names(client.get(url, {"visits": "yes"})) == ["Brookfield TMC"]
    assert north.organisation.name in client.get(url).text


def test_the_directory_takes_the_same_queries_for_many_profiles(
    client, django_assert_max_num_queries
):
    for _ in range(12):
        ProfileFactory()

    with django_assert_max_num_queries(4):
        response = client.get(reverse("journey:directory"))
    assert len(response.context["profiles"]) == 12


def test_the_journey_index_tells_stories_from_published_profiles(client):
    ProfileFactory(
        organisation=OrganisationFactory(name="Kingsmead TMO"),
        story="We started with the cleaning and now run the repairs too.",
    )
    ProfileFactory(organisation=OrganisationFactory(name="Unpublished TMO"), published_at=None)

    page = client.get(reverse("journey:index")).text

    assert "Stories from organisations already in control" in page
    assert "We started with the cleaning" in page
    assert "Unpublished TMO" not in page


def test_a_refused_request_keeps_what_was_typed_and_names_each_field(cast, client_as):
    ProfileFactory(organisation=cast.tmo)
    membership = GroupMembershipFactory()
    url = reverse("journey:ask-visit", args=[membership.group.pk, cast.tmo.slug])

    response = client_as(membership.user).post(
        url, {"wants_to_learn": "", "people": "40", "access_needs": "Step-free, please"}
    )

    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert "Say what your group wants to learn" in response.text
    assert "At most 30 people can come on one visit" in response.text
    assert "Step-free, please" in response.text
    assert not Visit.objects.exists()


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visit_from_request_to_dates_to_choosing_through_the_pages(cast):
    ProfileFactory(organisation=cast.tmo)
    membership = GroupMembershipFactory()
    group, member = membership.group, _signed_in(membership.user)

    response = member.post(
        reverse("journey:ask-visit", args=[group.pk, cast.tmo.slug]),
        {"wants_to_learn": "How the committee works", "people": "5"},
    )
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("journey:group-visit", args=[group.pk, visit.pk])

    host = _signed_in(cast.people["staff"])
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("directory:accept-visit", args=[cast.tmo.slug, visit.pk])
    refused = host.post(url, {"date_1": past})
    assert refused.status_code == 400
    assert "The date must be in the future" in refused.text

    later = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    assert host.post(url, {"date_1": later}).status_code == 302

    page = member.get(reverse("journey:group-visit", args=[group.pk, visit.pk]))
    assert "Confirm this date" in page.text
    day = visit.dates.get()
    response = member.post(
        reverse("journey:choose-visit-date", args=[group.pk, visit.pk]), {"date": day.pk}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.CONFIRMED


def test_the_hosts_list_takes_the_same_queries_for_many_visits(
    cast, client_as, django_assert_max_num_queries
):
    for _ in range(10):
        VisitDateFactory(visit=VisitFactory(host=cast.tmo))
    client = client_as(cast.people["committee"])
    url = reverse("directory:visits", args=[cast.tmo.slug])
    client.get(url)  # the session and menu caches filled

    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


def test_the_groups_list_takes_the_same_queries_for_many_visits(
    client_as, django_assert_max_num_queries
):
    membership = GroupMembershipFactory()
    for _ in range(10):
        VisitFactory(group=membership.group)
    client = client_as(membership.user)
    url = reverse("journey:group-visits", args=[membership.group.pk])

    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


def test_a_member_who_chooses_second_is_shown_the_day_already_chosen(cast):
    visit = VisitFactory(host=cast.tmo, state=VisitState.OFFERED)
    first, second = VisitDateFactory(visit=visit), VisitDateFactory(visit=visit)
    url = reverse("journey:choose-visit-date", args=[visit.group.pk, visit.pk])
    one = _signed_in(GroupMembershipFactory(group=visit.group).user)
    two = _signed_in(GroupMembershipFactory(group=visit.group).user)

    assert one.post(url, {"date": first.pk}).status_code == 302
    response = two.post(url, {"date": second.pk}, follow=True)

    assert "has already chosen" in response.text
    visit.refresh_from_db()
    assert visit.chosen == first
