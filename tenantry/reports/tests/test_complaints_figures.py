"""Every figure of the annual complaints report, hand-worked from complaints_world.py."""

from datetime import date

import pytest
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.core.workingdays import add_working_days
from tenantry.indicators.calculators import Subject, calculate
from tenantry.indicators.models import Indicator, Scope
from tenantry.reports.complaints_figures import breakdowns_of, figures_of, homes_counted, rows_of

from .complaints_world import definitions, make_complaints  # noqa: F401

pytestmark = pytest.mark.django_db

YEAR = financial_year(2025)


@pytest.fixture
def figures(cast):
    make_complaints(cast)
    return figures_of(organisation=cast.tmo, year=YEAR, today=timezone.localdate())


def test_the_worked_dates_are_the_calendars():
    # The dates the comments in complaints_world.py work out by hand.
    assert add_working_days(date(2025, 4, 17), 5) == date(2025, 4, 28)
    assert add_working_days(date(2025, 4, 28), 10) == date(2025, 5, 13)
    assert add_working_days(date(2025, 5, 2), 5) == date(2025, 5, 12)
    assert add_working_days(date(2025, 5, 12), 10) == date(2025, 5, 27)
    assert add_working_days(date(2025, 12, 20), 5) == date(2025, 12, 30)
    assert add_working_days(date(2025, 4, 9), 20) == date(2025, 5, 12)
    assert add_working_days(date(2025, 5, 12), 10) == date(2025, 5, 27)


def test_complaints_received_and_per_thousand_homes(figures):
    m = figures["measures"]
    assert figures["homes"] == 2  # the cast's two homes covered by the agreement
    assert (m["CH01-1"]["top"], m["CH01-1"]["bottom"]) == (4, 2)  # A, B, C, D
    assert m["CH01-1"]["value"] == "2000.0000"
    assert m["CH01-2"]["top"] == 2  # B and F, by the day escalated
    assert m["CH01-2"]["value"] == "1000.0000"


def test_answered_within_the_codes_timescales(figures):
    m = figures["measures"]
    assert (m["CH02-1N"]["top"], m["CH02-1N"]["bottom"]) == (2, 4)  # A and D
    assert (m["CH02-1"]["top"], m["CH02-1"]["bottom"]) == (3, 4)  # and B with its extension
    assert m["CH02-1"]["value"] == "75.0000"
    assert (m["CH02-2N"]["top"], m["CH02-2N"]["bottom"]) == (0, 2)
    assert (m["CH02-2"]["top"], m["CH02-2"]["bottom"]) == (1, 2)  # F with its extension


def test_the_report_uses_the_indicators_own_figures(cast, figures):
    # The same calculator as the stored results, not a copy of it.
    subject = Subject(scope=Scope.ORGANISATION, organisation=cast.tmo)
    indicator = Indicator.objects.get(code="CH02-1", organisation=None)
    assert str(calculate(indicator, subject, YEAR).value) == figures["measures"]["CH02-1"]["value"]


def test_acknowledgements_extensions_and_working_days(figures):
    s1, s2 = figures["stage1"], figures["stage2"]
    assert (s1["acknowledged_in_time"], s1["acknowledged_late"]) == (2, 2)  # A, D; B, C
    assert s1["acknowledgement_waiting"] == 0
    assert s1["acknowledged_share"] == "50.0"
    assert s1["extended"] == 1  # B
    assert s1["answered"] == 3
    assert s1["average_working_days"] == "12.0"  # (15 + 20 + 1) / 3
    assert (s2["acknowledged_in_time"], s2["acknowledged_late"]) == (2, 0)
    assert s2["acknowledged_share"] == "100.0"
    assert s2["extended"] == 1  # F
    assert s2["average_working_days"] == "28.0"  # (25 + 31) / 2


