"""Every CSV and XLSX file Tenantry writes, whether downloaded, made by a command or queued:
rows as a CSV file (streamed) or as an XLSX workbook. Nothing else writes one (a test,
`core/tests/test_one_export_writer.py`, fails if another module imports a CSV or workbook
writer), so every file gets the same two guarantees:

- **Nothing runs when the file is opened.** Text that a spreadsheet would read as a formula is
  neutralised (`safe`): answers typed by the public, imported files, names and notes all reach
  these files, and a download must not attack the person who opens it.
- **Figures and dates stay figures and dates.** Rows hold plain values: text (a lazy
  translation is written as its text), int, float, Decimal, date, datetime, bool, None. In a
  workbook a number is a number cell and a date a date cell (shown as dd/mm/yyyy, or
  dd/mm/yyyy hh:mm, in England's time); in a CSV a date is written yyyy-mm-dd and a date and
  time yyyy-mm-dd hh:mm, which Excel and the imports both read back. None is an empty cell.
"""

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV, "xlsx": XLSX}
FORMATS = tuple(CONTENT_TYPES)

# How a workbook shows a date and a date and time (the cell holds the date itself).
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (OWASP, "CSV injection"): "=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)", their full-width
# forms (which an East Asian keyboard types and Excel may take for the plain ones), and any of
# them behind spaces or line breaks, which a spreadsheet may trim as it reads the file.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A cell starting with a tab or a carriage return is neutralised whatever follows: both hide
# the start of what the cell holds.
_HIDDEN_START = ("\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Control characters an XLSX file cannot hold (openpyxl refuses them): a vertical tab pasted
# into an answer must not stop the download.
_NOT_IN_XLSX = re.compile(r"[\000-\010\013\014\016-\037]")

Row = Sequence[object]
Sheets = Iterable["Sheet | tuple[str, Iterable[Row]]"]


def safe(value: object) -> object:
    """`value` as a cell can hold it without running: text that would start a formula gets a
    leading apostrophe. Only text is changed: a number (int, float, Decimal) is never text here,
    and text that is just a number ("-2.5", " +44") cannot run, so is left alone."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    if value.startswith(_HIDDEN_START):
        return "'" + value
    start = value.lstrip()
    if start.startswith(_FORMULA_START) and not _NUMBER.fullmatch(start.rstrip()):
        return "'" + value
    return value


def _local(value: datetime) -> datetime:
    """A date and time in England's time, without a zone (a spreadsheet keeps none)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


# --- CSV ----------------------------------------------------------------------------------------


def csv_text(value: object) -> str:
    """What a CSV holds for one value: text made safe, figures as plain digits, dates ISO."""
    # Most cells of a big file are plain text, empty, whole numbers, decimals or dates: each is
    # told by its exact type, most common first, before the checks that cover subclasses.
    kind = type(value)
    if kind is str:
        # Text is left alone by `safe` when it starts with neither a space nor a formula's sign.
        if not value or not (value[0].isspace() or value.startswith(_FORMULA_START)):
            return value
        return str(safe(value))
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if kind is Decimal:
        return _decimal_text(value)
    if kind is date:
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, int | float):
        return str(value)
    return str(safe(str(value)))


def _decimal_text(value: Decimal) -> str:
    """Plain digits (never "1E+2"); a whole number without places, others as stored."""
    return format(value.quantize(1) if value == value.to_integral_value() else value, "f")


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    rows: Iterable[Row], *, bom: bool = True, lineterminator: str = "\r\n"
) -> Iterator[str]:
    """Each row as one CSV line, made safe; first a byte-order mark, so that Excel reads UTF-8
    (`bom=False` for a file read by scripts)."""
    writer = csv.writer(_Echo(), lineterminator=lineterminator)
    if bom:
        yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_text(value) for value in row])


def csv_bytes(rows: Iterable[Row]) -> bytes:
    """The whole CSV file, for a file stored or sent rather than streamed."""
    return "".join(csv_lines(rows)).encode("utf-8")


