"""Every kind of file imports from a real CSV and a real XLSX, and again changes nothing."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tenantry.homes.models import Home, Household
from tenantry.records.imports.specs import SPECS
from tenantry.records.models import (
    AsbReport,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    SafetyCheck,
    Void,
)

from .test_import_support import Place, csv_bytes, errors_of, rows_for, run_import, xlsx_bytes

pytestmark = pytest.mark.django_db

KINDS = list(SPECS)


def _file(rows, form):
    return (csv_bytes(rows), "file.csv") if form == "csv" else (xlsx_bytes(rows), "file.xlsx")


def _organisation(kind, cast):
    return cast.landlord if kind == "homes" else cast.tmo


@pytest.mark.parametrize("form", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_imports_and_a_second_import_changes_nothing(cast, kind, form):
    place = Place(cast)
    rows = rows_for(kind, place)
    data, name = _file(rows, form)
    organisation = _organisation(kind, cast)

    first = run_import(organisation, kind, data, name)
    second = run_import(organisation, kind, data, name)

    assert errors_of(first) == []
    assert first.rows == len(rows) - 1
    if kind == "homes":  # both homes exist already: the file corrects them
        assert (first.created, first.updated) == (0, 2)
    else:
        assert (first.created, first.updated, first.unchanged) == (len(rows) - 1, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(rows) - 1)


def test_repairs_are_stored_with_uk_times_and_references_resolved(cast):
    place = Place(cast)
    outcome = run_import(cast.tmo, "repairs", csv_bytes(rows_for("repairs", place)))

    assert outcome.accepted
    r1 = Repair.objects.get(organisation=cast.tmo, reference="R1")
    assert r1.home == place.home and r1.priority == place.emergency
    # 09:15 on 2 November is GMT; 10:00 on 1 October is BST (UTC+1).
    assert r1.reported_at == datetime(2026, 11, 2, 9, 15, tzinfo=UTC)
    assert r1.completed_at == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    assert (r1.status, r1.trade, r1.cost, r1.right_first_time, r1.satisfaction) == (
        "completed", "plumbing", Decimal("125.50"), True, 5,
    )  # fmt: skip
    r2 = Repair.objects.get(organisation=cast.tmo, reference="R2")
    assert r2.block == place.block and r2.home is None and r2.priority == place.routine
    assert r2.reported_at == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    assert r2.kind == "responsive"  # the default, as the column is not in the file


def test_rent_works_out_the_arrears_carried_forward_when_left_empty(cast):
    place = Place(cast)
    assert run_import(cast.tmo, "rent", csv_bytes(rows_for("rent", place))).accepted
    q3 = RentPeriod.objects.get(reference="RA1-2026-Q3")
    assert q3.household == place.household
    assert (q3.starts_on, q3.ends_on) == (date(2026, 10, 1), date(2026, 12, 31))
    assert q3.arrears_carried_forward == Decimal("-0.20")
    assert RentPeriod.objects.get(reference="RA1-2026-Q2").rent_due == Decimal("1310.40")


def test_every_kind_stores_what_the_file_says(cast):
    place = Place(cast)
    for kind in KINDS:
        organisation = _organisation(kind, cast)
        assert run_import(organisation, kind, csv_bytes(rows_for(kind, place))).accepted, kind

    assert Void.objects.get(reference="V1").keys_returned_on == date(2026, 8, 5)
    assert Complaint.objects.get(reference="C2").category == "communication"
    a1, a2, a3 = AsbReport.objects.order_by("reference")
    assert (a2.estate, a2.home, a2.channel, a2.is_hate_incident) == (
        place.estate,
        None,
        "email",
        True,
    )
    # A3 is a repeat report of A1's matter while its case was open: one case for the two.
    assert a1.case == a3.case != a2.case
    assert (a1.case.opened_on, a1.case.closed_on) == (date(2026, 6, 1), date(2026, 6, 30))
    assert a2.case.is_hate_incident is True
    assert SafetyCheck.objects.get(reference="S2").kind == "fire"
    assert SafetyCheck.objects.get(reference="S2").block == place.block
    assert DecentHomesStatus.objects.get(reference="D2").meets_standard is False
    inspection = EstateInspection.objects.get(reference="I1")
    assert (inspection.cleanliness, inspection.lighting, inspection.block) == (4, 2, place.block)
    home = Home.objects.get(pk=place.home.pk)
    assert (home.bedrooms, home.tenure, home.stock_type) == (3, "shared_ownership", "lcho")
    assert home.history.first().history_change_reason == "import"
    assert set(Household.objects.filter(home=place.flat).values_list("reference", flat=True)) == {
        "T2000000",
        "T2000001",
    }


def test_a_landlord_adds_new_homes_and_each_gets_a_history_entry(cast):
    rows = [
        ["reference", "estate", "address", "postcode", "home_type", "bedrooms", "tenure"],
        ["P8000001", cast.estate.reference, "2 New Street", "NB1 9ZZ", "house", "2", "secure"],
    ]
    outcome = run_import(cast.landlord, "homes", csv_bytes(rows))
    assert (outcome.created, outcome.updated) == (1, 0)
    home = Home.objects.get(landlord=cast.landlord, reference="P8000001")
    assert home.stock_type == "lcra"
    assert home.history.get().history_type == "+"


def test_a_managing_organisation_cannot_add_homes(cast):
    rows = [
        ["reference", "estate", "address", "postcode", "home_type", "bedrooms", "tenure"],
        ["P8000001", cast.estate.reference, "2 New Street", "NB1 9ZZ", "house", "2", "secure"],
    ]
    outcome = run_import(cast.tmo, "homes", csv_bytes(rows))
    assert errors_of(outcome) == [
        (2, "reference", "P8000001 is not one of the homes Kingsmead TMO manages: new homes "
         "are added by the landlord"),
    ]  # fmt: skip
    assert not Home.objects.filter(reference="P8000001").exists()