def test_escalation_outcomes_and_the_ombudsman(figures):
    assert figures["stage1"]["escalated"] == 1  # B, of the four received in the year
    assert figures["escalation_share"] == "25.0"
    assert figures["referred_to_ombudsman"] == 1  # F; G's is in the next year
    assert figures["outcomes"] == [["", 1], ["upheld", 1], ["partly", 1], ["not_upheld", 1]]
    assert breakdowns_of(figures)["outcomes"] == [
        ["Not decided yet", 1], ["Upheld", 1], ["Partly upheld", 1], ["Not upheld", 1],
    ]  # fmt: skip


def test_small_groups_are_hidden_in_the_breakdowns(figures):
    # Repairs 3 and communication 1: each fewer than 5, so neither is shown.
    assert figures["categories"] == [["repairs", None], ["communication", None]]
    assert breakdowns_of(figures)["categories"] == [["Repairs", None], ["Communication", None]]
    assert figures["estates"] == [["Kingsmead Estate", None]]


def test_a_breakdown_shows_groups_of_five_or_more(cast):
    from tenantry.records.tests.factories import ComplaintFactory

    for day in range(1, 6):
        ComplaintFactory(organisation=cast.tmo, home=cast.home, received_on=date(2025, 6, day))
    ComplaintFactory(
        organisation=cast.tmo, home=cast.home, category="rent", received_on=date(2025, 7, 1)
    )
    ComplaintFactory(
        organisation=cast.tmo, home=cast.home, category="staff", received_on=date(2025, 7, 1)
    )
    ComplaintFactory(
        organisation=cast.tmo, home=cast.home, category="safety", received_on=date(2025, 7, 1)
    )

    found = figures_of(organisation=cast.tmo, year=YEAR, today=timezone.localdate())

    # Three groups of one: hidden, and together 3, still under 5, so the next smallest
    # (repairs, 5) is hidden too or the others could be worked out from the total.
    assert dict(found["categories"]) == {
        "repairs": None, "rent": None, "staff": None, "safety": None,
    }  # fmt: skip


def test_the_rows_put_the_figures_in_words(figures):
    rows = {row["label"]: row["value"] for row in rows_of(figures)}
    assert rows["Stage 1 complaints received"] == "4"
    assert rows["Stage 1 complaints per 1,000 homes"] == "2,000 per 1,000 homes"
    assert rows["Stage 1 acknowledged within 5 working days"] == "2 of 4 (50%)"
    assert rows["Stage 1 answered within the Code's timescale, no extension"] == "2 of 4 (50%)"
    assert rows["Stage 1 answered within the Code's timescale, with extensions"] == "3 of 4 (75%)"
    assert rows["Stage 2 answered within the Code's timescale, no extension"] == "0 of 2 (0%)"
    assert rows["Escalated to stage 2"] == "1 of 4 (25%)"
    assert rows["Average time to answer at stage 1"] == "12 working days"
    assert rows["Average time to answer at stage 2"] == "28 working days"
    assert rows["Referred to the Housing Ombudsman"] == "1"


def test_an_empty_year_has_no_shares(cast):
    found = figures_of(organisation=cast.tmo, year=YEAR, today=timezone.localdate())

    rows = {row["label"]: row["value"] for row in rows_of(found)}
    assert rows["Stage 1 complaints received"] == "0"
    assert rows["Stage 1 acknowledged within 5 working days"] == "none to count yet"
    assert rows["Average time to answer at stage 1"] == "–"


def test_a_complaint_still_within_its_five_days_is_not_counted_late(cast):
    from tenantry.records.tests.factories import ComplaintFactory

    ComplaintFactory(organisation=cast.tmo, home=cast.home, received_on=date(2025, 12, 19))

    found = figures_of(organisation=cast.tmo, year=YEAR, today=date(2025, 12, 22))

    assert found["stage1"]["acknowledgement_waiting"] == 1
    assert found["stage1"]["acknowledged_late"] == 0


def test_homes_are_counted_at_the_years_end(cast):
    assert homes_counted(organisation=cast.tmo, year=YEAR) == 2
    # The landlord counts every home it owns, its organisations' included.
    assert homes_counted(organisation=cast.landlord, year=YEAR) == 2
