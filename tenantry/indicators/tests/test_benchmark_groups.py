"""The comparison groups behind the benchmark page, on a small hand-built platform.

Kingsmead TMO (2 homes, Northbrook Council) scores 80% overall satisfaction (TP01, low-cost
rental) in 2024/25. Around it: Northbrook's whole stock 70% and its directly managed homes 65%;
two more Northbrook TMOs, Riverside 75% (3 homes) and Hillside 85% (1 home); Elsewhere TMO, of
another landlord, 60% (the cast's, 0 homes until given one). And five of the regulator's
landlords: 90, 80, 70 and 60, and one that left TP01 blank.
"""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.homes.stock import recount, stock_counts
from tenantry.homes.tests.factories import CoverageFactory, HomeFactory
from tenantry.indicators import benchmarks
from tenantry.indicators.benchmarks import Filters, benchmark
from tenantry.indicators.models import (
    BenchmarkNote,
    Indicator,
    PeerLandlord,
    PeerValue,
    Result,
    Scope,
)
from tenantry.organisations.models import Organisation
from tenantry.organisations.tests.factories import AgreementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

YEAR = financial_year("2024/25")
COMMITTEE = frozenset({Role.COMMITTEE})
RESIDENT = frozenset({Role.RESIDENT})


def result(indicator, organisation, value, *, scope=Scope.ORGANISATION, stock="lcra",
           year=YEAR, numerator=None, denominator=None) -> Result:  # fmt: skip
    return Result.objects.create(
        indicator=indicator, organisation=organisation, scope=scope, stock_type=stock,
        period_kind="year", period_start=year.start, period_end=year.end,
        period_label=year.label, value=None if value is None else Decimal(str(value)),
        numerator=numerator,
        denominator=denominator, source="survey",
        computed_at=timezone.make_aware(datetime(2025, 5, 1)),
    )  # fmt: skip


def peer(code, name, landlord_type, size, region, values: dict, *, year="2024/25", homes=None):
    landlord = PeerLandlord.objects.create(
        year_label=year, code=code, name=name, landlord_type=landlord_type, size_band=size,
        region=region, homes=homes,
    )  # fmt: skip
    for (measure, stock), cell in values.items():
        value, numerator, denominator = cell if isinstance(cell, tuple) else (cell, None, None)
        PeerValue.objects.create(
            landlord=landlord, code=measure, stock_type=stock,
            value=None if isinstance(value, str) else value,
            marker=value if isinstance(value, str) else "",
            numerator=numerator, denominator=denominator,
        )  # fmt: skip
    return landlord


def tmo(landlord, name: str, homes: int) -> Organisation:
    agreement = AgreementFactory(organisation__name=name, organisation__landlord=landlord)
    for _ in range(homes):
        CoverageFactory(agreement=agreement)
    return agreement.organisation


@pytest.fixture
def tp01():
    return Indicator.objects.get(code="TP01", organisation__isnull=True)


@pytest.fixture
def platform(cast, tp01):
    riverside = tmo(cast.landlord, "Riverside TMO", 3)
    hillside = tmo(cast.landlord, "Hillside TMO", 1)
    result(tp01, cast.tmo, 80)
    result(tp01, cast.landlord, 70, scope=Scope.LANDLORD_ALL)
    result(tp01, cast.landlord, 65, scope=Scope.LANDLORD_DIRECT)
    result(tp01, riverside, 75)
    result(tp01, hillside, 85)
    result(tp01, cast.other_tmo, 60)
    CoverageFactory(agreement=cast.other_tmo.agreements.get())
    peer("P1", "Park Homes", "PRP", "5,000-40,000", "London", {("TP01", "lcra"): 90})
    peer("P2", "Moor Housing", "PRP", "<5,000", "North", {("TP01", "lcra"): 80})
    peer("P3", "City Council", "LA", ">40,000", "London", {("TP01", "lcra"): 70})
    peer("P4", "District Council", "LA", "<5,000", "North", {("TP01", "lcra"): 60})
    peer("P5", "Quiet Housing", "PRP", "<5,000", "South", {("TP01", "lcra"): "[X]"})
    return riverside, hillside


