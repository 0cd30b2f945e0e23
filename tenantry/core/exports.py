"""Downloads every app offers: rows as a CSV file (streamed) or as an XLSX workbook.

Rows are lists of plain values (text, numbers, dates; a lazy translation is written as its
text). Text that a spreadsheet would read as a formula is neutralised first (`safe`): a
download must not attack the person who opens it, and answers typed by the public, imported
files and names all reach these files.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV, "xlsx": XLSX}
FORMATS = tuple(CONTENT_TYPES)

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (OWASP, "CSV injection"): "=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)", or one hidden behind a
# tab or carriage return.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

Row = Sequence[object]


def safe(value: object) -> object:
    """`value` as a cell can hold it without running: text that would start a formula gets a
    leading apostrophe (a plain number written as text, such as "-2.5", is left alone)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Row]) -> Iterator[str]:
    """A byte-order mark (so Excel reads UTF-8), then each row as one CSV line, made safe."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe(value) for value in row])


def attachment(content: bytes, fmt: str, filename: str) -> HttpResponse:
    """A file made in memory, as a download named `filename`.`fmt`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def csv_response(rows: Iterable[Row], filename: str) -> StreamingHttpResponse:
    """Rows streamed as a CSV download, so a file of any size never sits in memory whole."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(sheets: Iterable[tuple[str, Iterable[Row]]], filename: str) -> HttpResponse:
    """(title, rows) sheets as an XLSX download, written row by row (openpyxl's write-only
    mode keeps memory small)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in sheets:
        # Excel allows 31 characters in a sheet's name, and no slash.
        sheet = book.create_sheet(title=str(title).replace("/", "-")[:31])
        for row in rows:
            sheet.append([safe(value) for value in row])
    data = io.BytesIO()
    book.save(data)
    return attachment(data.getvalue(), "xlsx", filename)
