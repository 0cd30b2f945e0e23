"""Downloads as CSV and XLSX: text that a spreadsheet would run as a formula is made inert."""

import csv
import io

import pytest
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
        ("-2.5", "-2.5"),  # a number written as text stays a number
        ("+44", "+44"),
        ("The lift is broken", "The lift is broken"),
        ("", ""),
        (-3, -3),
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