def group(found, key):
    return next(g for g in found.groups if g.key == key)


def test_the_committee_sees_four_groups_with_their_places(cast, tp01, platform):
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)

    assert found.own_value == Decimal("80")
    assert [g.key for g in found.groups] == ["landlord", "partners", "platform", "national"]

    landlord = group(found, "landlord")
    assert [(m.label, m.value) for m in landlord.members] == [
        ("Northbrook Council, all its homes", Decimal("70")),
        ("Northbrook Council, the homes it manages itself", Decimal("65")),
    ]
    assert landlord.position.label == "1st of 3"
    assert landlord.quartiles is None  # too few figures for quartiles

    partners = group(found, "partners")
    assert [(m.label, m.value) for m in partners.members] == [
        ("Hillside TMO", Decimal("85")), ("Riverside TMO", Decimal("75")),
    ]  # fmt: skip
    assert partners.position.label == "2nd of 3"


def test_the_regulators_landlords_give_quartiles_and_a_place(cast, tp01, platform):
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)

    national = group(found, "national")
    assert sorted(m.value for m in national.members) == [60, 70, 80, 90]
    # QUARTILE.INC of 60, 70, 80, 90: 67.5, 75, 82.5. 80 is at or above the median, below
    # the upper quartile: the second quarter; only 90 is better and 80 ties.
    assert national.quartiles == (Decimal("67.5"), Decimal("75"), Decimal("82.5"))
    assert national.position.quartile == 2
    assert national.position.label == "joint 2nd of 5"
    assert national.quartile_name == "Second quarter"
    assert national.missing == [("left it blank", 1)]
    assert national.note == ""


def test_filters_narrow_the_regulators_landlords(cast, tp01, platform):
    councils = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE,
                         filters=Filters(landlord_type="la"))  # fmt: skip
    assert sorted(m.value for m in group(councils, "national").members) == [60, 70]
    assert group(councils, "national").position.label == "1st of 3"
    assert group(councils, "national").quartiles is None

    small = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE,
                      filters=Filters(size="under_5000"))  # fmt: skip
    assert sorted(m.value for m in group(small, "national").members) == [60, 80]
    assert group(small, "national").missing == [("left it blank", 1)]

    london = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE,
                       filters=Filters(region="London", landlord_type="prp"))  # fmt: skip
    assert [m.label for m in group(london, "national").members] == ["Park Homes"]


def test_councils_are_found_under_either_years_spelling(cast, tp01):
    peer("C1", "Old Council", "LARP", "<5,000", "North", {("TP01", "lcra"): 50},
         year="2023/24")  # fmt: skip
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=financial_year("2023/24"),
                      roles=COMMITTEE, filters=Filters(landlord_type="la"))  # fmt: skip
    assert [m.label for m in group(found, "national").members] == ["Old Council"]


def test_organisations_of_another_landlord_are_not_named(cast, tp01, platform):
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)

    like = group(found, "platform")
    # Every TMO with 1 to 99 homes: Northbrook's own are named, Elsewhere is not.
    assert sorted((m.label, m.named) for m in like.members) == [
        ("A tenant management organisation of 1–99 homes", False),
        ("Hillside TMO", True),
        ("Riverside TMO", True),
    ]
    assert "Elsewhere" not in str([m.label for g in found.groups for m in g.members])


def test_the_other_landlords_organisation_sees_kingsmead_anonymised(cast, tp01, platform):
    cast.tmo.region = "london"
    cast.tmo.save()
    found = benchmark(organisation=cast.other_tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)

    labels = [m.label for m in group(found, "platform").members]
    assert "A tenant management organisation of 1–99 homes in London" in labels
    assert not any("Kingsmead" in label or "Riverside" in label for label in labels)


def test_organisations_of_another_size_are_left_out(cast, tp01, platform):
    big = tmo(cast.landlord, "Big TMO", 100)  # 100 homes: the 100–249 band
    result(tp01, big, 99)
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)
    assert "Big TMO" not in [m.label for m in group(found, "platform").members]
    assert "Big TMO" in [m.label for m in group(found, "partners").members]


