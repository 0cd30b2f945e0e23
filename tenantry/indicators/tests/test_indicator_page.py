"""An indicator's page: its definition, its trend, its figures and the records behind them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tenantry.indicators.models import (
    Framework,
    Indicator,
    PeerLandlord,
    PeerValue,
    Result,
    Scope,
    Target,
)
from tenantry.indicators.tests.performance_data import YEAR, computed, emergency_priority, repair

pytestmark = pytest.mark.django_db


def _page(client, organisation, code="RP02-2", **query):
    url = reverse("indicators:indicator", args=[organisation.slug, code])
    return client.get(url, {"period": "2025/26", **query})


def _record_url(organisation, record):
    return reverse("services:record", args=[organisation.slug, "repairs", record.pk])


def test_the_definition_is_explained_in_words(cast, client_as):
    computed(cast)

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    assert "Of emergency responsive repairs completed in the year" in page
    assert "A percentage. Higher is better." in page
    assert "Emergency responsive repairs, completed in the period." in page
    assert "Emergency repairs: within 24 hours at most." in page
    assert "Regulator of Social Housing, Tenant Satisfaction Measures" in page


def test_staff_see_the_late_repair_behind_the_figure_linked_to_its_record(cast, client_as):
    made = computed(cast)

    page = _page(client_as(cast.people["staff"]), cast.tmo).content.decode()

    assert "Repairs completed within target (the top of the figure): <strong>4</strong>" in page
    assert "Repairs completed (the bottom of the figure): <strong>5</strong>" in page
    behind = page[page.index('id="behind"') :]
    # Each group says what it is in the figure: late repairs count, in the bottom number.
    assert "Completed late (1)" in behind
    assert "Completed within target (4)" in behind
    assert "Completed late — counted in the bottom only" in behind
    assert "Not counted" not in behind
    # The late one is listed first, with a link to its record; those on time are one click away.
    assert _record_url(cast.tmo, made["REP-LATE"]) in behind
    assert "REP-ONTIME-2" not in behind
    counted = _page(client_as(cast.people["staff"]), cast.tmo, show="counted").content.decode()
    assert "REP-ONTIME-2" in counted[counted.index('id="behind"') :]
    assert "Completed within target — counted in the top and bottom" in counted


def test_residents_see_the_counts_but_not_other_peoples_repairs(cast, client_as):
    made = computed(cast)

    page = _page(client_as(cast.people["resident"]), cast.tmo, show="missed").content.decode()

    assert "Repairs completed within target (the top of the figure): <strong>4</strong>" in page
    assert "REP-LATE" not in page
    assert _record_url(cast.tmo, made["REP-LATE"]) not in page
    assert "1 Mill Road" not in page[page.index('id="behind"') :]
    assert "Only the counts are shown here" in page


def test_the_landlord_sees_its_organisations_records_behind_its_whole_stock(cast, client_as):
    made = computed(cast)

    page = _page(client_as(cast.people["landlord_officer"]), cast.landlord).content.decode()

    # The record is the TMO's, so its link is on the TMO's pages.
    assert _record_url(cast.tmo, made["REP-LATE"]) in page


def test_a_long_list_is_shown_a_page_at_a_time(cast, client_as):
    from datetime import datetime

    from tenantry.core.deadlines import LONDON

    priority = emergency_priority(cast)
    for number in range(27):
        repair(
            cast, reported=datetime(2025, 8, 1, 9, tzinfo=LONDON), hours=48, priority=priority,
            reference=f"LATE-{number:02d}",
        )  # fmt: skip

    first = _page(client_as(cast.people["staff"]), cast.tmo).content.decode()
    second = _page(client_as(cast.people["staff"]), cast.tmo, page=2).content.decode()

    assert "Page 1 of 2" in first
    assert first.count("LATE-") == 25
    assert second.count("LATE-") == 2


def test_the_trend_is_drawn_with_its_target_and_a_table(cast, client_as):
    computed(cast)
    Target.objects.create(
        agreement=cast.agreement, indicator=Indicator.objects.get(code="RP02-2"),
        year_start=YEAR.start, value=Decimal(90),
    )  # fmt: skip

    page = _page(client_as(cast.people["committee"]), cast.tmo).content.decode()

    assert "<svg" in page
    assert "Emergency repairs completed within target, year by year" in page
    # The chart's table: each year's figure and target.
    assert '<th scope="row" class="govuk-table__header">2025/26</th>' in page
    assert "80%" in page and "90%" in page
    assert "Off target" in page


def test_the_top_quarter_of_landlords_is_shaded_when_the_regulators_data_is_in(cast, client_as):
    computed(cast)
    for number, value in enumerate((70, 80, 90, 95, 99)):
        landlord = PeerLandlord.objects.create(
            year_label="2025/26", code=f"L{number}", name=f"Landlord {number}", landlord_type="PRP"
        )
        PeerValue.objects.create(landlord=landlord, code="RP02-2", stock_type="", value=value)

    page = _page(client_as(cast.people["committee"]), cast.tmo).content.decode()

    # QUARTILE.INC of 70, 80, 90, 95, 99: the upper quartile is 95; the best is 99.
    assert "Top quarter of landlords (regulator&#x27;s data)" in page
    assert "95% to 99%" in page


def test_a_figure_typed_in_by_hand_says_so(cast, client_as):
    Indicator.objects.create(
        organisation=cast.tmo, code="JOBS", name="Local employment", unit="number",
        framework=Framework.LOCAL, source="manual", decimals=0,
    )  # fmt: skip

    page = _page(client_as(cast.people["committee"]), cast.tmo, code="JOBS").content.decode()

    assert "This figure is typed in by hand" in page
    assert "Enter this figure" in page


def test_an_unknown_or_another_organisations_indicator_is_not_found(cast, client_as):
    Indicator.objects.create(
        organisation=cast.other_tmo, code="SECRET", name="Elsewhere's own", unit="number",
        framework=Framework.LOCAL, source="manual",
    )  # fmt: skip
    client = client_as(cast.people["committee"])

    assert _page(client, cast.tmo, code="NOPE").status_code == 404
    assert _page(client, cast.tmo, code="SECRET").status_code == 404


def test_split_measures_can_be_shown_for_one_kind_of_home(cast, client_as):
    computed(cast)

    page = _page(client_as(cast.people["committee"]), cast.tmo, code="CH01-1", stock="lcra")

    assert page.status_code == 200
    assert '<strong aria-current="page">Low-cost rental</strong>' in page.content.decode()
    assert Result.objects.filter(
        indicator__code="CH01-1", organisation=cast.tmo, scope=Scope.ORGANISATION,
        stock_type="lcra",
    ).exists()  # fmt: skip
