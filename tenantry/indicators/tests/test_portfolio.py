"""The landlord's portfolio: one row per organisation, the same few queries however many."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantry.core.periods import financial_year, quarter
from tenantry.homes.tests.factories import CoverageFactory, EstateFactory, HomeFactory
from tenantry.indicators.models import Intervention, Submission
from tenantry.indicators.portfolio import arrange, portfolio
from tenantry.indicators.services.targets import set_target
from tenantry.indicators.targets import Status
from tenantry.organisations.tests.factories import AgreementFactory, OrganisationFactory

from .routes_monitoring import indicator, result, schedule, step, submission_for

pytestmark = pytest.mark.django_db

TODAY = date(2025, 5, 20)
Q3, Q4 = quarter("2024/25", "Q3"), quarter("2024/25", "Q4")
YEAR = financial_year("2024/25")


def _managed(landlord, name: str, homes: int, *, q3: str, q4: str, target: str = "95"):
    """An organisation managing `homes` homes, reporting emergency repairs quarterly."""
    agreement = AgreementFactory(
        organisation__name=name, organisation__landlord=landlord, starts_on=date(2020, 4, 1)
    )
    estate = EstateFactory(landlord=landlord)
    for _ in range(homes):
        CoverageFactory(agreement=agreement, home=HomeFactory(estate=estate))
    schedule(agreement, "RP02-2", "quarterly")
    schedule(agreement, "BV212", "quarterly")
    rp02 = indicator("RP02-2")
    set_target(
        agreement=agreement, indicator=rp02, year_start=YEAR.start, value=Decimal(target),
        tolerance=Decimal(2), by=None,
    )  # fmt: skip
    result(agreement.organisation, "RP02-2", Q3, q3)
    result(agreement.organisation, "RP02-2", Q4, q4)
    return agreement


def _build(cast, count: int) -> list:
    agreements = []
    for n in range(count):
        agreement = _managed(cast.landlord, f"Org {n}", homes=1 + n % 3, q3="90", q4="96")
        submission_for(agreement, Q3, status=Submission.Status.QUERIED)
        submission_for(agreement, Q4, status=Submission.Status.SUBMITTED)
        step(agreement, Intervention.Level.DISCUSSION, started_on=date(2025, 1, 10))
        agreements.append(agreement)
    return agreements


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_portfolio_page_makes_as_many_queries_for_six_organisations_as_for_two(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    url = reverse("indicators:portfolio", args=[cast.landlord.slug])
    _build(cast, 1)  # with the cast's own Kingsmead TMO, two organisations
    with_two = _queries(client, url)

    _build(cast, 4)  # six

    assert _queries(client, url) == with_two
    assert with_two <= 15  # the session, the user, their roles, then the portfolio's eight


def test_the_portfolio_selector_makes_eight_queries_at_most(cast, django_assert_max_num_queries):
    _build(cast, 5)
    with django_assert_max_num_queries(8):
        found = portfolio(landlord=cast.landlord, today=TODAY)
        # Reading every cell and count must not go back to the database.
        read = [
            ([(c.status, c.trend, c.figure) for c in row.cells], row.overdue, row.intervention)
            for row in found.rows
        ]
    assert len(read) == 6


def test_each_cell_shows_the_latest_quarter_against_the_years_target_and_the_trend(cast):
    big = _managed(cast.landlord, "Big TMO", homes=4, q3="90", q4="94")  # amber, better
    small = _managed(cast.landlord, "Small TMC", homes=1, q3="97", q4="91")  # red, worse

    rows = {r.organisation.name: r for r in portfolio(landlord=cast.landlord, today=TODAY).rows}

    big_cell = rows["Big TMO"].cells[
        [c.indicator.code for c in rows["Big TMO"].cells].index("RP02-2")
    ]
    assert (big_cell.result.period_label, big_cell.figure) == ("2024/25 Q4", "94%")
    assert (big_cell.status, big_cell.trend) == (Status.AMBER, "better")
    small_cell = next(c for c in rows["Small TMC"].cells if c.indicator.code == "RP02-2")
    assert (small_cell.status, small_cell.trend) == (Status.RED, "worse")
    assert (rows["Big TMO"].homes, rows["Small TMC"].homes) == (4, 1)
    assert rows["Big TMO"].agreement == big and rows["Small TMC"].agreement == small
    # The cast's own TMO has an agreement but no schedule: nothing in it is reported.
    assert not any(c.scheduled or c.result for c in rows["Kingsmead TMO"].cells)


def test_a_quarter_still_running_is_not_yet_the_latest_figure(cast):
    agreement = _managed(cast.landlord, "Busy TMO", homes=1, q3="90", q4="96")
    result(agreement.organisation, "RP02-2", quarter("2025/26", "Q1"), "50")  # ends 30 June

    (row,) = [
        r for r in portfolio(landlord=cast.landlord, today=TODAY).rows if r.agreement == agreement
    ]
    cell = next(c for c in row.cells if c.indicator.code == "RP02-2")
    assert cell.result.period_label == "2024/25 Q4"


def test_for_lower_is_better_a_falling_figure_is_better(cast):
    agreement = _managed(cast.landlord, "Voids TMO", homes=1, q3="90", q4="90")
    result(agreement.organisation, "BV212", Q3, "40")
    result(agreement.organisation, "BV212", Q4, "31")
    (row,) = [
        r for r in portfolio(landlord=cast.landlord, today=TODAY).rows if r.agreement == agreement
    ]
    cells = {c.indicator.code: c for c in row.cells}
    assert cells["BV212"].trend == "better"
    assert cells["RP02-2"].trend == "same"


def test_only_scheduled_key_indicators_are_columns(cast):
    _managed(cast.landlord, "Any TMO", homes=1, q3="90", q4="90")
    # RP02-2 and BV212 are both key indicators; nothing else is scheduled.
    columns = portfolio(landlord=cast.landlord, today=TODAY).columns
    assert [c.code for c in columns] == ["BV212", "RP02-2"]


def test_counts_of_figures_owed_and_the_highest_open_step(cast):
    agreement = _managed(cast.landlord, "Busy TMO", homes=2, q3="90", q4="90")
    submission_for(agreement, Q3, status=Submission.Status.QUERIED)
    step(agreement, Intervention.Level.DISCUSSION, started_on=date(2024, 11, 1))
    step(agreement, Intervention.Level.IMPROVEMENT_NOTICE, started_on=date(2025, 2, 1))
    step(
        agreement, Intervention.Level.FORMAL, started_on=date(2024, 6, 1),
        ended_on=date(2024, 9, 1), outcome="Resolved.",
    )  # fmt: skip

    (row,) = [
        r for r in portfolio(landlord=cast.landlord, today=TODAY).rows if r.agreement == agreement
    ]

    # Chased are the current financial year (2025/26: nothing has ended by 20 May) and the year
    # before: its Q1 and Q2 were never sent, Q3 is queried, and Q4 ended on 31 March, was due
    # by 30 April, and so is overdue on 20 May.
    assert (row.overdue, row.queried, row.due, row.awaiting_decision) == (3, 1, 0, 0)
    assert row.intervention.level == Intervention.Level.IMPROVEMENT_NOTICE
    assert row.needs_attention


def test_organisations_without_an_agreement_are_listed_apart(cast):
    panel = OrganisationFactory(landlord=cast.landlord, kind="scrutiny_panel", name="Panel")
    found = portfolio(landlord=cast.landlord, today=TODAY)
    assert panel in found.others
    assert panel not in [r.organisation for r in found.rows]


def test_arranging_filters_and_sorts(cast):
    _managed(cast.landlord, "Alpha", homes=1, q3="99", q4="99")  # green
    _managed(cast.landlord, "Beta", homes=3, q3="99", q4="80")  # red
    rows = portfolio(landlord=cast.landlord, today=TODAY).rows

    assert [r.organisation.name for r in arrange(rows, show="red", sort="name")] == ["Beta"]
    by_homes = [r.organisation.name for r in arrange(rows, show="all", sort="homes")]
    assert by_homes[0] == "Beta"
    by_status = [r.organisation.name for r in arrange(rows, show="all", sort="status")]
    assert by_status[0] == "Beta"


# --- the page ---------------------------------------------------------------------------------


def test_the_page_names_each_status_and_trend_in_words(cast, client_as):
    _managed(cast.landlord, "Big TMO", homes=3, q3="90", q4="94")
    page = (
        client_as(cast.people["landlord_officer"])
        .get(
            reverse("indicators:portfolio", args=[cast.landlord.slug]),
            {"group": "tsm_management"},
        )
        .content.decode()
    )

    assert "Big TMO" in page
    assert "Just short of target" in page
    assert "better" in page and "than 2024/25 Q3 (90%)" in page
    assert "how closely you watch" in page


def test_the_filter_keeps_the_choice(cast, client_as):
    page = (
        client_as(cast.people["landlord_officer"])
        .get(
            reverse("indicators:portfolio", args=[cast.landlord.slug]),
            {"show": "red", "sort": "homes"},
        )
        .content.decode()
    )
    assert '<option value="red" selected>' in page
    assert '<option value="homes" selected>' in page


def test_an_organisations_address_has_no_portfolio(cast, client_as):
    response = client_as(cast.people["landlord_officer"]).get(
        reverse("indicators:portfolio", args=[cast.tmo.slug])
    )
    assert response.status_code == 404