def test_residents_see_only_the_regulators_published_figures(cast, tp01, platform):
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=RESIDENT)
    assert [g.key for g in found.groups] == ["national"]


def test_a_landlord_compares_its_whole_stock(cast, tp01, platform):
    found = benchmark(organisation=cast.landlord, indicator=tp01, year=YEAR,
                      roles=frozenset({Role.LANDLORD_OFFICER}))  # fmt: skip

    assert found.own_value == Decimal("70")
    assert [(m.label, m.value) for m in group(found, "landlord").members] == [
        ("Northbrook Council, the homes it manages itself", Decimal("65"))
    ]
    assert [m.label for m in group(found, "partners").members] == [
        "Hillside TMO", "Kingsmead TMO", "Riverside TMO",
    ]  # fmt: skip
    assert group(found, "national").position.label == "joint 3rd of 5"


def test_a_year_the_regulator_has_not_published_is_compared_with_the_latest(cast, tp01, platform):
    later = financial_year("2025/26")
    result(tp01, cast.tmo, 88, year=later)

    found = benchmark(organisation=cast.tmo, indicator=tp01, year=later, roles=COMMITTEE)

    national = group(found, "national")
    assert found.peer_year == "2024/25"
    assert national.title == "Landlords in England (2024/25)"
    assert "has not published 2025/26 figures yet" in national.note
    assert national.position.label == "2nd of 5"


def test_no_figure_of_our_own_still_shows_the_others(cast, tp01, platform):
    Result.objects.filter(organisation=cast.tmo).delete()
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)
    assert found.own is None
    assert group(found, "national").position is None
    assert len(group(found, "national").members) == 4


def test_an_all_homes_figure_stands_in_when_not_split(cast, tp01):
    result(tp01, cast.tmo, 77, stock="")
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)
    assert (found.own_value, found.stock_type) == (Decimal("77"), "")


def test_a_figure_with_nothing_to_measure_gives_way_to_one_with_a_figure(cast, tp01):
    result(tp01, cast.tmo, None)  # no low-cost rental answers
    result(tp01, cast.tmo, 64, stock="")
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)
    assert (found.own_value, found.stock_type) == (Decimal("64"), "")


def test_nothing_to_measure_is_no_figure_and_no_place(cast, tp01, platform):
    Result.objects.filter(organisation=cast.tmo).update(value=None)
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE)
    assert found.own is not None and found.own_value is None
    assert all(g.position is None for g in found.groups)


def test_shared_owners_are_compared_with_shared_owners(cast, tp01, platform):
    result(tp01, cast.tmo, 40, stock="lcho")
    peer("P6", "Owners Housing", "PRP", "<5,000", "North", {("TP01", "lcho"): 50})
    found = benchmark(organisation=cast.tmo, indicator=tp01, year=YEAR, roles=COMMITTEE,
                      filters=Filters(stock="lcho"))  # fmt: skip
    assert found.own_value == Decimal("40")
    assert [m.label for m in group(found, "national").members] == ["Owners Housing"]


def test_a_zero_with_nothing_behind_it_is_left_out(cast):
    lifts = Indicator.objects.get(code="BS05", organisation__isnull=True)
    result(lifts, cast.tmo, 100, stock="")
    peer("L1", "No Lifts Council", "LA", "<5,000", "North", {("BS05", ""): (0, 0, 0)})
    peer("L2", "Lift Housing", "PRP", "<5,000", "North", {("BS05", ""): (0, 0, 40)})
    peer("L3", "Tall Homes", "PRP", "<5,000", "North", {("BS05", ""): (98, 49, 50)})

    found = benchmark(organisation=cast.tmo, indicator=lifts, year=YEAR, roles=RESIDENT)

    national = group(found, "national")
    assert sorted(m.value for m in national.members) == [0, 98]  # a real 0 of 40 counts
    assert national.missing == [("published 0 with no homes or cases behind it", 1)]
    assert benchmarks.peer_quartiles(code="BS05", year_label="2024/25", stock_type="") is None


