"""Hostile and oversized files: refused in a moment, in little memory, with a plain reason.

The workbooks here are real XLSX zips built in the test (a small workbook from openpyxl whose
sheet is then replaced by one streamed into the zip), the same shape as the files that once
took 722 MB (one 300 MB cell in 293 KB) and 214 s of CPU (5 million rows in 715 KB).
"""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tenantry.records.imports.limits import MAX_PROBLEMS
from tenantry.records.models import ImportRun, Repair

from .test_import_support import Place, csv_bytes, errors_of, run_import, xlsx_bytes

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["reference", "home", "priority", "reported_at", "description"]


def _inline(values) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f"<row>{cells}</row>".encode()


def workbook_with_sheet(chunks) -> bytes:
    """A real workbook whose first sheet's XML is `chunks` (bytes), streamed into the zip so
    that the test itself never holds the unpacked sheet."""
    small = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["x"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in small.infolist():
            if info.filename == SHEET:
                continue
            book.writestr(info, small.read(info.filename))
        with book.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            sheet.write(_inline(HEADER))
            for chunk in chunks:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def huge_cell(place, megabytes: int):
    yield b"<row>" + b"".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>'.encode()
        for v in ("R1", place.home.reference, "EM", "02/11/2026 09:15")
    )
    yield b'<c t="inlineStr"><is><t>'
    block = b"A" * (1024 * 1024)
    for _ in range(megabytes):
        yield block
    yield b"</t></is></c></row>"


