"""NM01 counts cases, not reports: worked by hand on the estate of test_calculators.py.

The TMO has 4 relevant homes on 31 March 2026 (A, B, C low-cost rental, S shared ownership);
L is a leasehold home, not TSM stock. Reports go in through the services every route uses.
"""

import io
from datetime import date

import pytest

from tenantry.indicators.calculators import evidence
from tenantry.indicators.models import Indicator, Result, Scope
from tenantry.indicators.services.results import compute_results
from tenantry.records.asb_services import record_asb_report, split_report
from tenantry.records.imports.engine import import_file
from tenantry.records.models import AsbCase, AsbReport
from tenantry.records.tests.test_import_support import csv_bytes

from .test_calculators import YEAR, Place, figures

pytestmark = pytest.mark.django_db

NOISE, DRUGS = AsbCase.Category.NOISE, AsbCase.Category.DRUGS


@pytest.fixture
def place(cast):
    return Place(cast)


@pytest.fixture
def report(place, cast):
    def make(home, received_on, *, category=NOISE, hate=False, estate=None):
        return record_asb_report(
            report=AsbReport(
                organisation=place.tmo, home=home, estate=estate or place.estate,
                category=category, is_hate_incident=hate, received_on=received_on,
            ),
            by=cast.people["staff"],
        )  # fmt: skip

    return make


def test_two_reports_of_one_matter_are_one_case(place, report):
    report(place.a, date(2025, 6, 2))
    report(place.a, date(2025, 6, 16))  # the same noise again, while the case is open

    # One case over 4 relevant homes: 250 per 1,000 (two reports used to count as 500).
    assert figures("NM01-1", place.tmo_subject()) == (1, 4, 250)


def test_cases_are_counted_by_the_rule_over_a_year_of_reports(place, report):
    # A: noise reported three times in June (one case), closed 30 June, reported again in
    # August (a new case).
    first = report(place.a, date(2025, 6, 2))
    report(place.a, date(2025, 6, 10))
    report(place.a, date(2025, 6, 24))
    AsbCase.objects.filter(pk=first.case_id).update(closed_on=date(2025, 6, 30))
    report(place.a, date(2025, 8, 5))
    # B: drugs, twice; the second report says it is hate-motivated (one case, a hate case).
    report(place.b, date(2025, 9, 1), category=DRUGS)
    report(place.b, date(2025, 9, 8), category=DRUGS, hate=True)
    # L: the leaseholder's home is not relevant stock, whatever is reported there.
    report(place.l, date(2025, 10, 1), hate=True)
    # C: reported in March 2025, last year; the repeat in April joins last year's case.
    report(place.c, date(2025, 3, 20))
    report(place.c, date(2025, 4, 3))
    # S: reported on 31 March 2026, the last day of the year.
    report(place.s, date(2026, 3, 31))

    assert AsbReport.objects.count() == 10
    # Cases opened in 2025/26 on relevant stock: A (June), A (August), B, S = 4 over 4 homes.
    assert figures("NM01-1", place.tmo_subject()) == (4, 4, 1000)
    # Cases involving a hate incident: B only (L is not relevant stock) = 1 over 4.
    assert figures("NM01-2", place.tmo_subject()) == (1, 4, 250)
    counted = evidence(Indicator.objects.get(code="NM01-2"), place.tmo_subject(), YEAR).counted
    assert [case.home for case in counted] == [place.b]


def test_a_split_report_is_a_case_of_its_own(place, report, cast):
    report(place.a, date(2025, 6, 2))
    different = report(place.a, date(2025, 6, 9))
    assert figures("NM01-1", place.tmo_subject())[0] == 1

    split_report(report=different, by=cast.people["staff"])

    assert figures("NM01-1", place.tmo_subject())[0] == 2


def test_imported_reports_are_counted_as_cases_whatever_their_order_in_the_file(place):
    rows = [
        ["reference", "case", "home", "category", "is_hate_incident", "received_on",
         "case_closed_on"],
        # Out of date order: the rule reads them in the order they were received.
        ["R3", "", place.a.reference, "noise", "no", "20/06/2025", "30/06/2025"],
        ["R1", "", place.a.reference, "noise", "no", "02/06/2025", ""],
        ["R2", "", place.a.reference, "noise", "yes", "09/06/2025", ""],
        ["R4", "", place.a.reference, "noise", "no", "01/07/2025", ""],  # after it closed
        # Named cases from the landlord's system: R5 and R6 are one case, though R6 is about
        # another kind of behaviour.
        ["R5", "HMS-9", place.b.reference, "drugs", "no", "01/08/2025", ""],
        ["R6", "HMS-9", place.b.reference, "nuisance", "no", "05/08/2025", ""],
    ]  # fmt: skip

    def load():
        return import_file(
            kind="asb", stream=io.BytesIO(csv_bytes(rows)), filename="asb.csv",
            organisation=place.tmo,
        )  # fmt: skip

    first = load()
    assert first.accepted, first.errors
    assert first.created == 6

    cases = {r.reference: r.case for r in AsbReport.objects.select_related("case")}
    assert cases["R1"] == cases["R2"] == cases["R3"] != cases["R4"]
    assert cases["R1"].closed_on == date(2025, 6, 30)
    assert cases["R5"] == cases["R6"] and cases["R5"].reference == "HMS-9"
    # A (June, a hate case), A (July), B (HMS-9): 3 cases over 4 homes.
    assert figures("NM01-1", place.tmo_subject()) == (3, 4, 750)
    assert figures("NM01-2", place.tmo_subject()) == (1, 4, 250)

    again = load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert AsbCase.objects.count() == 3
    assert figures("NM01-1", place.tmo_subject()) == (3, 4, 750)


def test_placing_a_report_marks_the_stored_nm01_figures_from_its_day_as_out_of_date(
    place, report, cast
):
    first = report(place.a, date(2025, 6, 2))
    compute_results(organisation=place.tmo, period=YEAR, partners=False)
    stored = Result.objects.get(
        indicator__code="NM01-1", organisation=place.tmo, scope=Scope.ORGANISATION,
        stock_type="", period_start=YEAR.start,
    )  # fmt: skip
    assert stored.stale_since is None

    report(place.b, date(2025, 7, 1), category=DRUGS)  # a new case in the same year
    stored.refresh_from_db()
    assert stored.stale_since is not None

    Result.objects.update(stale_since=None)
    split_report(report=report(place.a, date(2025, 6, 9)), by=cast.people["staff"])
    stored.refresh_from_db()
    assert stored.stale_since is not None
    assert first.case.reports.count() == 1