def test_peer_quartiles_for_other_pages(cast, platform):
    assert benchmarks.peer_quartiles(code="TP01", year_label="2024/25") == (
        Decimal("67.5"), Decimal("75"), Decimal("82.5"),
    )  # fmt: skip
    assert benchmarks.peer_quartiles(code="TP01", year_label="2024/25", landlord_type="la") is None


def test_a_measure_the_regulator_does_not_publish_has_no_national_group(cast):
    rent = Indicator.objects.get(code="BV66a", organisation__isnull=True)
    peer("P1", "Park Homes", "PRP", "<5,000", "London", {("TP01", "lcra"): 90})
    result(rent, cast.tmo, 98, stock="")
    found = benchmark(organisation=cast.tmo, indicator=rent, year=YEAR, roles=COMMITTEE)
    assert "national" not in [g.key for g in found.groups]


def test_homes_managed_counts_coverage_and_landlords_homes(cast):
    other = OrganisationFactory(landlord=cast.landlord)
    counts = benchmarks.homes_managed([cast.tmo, cast.landlord, other], YEAR.end)
    assert counts == {cast.tmo.pk: 2, cast.landlord.pk: 2}


def test_a_landlords_homes_come_from_its_stored_stock_counts_once_counted(cast):
    stock_counts(organisation=cast.landlord)  # counted and stored: its 2 homes
    HomeFactory(estate=cast.estate)  # added where no service announced it

    with CaptureQueriesContext(connection) as queries:
        counts = benchmarks.homes_managed([cast.landlord], YEAR.end)

    assert counts == {cast.landlord.pk: 2}  # the stored figure, until the next recount
    assert not [q for q in queries.captured_queries if '"homes_home"' in q["sql"]]
    recount(organisation=cast.landlord)
    assert benchmarks.homes_managed([cast.landlord], YEAR.end) == {cast.landlord.pk: 3}


@pytest.mark.parametrize(
    ("homes", "words"),
    [(1, "1–99 homes"), (99, "1–99 homes"), (100, "100–249 homes"), (499, "250–499 homes"),
     (1000, "1,000–2,499 homes"), (5000, "5,000 or more homes")],
)  # fmt: skip
def test_size_bands(homes, words):
    assert benchmarks.band_label(benchmarks.platform_band(homes)) == words


def test_caveats_say_how_far_one_case_moves_a_small_organisations_figure(cast):
    complaints = Indicator.objects.get(code="CH01-1", organisation__isnull=True)
    caveats = benchmarks.caveats_for(cast.tmo, complaints, homes=400)
    assert any("each case changes this figure by 2.5 per 1,000 homes" in c for c in caveats)
    assert any("whole landlords of 1,000 homes or more" in c for c in caveats)


def test_a_note_is_written_changed_and_removed(cast, tp01):
    who = cast.people["committee"]
    note = benchmarks.save_benchmark_note(organisation=cast.tmo, indicator=tp01, year=YEAR,
                                          text="  Our homes are older.  ", by=who)  # fmt: skip
    assert (note.text, note.written_by, note.year_start) == ("Our homes are older.", who,
                                                             YEAR.start)  # fmt: skip

    officer = cast.people["landlord_officer"]
    benchmarks.save_benchmark_note(organisation=cast.tmo, indicator=tp01, year=YEAR,
                                   text="Most tenants are over 70.", by=officer)  # fmt: skip
    note = BenchmarkNote.objects.get()
    assert (note.text, note.written_by) == ("Most tenants are over 70.", officer)

    assert benchmarks.save_benchmark_note(organisation=cast.tmo, indicator=tp01, year=YEAR,
                                          text=" ", by=officer) is None  # fmt: skip
    assert not BenchmarkNote.objects.exists()


def test_a_note_on_another_organisations_own_indicator_is_refused(cast):
    theirs = Indicator.objects.create(
        organisation=cast.other_tmo, code="PRIDE", name="Pride", unit="percent",
        framework="local", source="survey",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        benchmarks.save_benchmark_note(organisation=cast.tmo, indicator=theirs, year=YEAR,
                                       text="No.", by=None)  # fmt: skip