def many_rows(rows: int):
    block = _inline(["R"]) * 100_000  # a reference and nothing else: three problems a row
    for _ in range(rows // 100_000):
        yield block


def measured(organisation, data: bytes, filename: str):
    """Import `data`, giving the outcome, the seconds it took and its peak of Python memory."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = run_import(organisation, "repairs", data, filename)
    finally:
        seconds = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, seconds, peak


def test_an_xlsx_with_one_enormous_cell_is_refused_before_it_is_read(cast):
    place = Place(cast)
    data = workbook_with_sheet(huge_cell(place, megabytes=100))
    assert len(data) < 500_000  # 100 MB of text packs into a few hundred KB

    outcome, seconds, peak = measured(cast.tmo, data, "repairs.xlsx")

    assert not outcome.accepted and not Repair.objects.exists()
    assert outcome.error_count == 1
    (line, column, reason), = errors_of(outcome)  # fmt: skip
    assert line == 1 and column == ""
    assert reason.startswith("This workbook unpacks to 100.0\xa0MB from ")
    assert "more than 100 times its size, which no real workbook does" in reason
    assert seconds < 5
    assert peak < 10 * 1024 * 1024


def test_an_xlsx_of_five_million_rows_is_refused_before_it_is_read(cast):
    data = workbook_with_sheet(many_rows(5_000_000))
    assert len(data) < 1_000_000

    outcome, seconds, peak = measured(cast.tmo, data, "repairs.xlsx")

    assert not outcome.accepted and outcome.error_count == 1
    assert outcome.rows == 0
    assert seconds < 5
    assert peak < 10 * 1024 * 1024


def test_a_workbook_unpacking_to_more_than_the_setting_is_refused(cast, settings):
    # Packed loosely enough to pass the ratio, but larger than the site allows unpacked.
    settings.IMPORT_MAX_UNZIPPED_MB = 1
    place = Place(cast)
    rows = [HEADER] + [
        [f"R{n}", place.home.reference, "EM", "02/11/2026 09:15", f"Leak {n * 7919 % 10007}"]
        for n in range(20_000)
    ]
    outcome = run_import(cast.tmo, "repairs", xlsx_bytes(rows), "repairs.xlsx")
    (_line, _column, reason), = errors_of(outcome)  # fmt: skip
    assert reason.startswith("This workbook unpacks to ")
    assert "more than the 1 MB one import may read" in reason
    assert not Repair.objects.exists()


def test_a_zip_with_thousands_of_parts_is_refused_without_reading_its_directory(cast):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for n in range(10_001):
            book.writestr(f"x/{n}", b"")
    outcome = run_import(cast.tmo, "repairs", out.getvalue(), "a.xlsx")
    assert [e["reason"] for e in outcome.errors] == [
        "This is not an XLSX workbook Tenantry can read: it has more than 10,000 parts."
    ]


def test_a_cell_longer_than_excel_allows_is_refused_on_its_line(cast):
    place = Place(cast)
    long = "Leak " * 7000  # 35,000 characters (openpyxl would cut it short: the XML is ours)
    rows = [
        ["R1", place.home.reference, "EM", "02/11/2026 09:15", "Leak"],
        ["R2", place.home.reference, "EM", "02/11/2026 09:15", long],
    ]
    xlsx = workbook_with_sheet([_inline(row) for row in rows])
    for name, data in (("repairs.xlsx", xlsx), ("repairs.csv", csv_bytes([HEADER, *rows]))):
        outcome = run_import(cast.tmo, "repairs", data, name)
        assert errors_of(outcome) == [
            (3, "", "Line 3 has a cell longer than 32,767 characters, which is Excel's own limit.")
        ], name
    assert not Repair.objects.exists()


def test_a_csv_line_of_100_mb_is_refused_in_little_memory(cast):
    data = b"reference,home,priority,reported_at,description\nR1,P1,EM,02/11/2026 09:15,"
    data += b"A" * (100 * 1024 * 1024) + b"\n"

    outcome, seconds, peak = measured(cast.tmo, data, "repairs.csv")

    assert errors_of(outcome) == [
        (2, "", "Line 2 is longer than 4 MB: it cannot be a row of a housing system's export.")
    ]
    assert peak < 20 * 1024 * 1024
    assert seconds < 5


def test_more_rows_than_the_setting_are_refused_before_any_row_is_read(cast, settings):
    settings.IMPORT_MAX_ROWS = 1000
    place = Place(cast)
    rows = [HEADER] + [
        [f"R{n}", place.home.reference, "EM", "02/11/2026 09:15", ""] for n in range(1001)
    ]
    for name, data in (("repairs.csv", csv_bytes(rows)), ("repairs.xlsx", xlsx_bytes(rows))):
        outcome = run_import(cast.tmo, "repairs", data, name)
        assert errors_of(outcome) == [
            (1, "", "The file has more than 1,000 rows, the most one import may have. "
                    "Split it into smaller files.")
        ], name  # fmt: skip
        assert outcome.rows == 0
    assert run_import(cast.tmo, "repairs", csv_bytes(rows[:1001]), "repairs.csv").accepted


def test_a_csv_with_more_rows_than_lines_allow_is_counted_by_record(cast, settings):
    # Quoted cells with line breaks: 1,500 lines but 500 rows, under a cap of 1,000.
    settings.IMPORT_MAX_ROWS = 1000
    place = Place(cast)
    rows = [HEADER] + [
        [f"R{n}", place.home.reference, "EM", "02/11/2026 09:15", "Leak\nunder\nsink"]
        for n in range(500)
    ]
    outcome = run_import(cast.tmo, "repairs", csv_bytes(rows), "repairs.csv")
    assert outcome.accepted and outcome.rows == 500


def test_reading_stops_after_the_most_problems_listed(cast):
    rows = [HEADER] + [[f"R{n}", "", "", "", ""] for n in range(5000)]  # three problems a row

    outcome = run_import(cast.tmo, "repairs", csv_bytes(rows), "repairs.csv")

    assert not outcome.accepted
    assert len(outcome.errors) == MAX_PROBLEMS
    assert outcome.more_problems
    assert outcome.rows < 400  # it stopped reading, well before line 5,001
    assert [e["line"] for e in outcome.errors] == sorted(e["line"] for e in outcome.errors)
    assert outcome.errors[0]["line"] == 2


def test_the_run_page_says_plainly_that_only_the_first_problems_are_listed(
    cast, client_as, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    rows = [HEADER] + [[f"R{n}", "", "", "", ""] for n in range(2000)]
    client = client_as(cast.people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("services:import-upload", args=[cast.tmo.slug]),
            {"kind": "repairs", "file": SimpleUploadedFile("repairs.csv", csv_bytes(rows))},
        )
    html = client.get(response.url).content.decode()
    assert "There are more than 1,000 problems in the file." in html
    assert "The first 1,000 are listed; fix these and try again." in html
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">') == 1000
    assert ImportRun.objects.get().status == "rejected"


def test_the_upload_page_states_the_limits(cast, client_as):
    html = (
        client_as(cast.people["staff"])
        .get(reverse("services:import-upload", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert "up to 500 MB and 2,000,000 rows" in html


def test_a_long_line_of_unicode_text_is_refused_on_its_line(cast):
    # Excel's "Unicode text" (UTF-16, tabs) is decoded as it streams: the line is cut off too.
    data = "reference\thome\tpriority\treported_at\tdescription\nR1\tP1\tEM\t02/11/2026\t"
    data = (data + "A" * (3 * 1024 * 1024) + "\n").encode("utf-16")

    outcome, _seconds, peak = measured(cast.tmo, data, "repairs.txt")

    assert errors_of(outcome) == [
        (2, "", "Line 2 is longer than 4 MB: it cannot be a row of a housing system's export.")
    ]
    assert peak < 40 * 1024 * 1024
