"""All or nothing, every bad row reported, re-imports and updates, headers and mappings."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tenantry.homes.tests.factories import HomeFactory
from tenantry.records.imports import engine
from tenantry.records.models import Complaint, Repair

from .test_import_support import Place, csv_bytes, errors_of, run_import, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["reference", "home", "priority", "reported_at", "status", "completed_at", "cost"]


def _repairs(place, *rows):
    return csv_bytes([HEADER, *rows])


def test_a_file_with_bad_rows_changes_nothing_and_reports_every_bad_row(cast):
    place = Place(cast)
    home = place.home.reference
    data = _repairs(
        place,
        ["R1", home, "EM", "02/11/2026 09:15", "open", "", ""],
        ["R2", home, "EM", "31/02/2026 10:00", "open", "", "12.345"],
        ["R3", home, "XX", "01/03/2026", "finished", "", ""],
        ["R4", home, "EM", "01/03/2026", "completed", "", ""],
        ["R5", home, "EM", "02/03/2026 10:00", "completed", "01/03/2026 10:00", ""],
        ["R1", home, "EM", "02/11/2026 09:15", "open", "", ""],
        ["", home, "EM", "02/11/2026 09:15", "open", "", ""],
    )

    outcome = run_import(cast.tmo, "repairs", data)

    assert not outcome.accepted
    assert errors_of(outcome) == [
        (3, "reported_at", "31/02/2026 10:00 is not a date and time"),
        (3, "cost", "12.345 has more than 2 decimal places"),
        (4, "priority", "XX is not one of the landlord's repair priorities"),
        (4, "status", "finished is not one of: open, completed, cancelled, reclassified"),
        (5, "completed_at", "is required when status is completed"),
        (6, "completed_at", "Enter a completion date on or after the reported date"),
        (7, "reference", "R1 is also on line 2"),
        (8, "reference", "is empty: this column must be filled in"),
    ]
    assert outcome.error_count == 8
    assert not Repair.objects.exists()


def test_a_good_file_after_a_bad_one_imports(cast):
    place = Place(cast)
    bad = _repairs(place, ["R1", place.home.reference, "EM", "32/01/2026", "open", "", ""])
    good = _repairs(place, ["R1", place.home.reference, "EM", "31/01/2026", "open", "", ""])
    assert not run_import(cast.tmo, "repairs", bad).accepted
    assert run_import(cast.tmo, "repairs", good).created == 1


def test_changing_one_row_updates_exactly_that_record(cast):
    place = Place(cast)
    home = place.home.reference
    rows = [["R1", home, "EM", "02/11/2026 09:15", "open", "", ""],
            ["R2", home, "RO", "03/11/2026 09:15", "open", "", ""],
            ["R3", home, "RO", "04/11/2026 09:15", "open", "", ""]]  # fmt: skip
    run_import(cast.tmo, "repairs", _repairs(place, *rows))
    before = dict(Repair.objects.values_list("reference", "updated_at"))

    rows[1] = ["R2", home, "RO", "03/11/2026 09:15", "completed", "05/11/2026 16:30", "80"]
    outcome = run_import(cast.tmo, "repairs", _repairs(place, *rows))

    assert (outcome.rows, outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 1, 2)
    after = dict(Repair.objects.values_list("reference", "updated_at"))
    assert after["R1"] == before["R1"] and after["R3"] == before["R3"]
    assert after["R2"] > before["R2"]
    r2 = Repair.objects.get(reference="R2")
    assert (r2.status, r2.cost) == ("completed", Decimal("80.00"))
    assert r2.completed_at == datetime(2026, 11, 5, 16, 30, tzinfo=UTC)


def test_columns_left_out_of_a_file_are_left_alone(cast):
    place = Place(cast)
    home = place.home.reference
    run_import(cast.tmo, "repairs", csv_bytes([
        ["reference", "home", "priority", "reported_at", "trade", "description"],
        ["R1", home, "EM", "02/11/2026 09:15", "heating", "No hot water"],
    ]))  # fmt: skip
    outcome = run_import(cast.tmo, "repairs", csv_bytes([
        ["reference", "home", "priority", "reported_at", "status"],
        ["R1", home, "EM", "02/11/2026 09:15", "cancelled"],
    ]))  # fmt: skip
    assert outcome.updated == 1
    repair = Repair.objects.get(reference="R1")
    assert (repair.status, repair.trade, repair.description) == (
        "cancelled", "heating", "No hot water",
    )  # fmt: skip


def test_uk_and_iso_dates_are_both_read(cast):
    place = Place(cast)
    rows = [["reference", "home", "category", "received_on", "escalated_on"]]
    for n, (received, escalated) in enumerate(
        [("01/09/2026", "2026-09-15"), ("1/9/2026", "15/9/2026"), ("2026-09-01", "")]
    ):
        rows.append([f"C{n}", place.home.reference, "repairs", received, escalated])
    assert run_import(cast.tmo, "complaints", csv_bytes(rows)).accepted
    assert set(Complaint.objects.values_list("received_on", flat=True)) == {date(2026, 9, 1)}
    assert Complaint.objects.get(reference="C1").escalated_on == date(2026, 9, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29/03/2026 00:30", datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),
        ("29/03/2026 02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        ("01/07/2026 12:00:30", datetime(2026, 7, 1, 11, 0, 30, tzinfo=UTC)),
        ("2026-07-01T12:00:00+00:00", datetime(2026, 7, 1, 12, 0, tzinfo=UTC)),
        ("2026-07-01T12:00Z", datetime(2026, 7, 1, 12, 0, tzinfo=UTC)),
        ("2026-07-01 12:00", datetime(2026, 7, 1, 11, 0, tzinfo=UTC)),
        ("01/07/2026", datetime(2026, 6, 30, 23, 0, tzinfo=UTC)),
    ],
)
def test_times_without_an_offset_are_uk_time(cast, text, expected):
    place = Place(cast)
    data = _repairs(place, ["R1", place.home.reference, "EM", text, "open", "", ""])
    assert errors_of(run_import(cast.tmo, "repairs", data)) == []
    assert Repair.objects.get().reported_at == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("29/03/2026 01:30", "29/03/2026 01:30 did not happen in the UK: the clocks went forward"),
        ("25/10/2026 01:30", "25/10/2026 01:30 happened twice in the UK (the clocks went back): "
         "add +00:00 or +01:00"),
        ("13/13/2026 10:00", "13/13/2026 10:00 is not a date and time"),
        ("yesterday", "yesterday is not a date and time: use dd/mm/yyyy hh:mm or "
         "yyyy-mm-ddThh:mm"),
    ],
)  # fmt: skip
def test_impossible_and_ambiguous_times_are_refused(cast, text, reason):
    place = Place(cast)
    data = _repairs(place, ["R1", place.home.reference, "EM", text, "open", "", ""])
    assert errors_of(run_import(cast.tmo, "repairs", data)) == [(2, "reported_at", reason)]


def test_a_home_the_organisation_does_not_manage_is_refused(cast):
    place = Place(cast)
    elsewhere = HomeFactory(estate__landlord=cast.landlord, reference="P7000001")
    data = _repairs(place, ["R1", elsewhere.reference, "EM", "01/03/2026", "open", "", ""])
    outcome = run_import(cast.tmo, "repairs", data)
    assert errors_of(outcome) == [
        (2, "home", "P7000001 is not one of the homes Kingsmead TMO is responsible for")
    ]
    # The landlord is responsible for all of its homes.
    assert run_import(cast.landlord, "repairs", data).created == 1


def test_dry_run_counts_what_would_change_and_changes_nothing(cast):
    place = Place(cast)
    home = place.home.reference
    run_import(
        cast.tmo, "repairs", _repairs(place, ["R1", home, "EM", "01/03/2026", "open", "", ""])
    )
    data = _repairs(
        place,
        ["R1", home, "EM", "01/03/2026", "cancelled", "", ""],
        ["R2", home, "EM", "01/03/2026", "open", "", ""],
    )
    outcome = run_import(cast.tmo, "repairs", data, dry_run=True)
    assert (outcome.dry_run, outcome.created, outcome.updated, outcome.unchanged) == (
        True, 1, 1, 0,
    )  # fmt: skip
    assert list(Repair.objects.values_list("reference", "status")) == [("R1", "open")]


def test_unknown_and_missing_columns_are_reported_before_any_row(cast):
    Place(cast)
    data = csv_bytes([["Job No", "home", "priority", "Reported"], ["R1", "P1", "EM", "x"]])
    outcome = run_import(cast.tmo, "repairs", data)
    assert errors_of(outcome) == [
        (1, "reference", "The file has no reference column"),
        (1, "reported_at", "The file has no reported_at column"),
        (1, "Job No", "\u201cJob No\u201d is not a column of a repairs file: rename it, match it "
         "to one of ours, or remove it"),
        (1, "Reported", "\u201cReported\u201d is not a column of a repairs file: rename it, "
         "match it to one of ours, or remove it"),
    ]  # fmt: skip


def test_a_column_headed_twice_is_reported(cast):
    Place(cast)
    data = csv_bytes([["reference", "home", "priority", "reported_at", "Home"], ["R1"] * 5])
    assert errors_of(run_import(cast.tmo, "repairs", data)) == [
        (1, "Home", "The file has two columns headed “Home”")
    ]


def test_a_mapping_reads_a_landlords_own_headers(cast):
    place = Place(cast)
    data = csv_bytes([
        ["Job No", "UPRN", "Pri", "Logged", "Notes from system"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15", "ignored"],
    ])  # fmt: skip
    mapping = {"reference": "job no", "home": "UPRN", "priority": "Pri", "reported_at": "Logged"}
    outcome = run_import(cast.tmo, "repairs", data, columns=mapping)
    assert errors_of(outcome) == []
    assert Repair.objects.get().reference == "R1"


def test_a_mapping_naming_a_missing_header_is_reported(cast):
    Place(cast)
    data = csv_bytes([["Job No", "UPRN"], ["R1", "P1"]])
    outcome = run_import(cast.tmo, "repairs", data, columns={"reference": "Job Number"})
    assert (1, "Job Number", "The file has no column headed \u201cJob Number\u201d") in errors_of(
        outcome
    )


def test_headers_match_whatever_their_case_and_spacing(cast):
    place = Place(cast)
    data = csv_bytes([
        ["Reference", "HOME", "Priority", "Reported At"],
        ["R1", place.home.reference, "em", "02/11/2026 09:15"],
    ])  # fmt: skip
    assert run_import(cast.tmo, "repairs", data).created == 1


def test_semicolons_windows_1252_and_a_byte_order_mark_are_read(cast):
    place = Place(cast)
    rows = [
        ["reference", "home", "category", "received_on", "description"],
        ["C1", place.home.reference, "repairs", "01/09/2026", "Café door – broken £5 lock"],
    ]
    for data in (
        csv_bytes(rows, encoding="cp1252", delimiter=";"),
        b"\xef\xbb\xbf" + csv_bytes(rows, delimiter="\t"),
    ):
        Complaint.objects.all().delete()
        assert errors_of(run_import(cast.tmo, "complaints", data)) == []
        assert Complaint.objects.get().description == "Café door – broken £5 lock"


def test_a_unicode_text_file_from_excel_is_read(cast):
    place = Place(cast)
    rows = [
        ["reference", "home", "category", "received_on", "description"],
        ["C1", place.home.reference, "repairs", "01/09/2026", "Café door – broken £5 lock"],
    ]
    # Excel's "Unicode text": UTF-16 with a byte order mark, cells split by tabs.
    data = csv_bytes(rows, encoding="utf-16", delimiter="\t")
    assert errors_of(run_import(cast.tmo, "complaints", data, "complaints.txt")) == []
    assert Complaint.objects.get().description == "Café door – broken £5 lock"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_a_byte_that_cannot_be_read_is_reported_on_its_own_line_in_plain_words(cast, encoding):
    place = Place(cast)
    rows = [["R1", place.home.reference, "EM", "01/03/2026", "open", "", ""]] * 3
    data = _repairs(place, *rows).decode().encode(encoding).split(b"\n")
    data[2] = data[2].replace(b"open", b"op\x81\xffen")  # line 3: no character in either
    outcome = run_import(cast.tmo, "repairs", b"\n".join(data))
    assert [e["reason"] for e in outcome.errors] == [
        "Line 3 has a character that cannot be read: save the file as “CSV UTF-8” "
        "and upload it again."
    ]


def test_a_line_break_inside_a_cell_keeps_line_numbers_as_a_spreadsheet_shows_them(cast):
    place = Place(cast)
    data = _repairs(
        place,
        ["R1", place.home.reference, "EM", "01/03/2026", "open", "", ""],
        ["R2", place.home.reference, "EM", "01/03/2026\n10:00", "open", "", ""],
        ["R3", place.home.reference, "EM", "bad", "open", "", ""],
    )
    assert [e[0] for e in errors_of(run_import(cast.tmo, "repairs", data))] == [3, 4]


def test_xlsx_cells_keep_their_types(cast):
    place = Place(cast)
    data = xlsx_bytes([
        HEADER,
        ["R1", place.home.reference, "EM", datetime(2026, 7, 1, 9, 30), "completed",
         datetime(2026, 7, 2), 12.5],
        [None, None, None, None, None, None, None],
        [1234, place.home.reference, "EM", date(2026, 7, 1), "open", None, None],
    ])  # fmt: skip
    outcome = run_import(cast.tmo, "repairs", data, "repairs.xlsx")
    assert errors_of(outcome) == [] and outcome.rows == 2
    r1 = Repair.objects.get(reference="R1")
    assert r1.reported_at == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    assert r1.cost == Decimal("12.50")
    assert Repair.objects.filter(reference="1234").exists()


def test_xlsx_errors_name_the_spreadsheet_row(cast):
    place = Place(cast)
    data = xlsx_bytes([HEADER, ["R1", place.home.reference, "EM", "soon", "open", None, None]])
    assert errors_of(run_import(cast.tmo, "repairs", data, "r.xlsx")) == [
        (2, "reported_at", "soon is not a date and time: use dd/mm/yyyy hh:mm or yyyy-mm-ddThh:mm")
    ]


def test_not_a_spreadsheet_is_refused(cast):
    outcome = run_import(cast.tmo, "repairs", b"PK\x03\x04 not really", "r.xlsx")
    assert outcome.error_count == 1 and "not an XLSX workbook" in outcome.errors[0]["reason"]
    assert run_import(cast.tmo, "repairs", b"", "r.csv").errors[0]["reason"] == (
        "The file is empty."
    )
    assert run_import(cast.tmo, "repairs", b"x", "r.pdf").errors[0]["reason"] == (
        "Upload a CSV or XLSX file."
    )


def test_reading_stops_at_the_problem_after_the_first_thousand(cast, monkeypatch):
    place = Place(cast)
    monkeypatch.setattr(engine, "MAX_PROBLEMS", 5)
    rows = [[f"R{n}", place.home.reference, "EM", "never", "open", "", ""] for n in range(12)]
    outcome = run_import(cast.tmo, "repairs", _repairs(place, *rows))
    assert (outcome.error_count, len(outcome.errors), outcome.rows) == (6, 5, 6)
    assert outcome.more_problems


def test_every_repeated_reference_is_counted_though_only_the_first_are_kept(cast, monkeypatch):
    place = Place(cast)
    monkeypatch.setattr(engine, "MAX_PROBLEMS", 3)
    rows = [["R1", place.home.reference, "EM", "01/03/2026", "open", "", ""]] * 10
    outcome = run_import(cast.tmo, "repairs", _repairs(place, *rows))
    assert outcome.error_count == 9
    assert errors_of(outcome) == [
        (3, "reference", "R1 is also on line 2"),
        (4, "reference", "R1 is also on line 2"),
        (5, "reference", "R1 is also on line 2"),
    ]
    assert not Repair.objects.exists()


def test_a_file_with_a_header_and_no_rows_changes_nothing(cast):
    Place(cast)
    outcome = run_import(cast.tmo, "repairs", csv_bytes([HEADER]))
    assert outcome.accepted
    assert (outcome.rows, outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 0, 0)


def test_a_decent_homes_status_for_the_same_home_and_day_is_refused(cast):
    place = Place(cast)
    header = ["reference", "home", "meets_standard", "since"]
    run_import(
        cast.tmo,
        "decent-homes",
        csv_bytes([header, ["D1", place.home.reference, "yes", "01/04/2026"]]),
    )
    data = csv_bytes([
        header,
        ["D2", place.home.reference, "no", "01/04/2026"],
        ["D3", place.flat.reference, "no", "01/04/2026"],
        ["D4", place.flat.reference, "yes", "01/04/2026"],
    ])  # fmt: skip
    assert errors_of(run_import(cast.tmo, "decent-homes", data)) == [
        (2, "since", "another record for the same home on that day is already stored"),
        (4, "since", "is also given for the same home on line 3"),
    ]


def test_progress_is_reported_as_rows_are_read(cast):
    place = Place(cast)
    rows = [[f"R{n}", place.home.reference, "EM", "01/03/2026", "open", "", ""] for n in range(7)]
    seen = []
    run_import(
        cast.tmo,
        "repairs",
        _repairs(place, *rows),
        progress=lambda done, total: seen.append(done),
        progress_every=3,
    )
    assert seen == [3, 6, 7]


def test_updated_at_moves_only_on_a_real_change(cast):
    place = Place(cast)
    data = _repairs(place, ["R1", place.home.reference, "EM", "01/03/2026", "open", "", "10"])
    run_import(cast.tmo, "repairs", data)
    stamp = Repair.objects.get().updated_at
    assert run_import(cast.tmo, "repairs", data).unchanged == 1
    assert Repair.objects.get().updated_at == stamp <= timezone.now()
