"""Shared by the import tests (no tests here): real CSV and XLSX bytes built in the test,
and the places a small file of each kind points at."""

import csv
import io
from datetime import date

import openpyxl

from tenantry.homes.tests.factories import BlockFactory, CoverageFactory, HomeFactory
from tenantry.records.imports.engine import Outcome, import_file
from tenantry.records.models import RepairPriority


def csv_bytes(rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_import(organisation, kind: str, data: bytes, filename: str = "file.csv", **options):
    outcome: Outcome = import_file(
        kind=kind,
        stream=io.BytesIO(data),
        filename=filename,
        organisation=organisation,
        **options,
    )
    return outcome


def errors_of(outcome: Outcome) -> list[tuple[int, str, str]]:
    return [(e["line"], e["column"], e["reason"]) for e in outcome.errors]


class Place:
    """The TMO's places for the tests: the cast's estate and home, a block with a home in
    it, a current household, and the landlord's repair priorities."""

    def __init__(self, cast):
        self.cast = cast
        self.estate = cast.estate
        self.home = cast.home
        self.block = BlockFactory(estate=cast.estate, reference="KM-B1", name="Alder Court")
        self.flat = HomeFactory(
            estate=cast.estate, block=self.block, reference="P9000001", address="Flat 1"
        )
        CoverageFactory(agreement=cast.agreement, home=self.flat)
        self.household = cast.home.households.get()
        self.household.reference = "T1000001"
        self.household.save()
        self.emergency = RepairPriority.objects.create(
            landlord=cast.landlord, code="EM", name="Emergency", target_amount=24,
            target_unit="hours", is_emergency=True,
        )  # fmt: skip
        self.routine = RepairPriority.objects.create(
            landlord=cast.landlord, code="RO", name="Routine", target_amount=20,
            target_unit="working_days",
        )  # fmt: skip


def rows_for(kind: str, place: Place) -> list[list]:
    """A small valid file of each kind for the cast's TMO (header first)."""
    home, flat = place.home.reference, place.flat.reference
    estate, block = place.estate.reference, place.block.reference
    return {
        "repairs": [
            ["reference", "home", "block", "priority", "reported_at", "status", "completed_at",
             "trade", "cost", "right_first_time", "satisfaction"],
            ["R1", home, "", "EM", "02/11/2026 09:15", "completed", "02/11/2026 15:00",
             "plumbing", "125.50", "yes", "5"],
            ["R2", "", block, "Routine", "2026-10-01T10:00", "open", "", "communal", "", "", ""],
        ],
        "voids": [
            ["reference", "home", "reason", "tenancy_ended_on", "keys_returned_on",
             "ready_to_let_on", "new_tenancy_started_on", "major_works"],
            ["V1", flat, "moved_out", "03/08/2026", "2026-08-05", "01/09/2026", "15/09/2026", "no"],
        ],
        "rent": [
            ["reference", "home", "household", "starts_on", "ends_on", "arrears_brought_forward",
             "rent_due", "collected", "written_off", "arrears_carried_forward"],
            ["RA1-2026-Q2", home, "T1000001", "01/07/2026", "30/09/2026", "120.00", "1,310.40",
             "1300.00", "0", "130.40"],
            ["RA1-2026-Q3", home, "T1000001", "2026-10-01", "2026-12-31", "130.40", "1310.40",
             "1441.00", "", ""],
        ],
        "complaints": [
            ["reference", "home", "category", "received_on", "stage1_acknowledged_on",
             "stage1_responded_on", "escalated_on", "outcome"],
            ["C1", home, "repairs", "01/09/2026", "02/09/2026", "20/09/2026", "", "upheld"],
            ["C2", "", "Communication", "2026-10-01", "", "", "", ""],
        ],
        "asb": [
            ["reference", "case", "home", "estate", "category", "is_hate_incident",
             "received_on", "channel", "case_closed_on"],
            ["A1", "", home, "", "noise", "no", "01/06/2026", "phone", "30/06/2026"],
            ["A2", "", "", estate, "vandalism", "yes", "2026-07-01", "Email", ""],
            ["A3", "", home, "", "noise", "no", "10/06/2026", "", ""],
        ],
        "safety-checks": [
            ["reference", "kind", "home", "block", "due_on", "done_on", "outcome"],
            ["S1", "gas", home, "", "01/10/2026", "28/09/2026", "satisfactory"],
            ["S2", "Fire risk assessment", "", block, "2026-12-01", "", ""],
        ],
        "decent-homes": [
            ["reference", "home", "meets_standard", "since"],
            ["D1", home, "yes", "01/04/2026"],
            ["D2", flat, "no", "2026-04-01"],
        ],
        "inspections": [
            ["reference", "estate", "block", "inspected_on", "inspector_name", "inspector_kind",
             "cleanliness", "litter", "graffiti", "lighting", "repairs_needed"],
            ["I1", estate, block, "05/11/2026", "Joanne Wright", "staff", "4", "3", "5", "2",
             "Light out on landing 3"],
        ],
        "homes": [
            ["reference", "estate", "block", "address", "postcode", "home_type", "bedrooms",
             "tenure"],
            [flat, estate, block, "Flat 1, Alder Court", "NB1 2AB", "flat", "1", "secure"],
            [home, estate, "", "1 Mill Road", "NB1 2AC", "house", "3", "Shared ownership"],
        ],
        "households": [
            ["home", "reference", "started_on", "ended_on"],
            [flat, "T2000001", "01/02/2020", ""],
            [flat, "T2000000", "2010-05-01", "2019-12-31"],
        ],
    }[kind]  # fmt: skip


def a_date(text: str) -> date:
    return date.fromisoformat(text)
