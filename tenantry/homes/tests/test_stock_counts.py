"""The overviews' stock counts are counted once per change and stored, not counted per view."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenantry.homes.models import StockCount
from tenantry.homes.services import set_estates_covered
from tenantry.homes.stock import stock_counts
from tenantry.homes.tests.factories import EstateFactory, HomeFactory

pytestmark = pytest.mark.django_db


def _landlord_home(client, cast) -> str:
    return client.get(
        reverse("reports:organisation-home", args=[cast.landlord.slug])
    ).content.decode()


def _cards(page: str) -> list[str]:
    """The figures on the overview's cards, in order."""
    return [part.split("</p>")[0] for part in page.split('class="tenantry-card__figure">')[1:]]


def test_the_first_view_counts_and_stores_later_views_read_the_stored_counts(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    HomeFactory.create_batch(3, estate=cast.estate)  # nobody manages these under an agreement

    first = _landlord_home(client, cast)
    assert _cards(first) == ["5", "3", "2"]
    assert "Counts as at" not in first  # counted for this page
    assert StockCount.objects.get(organisation=cast.landlord).figures["stock"]["homes"] == 5

    with CaptureQueriesContext(connection) as queries:
        second = _landlord_home(client, cast)
    assert _cards(second) == ["5", "3", "2"]
    assert "Counts as at" in second
    # The stored row is read; the homes are not counted again.
    assert not [q for q in queries.captured_queries if '"homes_home"' in q["sql"]]


def test_a_change_to_what_an_agreement_covers_recounts_the_overviews(
    cast, client_as, django_capture_on_commit_callbacks
):
    client = client_as(cast.people["landlord_officer"])
    _landlord_home(client, cast)
    stock_counts(organisation=cast.tmo)  # the TMO's own overview counted too
    estate = EstateFactory(landlord=cast.landlord)
    HomeFactory.create_batch(4, estate=estate)

    with django_capture_on_commit_callbacks(execute=True):
        set_estates_covered(
            agreement=cast.agreement,
            estates=[cast.estate, estate],
            from_day=timezone.localdate(),
            by=None,
        )

    # 6 homes, none managed by the landlord itself, all 6 delegated.
    assert _cards(_landlord_home(client, cast)) == ["6", "0", "6"]
    tmo = stock_counts(organisation=cast.tmo)
    assert (tmo.stock.homes, tmo.stock.estates, tmo.live, tmo.updating) == (6, 2, False, False)


def test_counts_made_on_an_earlier_day_are_counted_again_on_the_first_view_of_a_new_day(
    cast, client_as, django_capture_on_commit_callbacks
):
    client = client_as(cast.people["landlord_officer"])
    _landlord_home(client, cast)
    # A change nobody announced (made straight in the database, or coverage ending at midnight).
    HomeFactory.create_batch(2, estate=cast.estate)
    assert _cards(_landlord_home(client, cast))[0] == "2"

    yesterday = timezone.now() - timedelta(days=1)
    StockCount.objects.update(counted_on=yesterday.date(), counted_at=yesterday)

    with django_capture_on_commit_callbacks(execute=True):
        page = _landlord_home(client, cast)
    assert "being brought up to date" in page  # the recount is queued once, by this page
    assert _cards(_landlord_home(client, cast))[0] == "4"
    assert StockCount.objects.get(organisation=cast.landlord).counted_on == timezone.localdate()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_task_backend_the_page_says_when_the_counts_were_made(
    cast, client_as, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_as(cast.people["landlord_officer"])
    _landlord_home(client, cast)
    StockCount.objects.update(counted_at=timezone.now().replace(hour=14, minute=32))
    estate = EstateFactory(landlord=cast.landlord)
    HomeFactory.create_batch(4, estate=estate)
    set_estates_covered(
        agreement=cast.agreement, estates=[cast.estate, estate], from_day=date.today(), by=None
    )

    page = _landlord_home(client, cast)
    assert _cards(page) == ["2", "0", "2"]  # not yet counted again
    assert "Counts as at 14:32, being brought up to date" in page

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    page = _landlord_home(client, cast)
    assert _cards(page) == ["6", "0", "6"]
    assert "being brought up to date" not in page


def test_an_agreements_coverage_page_reads_each_estates_homes_from_the_stored_counts(
    cast, client_as
):
    # The cast: Kingsmead Estate's two homes, both covered by the agreement.
    riverside = EstateFactory(landlord=cast.landlord, name="Riverside")
    HomeFactory.create_batch(3, estate=riverside)
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:coverage", args=[cast.landlord.slug, cast.agreement.pk])

    first = client.get(url)
    assert [(e.name, e.covered, e.total) for e in first.context["summary"]] == [
        ("Kingsmead Estate", 2, 2)
    ]
    assert StockCount.objects.get(organisation=cast.landlord).figures["stock"]["by_estate"] == {
        str(cast.estate.pk): 2,
        str(riverside.pk): 3,
    }
    assert "as counted at" not in first.content.decode()  # counted for this page

    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert "Homes on each estate as counted at" in second.content.decode()
    # Each estate's homes come from the stored row; only the covered homes are counted.
    counted = [q["sql"] for q in queries.captured_queries if 'FROM "homes_home"' in q["sql"]]
    assert counted == []


def test_the_estates_list_reads_each_estates_homes_from_the_stored_counts(cast, client_as):
    riverside = EstateFactory(landlord=cast.landlord, name="Riverside")
    HomeFactory.create_batch(3, estate=riverside)
    EstateFactory(landlord=cast.landlord, name="Empty Fields")  # no homes: not listed
    client = client_as(cast.people["landlord_officer"])
    url = reverse("homes:estates", args=[cast.landlord.slug])

    first = client.get(url)
    assert [(e.name, e.home_count) for e in first.context["estates"]] == [
        ("Kingsmead Estate", 2),
        ("Riverside", 3),
    ]
    assert "Homes as counted at" not in first.content.decode()  # counted for this page

    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert [(e.name, e.home_count) for e in second.context["estates"]] == [
        ("Kingsmead Estate", 2),
        ("Riverside", 3),
    ]
    assert "Homes as counted at" in second.content.decode()
    assert not [q for q in queries.captured_queries if '"homes_home"' in q["sql"]]
