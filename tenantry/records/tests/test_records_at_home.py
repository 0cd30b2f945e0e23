"""A home's page lists its repairs, complaints, ASB cases, voids and safety checks, latest first,
five of each, with a link to all of that kind at the home; and a home is named everywhere by
its address, postcode and property reference."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantry.homes.tests.factories import HomeFactory
from tenantry.records.tests.factories import (
    LONDON,
    AsbCaseFactory,
    ComplaintFactory,
    RepairFactory,
    SafetyCheckFactory,
    VoidFactory,
)

pytestmark = pytest.mark.django_db


def _home_page(client, cast):
    return client.get(reverse("homes:home", args=[cast.tmo.slug, cast.home.pk]))


def _repairs(cast, n, prefix="REP", **fields):
    start = datetime(2025, 1, 6, 9, tzinfo=LONDON)
    return [
        RepairFactory(
            organisation=cast.tmo,
            home=cast.home,
            reference=f"{prefix}-{i:03d}",
            reported_at=start + timedelta(days=i),
            **fields,
        )
        for i in range(n)
    ]


def test_a_home_is_named_by_address_postcode_and_reference():
    home = HomeFactory.build(address="1 Mill Road", postcode="NB1 2AB", reference="P0000042")
    assert str(home) == "1 Mill Road, NB1 2AB (P0000042)"


def test_the_estate_list_and_a_record_name_the_home_with_reference_and_postcode(cast, client_as):
    client = client_as(cast.people["staff"])
    label = f"1 Mill Road, {cast.home.postcode} ({cast.home.reference})"
    estate = client.get(reverse("homes:estate", args=[cast.tmo.slug, cast.estate.pk]))
    assert label in estate.content.decode()
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    listed = client.get(reverse("services:record-list", args=[cast.tmo.slug, "repairs"]))
    assert label in listed.content.decode()
    shown = client.get(reverse("services:record", args=[cast.tmo.slug, "repairs", repair.pk]))
    assert label in shown.content.decode()


def test_the_home_page_lists_the_latest_five_repairs_and_links_to_all_of_them(cast, client_as):
    _repairs(cast, 7)
    page = _home_page(client_as(cast.people["staff"]), cast).content.decode()
    shown = [f"REP-{i:03d}" for i in (6, 5, 4, 3, 2)]
    positions = [page.index(f">{reference}</a>") for reference in shown]
    assert positions == sorted(positions)  # latest first
    assert ">REP-001</a>" not in page and ">REP-000</a>" not in page
    every = reverse("services:record-list", args=[cast.tmo.slug, "repairs"])
    assert f'href="{every}?home={cast.home.pk}">All repairs at this home</a>' in page


def test_the_home_page_lists_each_kind_of_record(cast, client_as):
    ComplaintFactory(organisation=cast.tmo, home=cast.home, reference="COMP-1")
    AsbCaseFactory(organisation=cast.tmo, home=cast.home, estate=None, reference="ASB-1")
    VoidFactory(organisation=cast.tmo, home=cast.home, reference="VOID-1")
    SafetyCheckFactory(
        organisation=cast.tmo, home=cast.home, reference="SAFE-1", due_on=date(2026, 1, 31)
    )
    page = _home_page(client_as(cast.people["committee"]), cast).content.decode()
    for reference in ("COMP-1", "ASB-1", "VOID-1", "SAFE-1"):
        assert f">{reference}</a>" in page
    assert "Gas safety · due 31 Jan 2026 · not done" in page
    assert "No repairs on record." in page
    assert "All complaints at this home" not in page  # no more than shown


def test_the_home_page_lists_only_the_organisations_own_records(cast, client_as):
    RepairFactory(organisation=cast.landlord, home=cast.home, reference="REP-LANDLORD")
    page = _home_page(client_as(cast.people["staff"]), cast).content.decode()
    assert "REP-LANDLORD" not in page


def test_the_home_page_takes_the_same_queries_for_one_record_as_for_many(
    cast, client_as, django_assert_num_queries
):
    client = client_as(cast.people["staff"])
    _repairs(cast, 1)
    with CaptureQueriesContext(connection) as few:
        _home_page(client, cast)
    _repairs(cast, 12, prefix="MORE", trade="plumbing")
    for _ in range(8):
        ComplaintFactory(organisation=cast.tmo, home=cast.home)
    # ... and one query for each of the five kinds listed, however many there are.
    with django_assert_num_queries(len(few.captured_queries)):
        _home_page(client, cast)


def test_the_full_list_at_a_home_shows_only_its_records(cast, client_as):
    _repairs(cast, 2)
    RepairFactory(organisation=cast.tmo, reference="REP-ELSEWHERE")
    client = client_as(cast.people["staff"])
    url = reverse("services:record-list", args=[cast.tmo.slug, "repairs"])
    response = client.get(url, {"home": cast.home.pk})
    page = response.content.decode()
    assert [row["record"].reference for row in response.context["rows"]] == [
        "REP-001",
        "REP-000",
    ]
    assert f'<input type="hidden" name="home" value="{cast.home.pk}"' in page
    assert f'href="{reverse("homes:home", args=[cast.tmo.slug, cast.home.pk])}"' in page


def test_a_home_the_organisation_does_not_manage_is_refused_as_a_filter(cast, client_as):
    elsewhere = HomeFactory(estate=cast.estate)
    response = client_as(cast.people["staff"]).get(
        reverse("services:record-list", args=[cast.tmo.slug, "repairs"]), {"home": elsewhere.pk}
    )
    assert "That home is not one of the homes you look after" in response.content.decode()
    assert str(elsewhere) not in response.content.decode()
