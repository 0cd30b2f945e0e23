"""Streaming a CSV or XLSX file as (line number, list of cell texts), never loading it whole.

Line numbers are the ones a person sees in a spreadsheet: the header is line 1, and a CSV
record with a line break inside a quoted cell still counts as one line.
"""

import codecs
import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from .values import cell_text

SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t|"


class FileProblem(Exception):
    """The file as a whole cannot be read (not a CSV or XLSX, not text, no header)."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (line, cells) for each line after the header
    estimated_rows: int | None


def open_table(stream: IO[bytes], filename: str) -> Table:
    """The file's header and a lazy iterator over its rows, by the file's extension."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return _xlsx(stream)
    if name.endswith((".csv", ".txt", ".tsv")) or "." not in os.path.basename(name):
        return _csv(stream)
    raise FileProblem(_("Upload a CSV or XLSX file."))


def _encoding(sample: bytes, complete: bool) -> str:
    """UTF-8 (with or without a byte order mark) if the sample reads as UTF-8, else Windows-1252,
    which is what Excel's plain "CSV" saves on a UK Windows PC."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _csv(stream: IO[bytes]) -> Table:
    sample = stream.read(SAMPLE_BYTES)
    size = _size(stream)
    stream.seek(0)
    if not sample.strip():
        raise FileProblem(_("The file is empty."))
    if b"\x00" in sample:
        raise FileProblem(_("This is not a CSV file. Upload a CSV or XLSX file."))
    encoding = _encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    text = sample.decode(encoding, errors="replace")
    if len(sample) == SAMPLE_BYTES:
        text = text[: text.rfind("\n") + 1] or text  # whole lines only
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS)
        dialect.doublequote = True  # the sniffer guesses this wrongly on files without quotes
    except csv.Error:
        dialect = csv.excel
    wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(wrapper, dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise FileProblem(_("Line 1 cannot be read: %(error)s") % {"error": error}) from None
    estimate = None
    lines = text.count("\n")
    if size and lines > 1:
        estimate = max(0, round(size * (lines - 1) / len(text.encode(encoding, "replace"))))

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for line, row in enumerate(reader, start=2):  # noqa: B007
                yield line, row
        except UnicodeDecodeError:
            raise FileProblem(
                _(
                    "Line %(line)s is not %(encoding)s text: save the file as "
                    "“CSV UTF-8” and upload it again."
                )
                % {"line": line + 1, "encoding": "UTF-8" if "utf" in encoding else encoding}
            ) from None
        except csv.Error as error:
            raise FileProblem(
                _("Line %(line)s cannot be read: %(error)s") % {"line": line + 1, "error": error}
            ) from None
        finally:
            # Leave the caller's stream open: the engine may read it again.
            if not wrapper.closed:
                wrapper.detach()

    return Table([h.strip() for h in header], rows(), estimate)


def _size(stream: IO[bytes]) -> int | None:
    try:
        return stream.seek(0, os.SEEK_END)
    except (OSError, AttributeError):
        return None


def _xlsx(stream: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(
            _("This is not an XLSX workbook Tenantry can read (%(error)s).") % {"error": error}
        ) from None
    sheet = book.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    header: list[str] = []
    line = 0
    for line, row in enumerate(cells, start=1):  # noqa: B007
        header = [cell_text(v) for v in row]
        if any(header):
            break
    if not any(header):
        book.close()
        raise FileProblem(_("The file is empty."))
    while header and not header[-1]:
        header.pop()
    width = len(header)
    estimate = (sheet.max_row - line) if sheet.max_row else None
    first = line

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(cells, start=first + 1):
                yield number, [cell_text(v) for v in row[:width]]
        finally:
            book.close()

    return Table(header, rows(), estimate)
