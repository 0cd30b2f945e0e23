"""Downloads as CSV and XLSX: text that a spreadsheet would run as a formula is made inert."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from tenantry.core import exports


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\t5", "'\t5"),
        # Behind spaces or a line break, which a spreadsheet may trim as it reads the file.
        (" =1+1", "' =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"),
        # Full-width forms, which an East Asian keyboard types.
        ("\uff1dHYPERLINK(1)", "'\uff1dHYPERLINK(1)"),
        ("\uff0b1+1", "'\uff0b1+1"),
        ("\uff0d1+1", "'\uff0d1+1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        (" -2.5", " -2.5"),
        ("-2.5", "-2.5"),  # a number written as text stays a number
        ("+44", "+44"),
        ("The lift is broken", "The lift is broken"),
        ("", ""),
        (-3, -3),
        (Decimal("-5"), Decimal("-5")),
        (None, None),
    ],
)
def test_text_that_would_run_as_a_formula_is_made_inert(value, written):
    assert exports.safe(value) == written


def test_a_csv_download_is_utf8_with_a_mark_and_safe_cells():
    response = exports.csv_response([["Name", "Said"], ["Ann", "=1+1"], ["Bo", 4]], "answers")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="answers.csv"'
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Name", "Said"], ["Ann", "'=1+1"], ["Bo", "4"]]


def test_a_workbook_download_holds_no_formula():
    response = exports.xlsx_response(
        [(gettext_lazy("Answers"), [["Said", "Count"], ["=1+1", 3], ["@A1", -2]])], "answers"
    )
    assert response["Content-Type"] == exports.XLSX
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Answers"]
    assert list(sheet.values) == [("Said", "Count"), ("'=1+1", 3), ("'@A1", -2)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


TYPED_ROW = [
    "=1+1",
    -5,
    Decimal("-2.50"),
    Decimal("100"),
    2.5,
    date(2026, 3, 31),
    datetime(2026, 7, 1, 7, 30, tzinfo=UTC),  # 08:30 in London, in summer time
    True,
    None,
    "#N/A",
    "Vertical\x0btab",
]


def test_a_workbook_keeps_figures_and_dates_typed_and_text_as_text():
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([("Typed", [["H"] * 11, TYPED_ROW])])))[
        "Typed"
    ]
    cells = list(sheet.iter_rows(min_row=2))[0]
    text, number, places, whole, real, day, moment, yes, empty, error, control = cells
    assert (text.value, text.data_type) == ("'=1+1", "s")
    assert (number.value, number.data_type) == (-5, "n")  # a negative number stays a number
    assert (places.value, whole.value, real.value) == (-2.5, 100, 2.5)
    assert {places.data_type, whole.data_type, real.data_type} == {"n"}
    assert day.is_date and day.value == datetime(2026, 3, 31)
    assert day.number_format == exports.DATE_FORMAT
    # A time is written in England's time (BST in July), without a zone.
    assert moment.is_date and moment.value == datetime(2026, 7, 1, 8, 30)
    assert moment.number_format == exports.DATETIME_FORMAT
    assert (yes.value, yes.data_type) == (True, "b")
    assert empty.value is None
    assert (error.value, error.data_type) == ("#N/A", "s")  # text, never an error value
    assert control.value == "Verticaltab"  # a character a workbook cannot hold is left out


def test_a_csv_writes_figures_as_digits_and_dates_iso():
    rows = list(csv.reader(io.StringIO("".join(exports.csv_lines([TYPED_ROW], bom=False)))))
    assert rows == [
        [
            "'=1+1", "-5", "-2.50", "100", "2.5", "2026-03-31", "2026-07-01 08:30", "TRUE", "",
            "#N/A", "Vertical\x0btab",
        ]
    ]  # fmt: skip


def test_a_workbook_has_its_headings_bold_and_in_view():
    sheet = exports.Sheet("Results: 2025/26 [all]", [["Name", "Value"], ["A", 1]], 1)
    book = load_workbook(io.BytesIO(exports.xlsx_bytes([sheet])))
    sheet = book["Results- 2025-26 -all-"]  # no character Excel refuses in a sheet's name
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "B2"


def test_a_kept_workbook_is_written_once_for_the_same_figures_and_again_for_new_ones(
    monkeypatch,
):
    cache.clear()
    written = []
    real = exports.xlsx_bytes
    monkeypatch.setattr(exports, "xlsx_bytes", lambda sheets: written.append(1) or real(sheets))
    figures = [["Indicator", "Value"], ["RP02-2", Decimal("81.5")], ["CH01-1", 44]]

    first = exports.kept_xlsx_bytes([("Results", figures)])
    again = exports.kept_xlsx_bytes([("Results", (row for row in figures))])
    changed = exports.kept_xlsx_bytes([("Results", [*figures[:2], ["CH01-1", 45]])])

    assert first == again and len(written) == 2
    sheet = load_workbook(io.BytesIO(changed)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Indicator", "Value"],
        ["RP02-2", 81.5],
        ["CH01-1", 45],
    ]


def test_a_kept_csv_is_written_once_for_the_same_figures_and_again_for_new_ones(monkeypatch):
    cache.clear()
    written = []
    real = exports.csv_bytes
    monkeypatch.setattr(exports, "csv_bytes", lambda rows: written.append(1) or real(rows))
    figures = [["Indicator", "Value"], ["RP02-2", Decimal("81.5")], ["CH01-1", 44]]

    first = exports.kept_csv_bytes(figures)
    again = exports.kept_csv_bytes(row for row in figures)
    changed = exports.kept_csv_bytes([*figures[:2], ["CH01-1", 45]])

    assert first == again == real(figures) and len(written) == 2
    assert changed.decode("utf-8-sig").splitlines() == [
        "Indicator,Value", "RP02-2,81.5", "CH01-1,45",
    ]  # fmt: skip


def test_a_streamed_csv_comes_in_pieces_and_loses_no_row():
    rows = [[f"Repair {n}", n, Decimal("12.50"), date(2026, 3, 31)] for n in range(5000)]
    response = exports.csv_response(rows, "repairs")
    pieces = list(response.streaming_content)

    assert b"".join(pieces) == exports.csv_bytes(rows)
    assert len(pieces) > 1
    assert all(len(piece) >= exports.STREAMED_PIECE for piece in pieces[:-1])
    assert pieces[-1]


def test_csv_text_writes_text_exactly_as_safe_makes_it():
    texts = [
        "", "plain", "very_satisfied", "12", "-2.5", " +44", "=SUM(A1)", "+cmd|' /C calc'!A0",
        "-2+3", "@SUM(1)", "\uff1dSUM(1)", "\uff0b1", "\uff0d1", "\uff20A", "\t=1", "\r=1",
        "\n=1", " =1", "\u00a0=1", "\u3000=1", "\u2028=1", "\x1c=1", "a=1", "é", "  ", "\t",
    ]  # fmt: skip
    for text in texts:
        assert exports.csv_text(text) == str(exports.safe(text)), repr(text)
    assert (
        exports.csv_text(7) == "7"
        and exports.csv_text(True) == "TRUE"
        and exports.csv_text(None) == ""
    )