def csv_response(
    rows: Iterable[Row], filename: str, *, kept: bool = False
) -> StreamingHttpResponse | HttpResponse:
    """Rows streamed as a CSV download, so a file of any size never sits in memory whole; or,
    when `kept`, the whole file from `kept_csv_bytes`."""
    if kept:
        return attachment(kept_csv_bytes(rows), "csv", filename)
    response = StreamingHttpResponse(in_pieces(csv_lines(rows), ""), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# A piece of a streamed file: one row at a time would cost the response, the compression and
# the connection a step for each row.
STREAMED_PIECE = 16 * 1024


def in_pieces[Piece: (str, bytes)](
    parts: Iterable[Piece], empty: Piece, size: int = STREAMED_PIECE
) -> Iterator[Piece]:
    """`parts` joined into pieces of at least `size` characters or bytes (the last shorter)."""
    held: list[Piece] = []
    length = 0
    for part in parts:
        held.append(part)
        length += len(part)
        if length >= size:
            yield empty.join(held)
            held, length = [], 0
    if held:
        yield empty.join(held)


# --- XLSX ---------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet of a workbook: its title and its rows, the first of them the headings (bold,
    wrapped, kept in view as the sheet scrolls). `frozen_columns` stay in view as it scrolls
    across."""

    title: str
    rows: Iterable[Row]
    frozen_columns: int = 0


def _sheet_title(title: object) -> str:
    # Excel allows 31 characters in a sheet's name, and none of \ / * ? : [ ].
    return re.sub(r"[\\/*?:\[\]]", "-", str(title))[:31] or "Sheet"


def _width(heading: str) -> int:
    return min(60, max(12, len(heading) // 3 if len(heading) > 40 else len(heading) + 2))


def _xlsx_cell(sheet, value: object, *, heading: bool = False):
    """The typed cell for one value: text (made safe, and always a text cell, never a formula
    or an error value), a number, a date or date and time, a TRUE/FALSE."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, Decimal):
        # Whole numbers stay whole; others keep their places (Excel stores a float either way).
        value = int(value) if value == value.to_integral_value() else float(value)
    cell = WriteOnlyCell(sheet)
    if value is None:
        pass
    elif isinstance(value, bool | int | float):
        cell.value = value
    elif isinstance(value, datetime):
        cell.value = _local(value)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = safe(_NOT_IN_XLSX.sub("", str(value)))
        cell.data_type = "s"
    if heading:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def xlsx_bytes(sheets: Sheets) -> bytes:
    """The workbook, one sheet per `Sheet` (or (title, rows) pair), written row by row:
    openpyxl's write-only mode keeps memory small however many rows there are."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for given in sheets:
        sheet_of = given if isinstance(given, Sheet) else Sheet(*given)
        sheet = book.create_sheet(title=_sheet_title(sheet_of.title))
        rows = iter(sheet_of.rows)
        headings = next(rows, None)
        if headings is None:
            continue
        # Widths and the frozen panes must be set before the first row is written.
        for column, heading in enumerate(headings, start=1):
            width = _width(str(heading or ""))
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = f"{get_column_letter(sheet_of.frozen_columns + 1)}2"
        sheet.append([_xlsx_cell(sheet, value, heading=True) for value in headings])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


# --- downloads ----------------------------------------------------------------------------------


def attachment(content: bytes, fmt: str, filename: str) -> HttpResponse:
    """A file made in memory, as a download named `filename`.`fmt`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def xlsx_response(sheets: Sheets, filename: str, *, kept: bool = False) -> HttpResponse:
    """Sheets as an XLSX download; `kept_xlsx_bytes` when `kept`."""
    return attachment(kept_xlsx_bytes(sheets) if kept else xlsx_bytes(sheets), "xlsx", filename)


# A workbook of thousands of rows takes openpyxl a few hundred milliseconds (every cell is an
# XML element), a CSV of them tens. A file that many people download as it is (a period's
# results) is kept under the digest of what it holds: never stale, because different figures
# make a different digest.
FILE_KEPT_FOR = 24 * 60 * 60  # seconds


def kept_xlsx_bytes(sheets: Sheets) -> bytes:
    """`xlsx_bytes` of `sheets`, from the cache when the same sheets were written before. The
    sheets are held in memory to be digested: for figures, not for every response of a survey."""
    held = [given if isinstance(given, Sheet) else Sheet(*given) for given in sheets]
    held = [
        Sheet(each.title, [list(row) for row in each.rows], each.frozen_columns) for each in held
    ]
    return _kept("xlsx", held, lambda: xlsx_bytes(held))


def kept_csv_bytes(rows: Iterable[Row]) -> bytes:
    """`csv_bytes` of `rows`, from the cache when the same rows were written before."""
    held = [list(row) for row in rows]
    return _kept("csv", [Sheet("", held)], lambda: csv_bytes(held))


def _kept(fmt: str, held: list[Sheet], write) -> bytes:
    digest = hashlib.sha256()
    for sheet in held:
        digest.update(repr((str(sheet.title), sheet.frozen_columns)).encode())
        for row in sheet.rows:
            digest.update(repr([str(v) if isinstance(v, Promise) else v for v in row]).encode())
    key = f"{fmt}:{digest.hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = write()
        cache.set(key, content, FILE_KEPT_FOR)
    return content
