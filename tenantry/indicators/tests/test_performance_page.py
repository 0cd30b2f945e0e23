"""The performance page: every figure in plain words, its target status and its change."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tenantry.core.periods import financial_year, month, previous_period, quarter, read_period
from tenantry.homes.tests.factories import CoverageFactory, HomeFactory
from tenantry.indicators.models import Framework, Indicator, Result, Scope, Target
from tenantry.indicators.sentences import change_between, sentence, value_text
from tenantry.indicators.tests.performance_data import LAST_YEAR, YEAR, computed
from tenantry.records.tests.factories import RepairPriorityFactory

pytestmark = pytest.mark.django_db


def _page(client, organisation, **query):
    url = reverse("indicators:performance", args=[organisation.slug])
    return client.get(url, {"period": "2025/26", **query})


def test_each_figure_is_said_in_plain_words(cast, client_as):
    computed(cast)

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    assert "80% of emergency repairs were done within target (4 of 5)." in page
    assert "Emergency repairs completed within target" in page


def test_a_period_with_nothing_to_measure_says_so_and_never_shows_zero(cast, client_as):
    computed(cast)  # no non-emergency repairs were completed in either year

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    assert Result.objects.get(
        indicator__code="RP02-1", organisation=cast.tmo, scope=Scope.ORGANISATION,
        period_start=YEAR.start,
    ).value is None  # fmt: skip
    start = page.index("Non-emergency repairs completed within target")
    row = page[start : page.index("</tr>", start)]
    assert "No figure" in row
    assert "0%" not in row


def test_the_change_since_last_year_is_given_in_points_and_judged(cast, client_as):
    computed(cast)

    page = _page(client_as(cast.people["committee"]), cast.tmo).content.decode()

    assert "Up 30 points from 50% in 2024/25: better" in page


@pytest.mark.parametrize(
    ("target", "tolerance", "status"),
    [("80", "0", "On target"), ("82", "5", "Just short of target"), ("95", "5", "Off target")],
)
def test_the_figure_is_judged_against_the_agreements_target(
    cast, client_as, target, tolerance, status
):
    computed(cast)
    Target.objects.create(
        agreement=cast.agreement, indicator=Indicator.objects.get(code="RP02-2"),
        year_start=YEAR.start, value=Decimal(target), tolerance=Decimal(tolerance),
    )  # fmt: skip

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    row = page[page.index("Emergency repairs completed within target") :][:2500]
    assert f"{target}%" in row
    assert status in row


def test_a_landlord_sees_its_whole_stock_its_own_homes_and_each_organisation(cast, client_as):
    computed(cast)
    client = client_as(cast.people["landlord_officer"])

    whole = _page(client, cast.landlord).content.decode()
    tmo = _page(client, cast.landlord, scope="org:kingsmead").content.decode()
    direct = _page(client, cast.landlord, scope="direct").content.decode()

    assert "All our homes" in whole and "Homes we manage ourselves" in whole
    assert '<option value="org:kingsmead"' in whole
    # The TMO's repairs are the landlord's too; its own homes had none.
    assert "80% of emergency repairs were done within target (4 of 5)." in whole
    assert "80% of emergency repairs were done within target (4 of 5)." in tmo
    assert "80% of emergency" not in direct


def test_a_tmo_can_show_one_estates_figures(cast, client_as):
    computed(cast)

    page = _page(
        client_as(cast.people["staff"]), cast.tmo, scope=f"estate:{cast.estate.pk}"
    ).content.decode()

    assert "Kingsmead Estate" in page
    assert "80% of emergency repairs were done within target (4 of 5)." in page


def test_measures_split_by_stock_type_show_each_kind_of_home(cast, client_as):
    computed(cast)
    shared_owner = HomeFactory(estate=cast.estate, stock_type="lcho", address="5 Mill Road")
    CoverageFactory(agreement=cast.agreement, home=shared_owner)

    page = _page(client_as(cast.people["committee"]), cast.tmo).content.decode()

    management = page[page.index('id="tsm_management"') :]
    assert "Low-cost rental" in management and "Low-cost home ownership" in management


def test_the_landlords_repair_target_times_are_stated_beside_rp02(cast, client_as):
    computed(cast)  # the emergency priority: 24 hours
    RepairPriorityFactory(landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
                          target_unit="working_days")  # fmt: skip
    RepairPriorityFactory(landlord=cast.landlord, code="R", name="Routine", target_amount=28,
                          target_unit="calendar_days")  # fmt: skip

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    assert "Emergency repairs: within 24 hours at most" in page
    assert "Other repairs: within 28 calendar days at most" in page
    assert "Urgent: 5 working days; Routine: 28 calendar days" in page


def test_recalculate_now_works_the_figures_out_and_returns_to_the_period(cast, client_as):
    from tenantry.indicators.tests.performance_data import hand_worked_repairs

    hand_worked_repairs(cast)
    url = reverse("indicators:recompute-results", args=[cast.tmo.slug])

    response = client_as(cast.people["staff"]).post(url, {"period": "2025/26"})

    assert response.status_code == 302
    assert response.url.endswith("/performance/?period=2025%2F26")
    result = Result.objects.get(
        indicator__code="RP02-2", organisation=cast.tmo, scope=Scope.ORGANISATION,
        stock_type="", period_start=YEAR.start, period_end=YEAR.end,
    )  # fmt: skip
    assert (result.numerator, result.denominator, result.value) == (4, 5, 80)


def test_residents_and_inspectors_are_not_offered_recalculation(cast, client_as):
    computed(cast)
    for role in ("resident", "inspector"):
        page = _page(client_as(cast.people[role]), cast.tmo).content.decode()
        assert "Recalculate now" not in page
    assert "Recalculate now" in _page(client_as(cast.people["staff"]), cast.tmo).content.decode()


def test_everyone_finds_the_performance_page_in_the_navigation(cast, client_as):
    page = client_as(cast.people["resident"]).get(
        reverse("reports:organisation-home", args=[cast.tmo.slug])
    )
    assert reverse("indicators:performance", args=[cast.tmo.slug]) in page.content.decode()


def test_another_organisations_local_indicators_are_not_shown(cast, client_as):
    Indicator.objects.create(
        organisation=cast.other_tmo, code="SECRET", name="Elsewhere's own measure",
        unit="number", framework=Framework.LOCAL, source="manual",
    )  # fmt: skip
    Indicator.objects.create(
        organisation=cast.tmo, code="JOBS", name="Local employment", unit="number",
        framework=Framework.LOCAL, source="manual", decimals=0,
    )  # fmt: skip

    page = _page(client_as(cast.people["resident"]), cast.tmo).content.decode()

    assert "Local employment" in page
    assert "Elsewhere's own measure" not in page


def test_the_page_reads_a_fixed_number_of_queries_however_many_indicators(
    cast, client_as, django_assert_max_num_queries
):
    computed(cast)
    client = client_as(cast.people["committee"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _page(client, cast.tmo)  # the menu learns whether the landlord has a panel, for a while
    with CaptureQueriesContext(connection) as before:
        _page(client, cast.tmo)
    for number in range(6):
        Indicator.objects.create(
            organisation=cast.tmo, code=f"L{number}", name=f"Local {number}", unit="number",
            framework=Framework.LOCAL, source="manual",
        )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        _page(client, cast.tmo)

    assert len(after) == len(before)


def test_a_nonsense_period_falls_back_to_the_latest_year_with_figures(cast, client_as):
    computed(cast)
    url = reverse("indicators:performance", args=[cast.tmo.slug])

    response = client_as(cast.people["resident"]).get(url, {"period": "next Tuesday"})

    assert response.status_code == 200
    assert "Figures for 2025/26 (April 2025 to March 2026)." in response.content.decode()


# --- the pieces, one by one ------------------------------------------------------------------


def test_periods_are_read_as_people_write_them():
    today = financial_year("2026/27").start
    assert read_period("2025/26", today=today) == YEAR
    assert read_period("Q1 2025/26", today=today) == quarter("2025/26", "Q1")
    assert read_period("2025/26 Q3", today=today) == quarter("2025/26", "Q3")
    assert read_period("April 2025", today=today) == month(2025, 4)
    assert read_period("", today=today) == financial_year("2026/27")
    with pytest.raises(ValueError):
        read_period("next Tuesday", today=today)


def test_the_period_before_is_of_the_same_kind():
    assert previous_period(YEAR) == LAST_YEAR
    assert previous_period(quarter("2025/26", "Q1")) == quarter("2024/25", "Q4")
    assert previous_period(quarter("2025/26", "Q4")) == quarter("2025/26", "Q3")
    assert previous_period(month(2025, 1)) == month(2024, 12)


def test_figures_are_rounded_half_up_to_the_indicators_places(db):
    rp02 = Indicator.objects.get(code="RP02-2")  # one decimal place
    assert value_text(Decimal("77.9126"), rp02) == "77.9%"
    assert value_text(Decimal("92.25"), rp02) == "92.3%"
    assert value_text(Decimal("92.0000"), rp02) == "92%"
    assert value_text(None, rp02) == "No figure"
    ch01 = Indicator.objects.get(code="CH01-1")
    assert value_text(Decimal("12.5"), ch01) == "12.5 per 1,000 homes"
    bv212 = Indicator.objects.get(code="BV212")
    assert value_text(Decimal("31.04"), bv212) == "31 days"


def test_sentences_name_their_numbers(db):
    ch01 = Indicator.objects.get(code="CH01-1")
    assert sentence(ch01, Decimal("12.5"), Decimal(5), Decimal(400)) == (
        "12.5 stage 1 complaints were made for every 1,000 homes (5 complaints, 400 homes)."
    )
    bv212 = Indicator.objects.get(code="BV212")
    assert sentence(bv212, Decimal("31.04"), Decimal(931), Decimal(30)) == (
        "Empty homes took 31 days on average to re-let (30 homes let)."
    )
    rent = Indicator.objects.get(code="BV66a")
    assert sentence(rent, Decimal("98.5"), Decimal("1970.00"), Decimal("2000.00")) == (
        "98.5% of the rent due was collected (£1,970 of £2,000)."
    )
    tp01 = Indicator.objects.get(code="TP01")
    assert sentence(tp01, Decimal("78"), None, None) == (
        "78% of tenants who answered were satisfied."
    )


def test_a_change_is_judged_by_which_way_is_better(db):
    relet = Indicator.objects.get(code="BV212")  # fewer days is better
    change = change_between(relet, Decimal(25), Decimal(31), "2024/25")
    assert change.verdict == "better" and change.arrow == "↓"
    assert change.words == "Down 6 from 31 days in 2024/25: better"
    assert change_between(relet, None, Decimal(31), "2024/25") is None
    same = change_between(relet, Decimal("31.02"), Decimal(31), "2024/25")
    assert same.verdict == "same"


@pytest.mark.parametrize("role", ["resident", "committee"])
def test_the_home_page_shows_a_few_key_figures_linking_here(cast, client_as, role):
    computed(cast)

    page = (
        client_as(cast.people[role])
        .get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
        .content.decode()
    )

    panel = page[page.index('id="how-we-are-doing"') :]
    assert "80% of emergency repairs were done within target (4 of 5)." in panel
    assert reverse("indicators:indicator", args=[cast.tmo.slug, "RP02-2"]) in panel
    assert reverse("indicators:performance", args=[cast.tmo.slug]) in panel


def test_plural_details_follow_their_numbers(db):
    relet = Indicator.objects.get(code="BV212")
    assert sentence(relet, Decimal(23), Decimal(23), Decimal(1)) == (
        "Empty homes took 23 days on average to re-let (1 home let)."
    )
    complaints = Indicator.objects.get(code="CH01-1")
    assert sentence(complaints, Decimal("12.5"), Decimal(1), Decimal(80)) == (
        "12.5 stage 1 complaints were made for every 1,000 homes (1 complaint, 80 homes)."
    )


def test_a_row_escapes_what_was_typed_and_says_who_gave_the_figure_and_when(cast, client_as):
    computed(cast)
    jobs = Indicator.objects.create(
        organisation=cast.tmo, code="JOBS", name="Jobs <b>& training</b>", unit="number",
        framework=Framework.LOCAL, source="manual", decimals=0,
    )  # fmt: skip
    Result.objects.create(
        indicator=jobs, organisation=cast.tmo, scope=Scope.ORGANISATION, period_kind="year",
        period_start=YEAR.start, period_end=YEAR.end, period_label=YEAR.label,
        value=Decimal(12), source="manual",
        computed_at=datetime(2025, 9, 30, 23, 30, tzinfo=UTC),  # 00:30 on 1 October in London
    )  # fmt: skip

    page = _page(client_as(cast.people["staff"]), cast.tmo).content.decode()

    name = "Jobs &lt;b&gt;&amp; training&lt;/b&gt;"
    slug = cast.tmo.slug
    assert "<b>& training" not in page
    assert f'href="/o/{slug}/performance/JOBS/?period=2025%2F26">{name}</a>' in page
    assert (
        '<span class="tenantry-figures__meta">JOBS · higher is better · entered by hand on '
        f'1 Oct 2025 · <a class="govuk-link tenantry-no-print" href="/o/{slug}/performance/JOBS/'
        f'enter/?period=2025/26">change the figure<span class="govuk-visually-hidden"> – {name}'
        "</span></a></span>"
    ) in page
    row = page[page.index(f">{name}</a>") : page.index("</tr>", page.index(f">{name}</a>"))]
    assert '<span class="tenantry-figures__figure">12</span>' in row
    assert '<span class="govuk-visually-hidden">No target</span>' in row
    assert '<span class="govuk-visually-hidden">No figure to compare with</span>' in row
