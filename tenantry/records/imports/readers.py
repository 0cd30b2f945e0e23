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
    """UTF-16 after its byte order mark (Excel's "Unicode text"); UTF-8 (with or without a byte
    order mark) if the sample reads as UTF-8, else Windows-1252, which is what Excel's plain
    "CSV" saves on a UK Windows PC."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
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
    encoding = _encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    if encoding != "utf-16" and b"\x00" in sample:
        raise FileProblem(_("This is not a CSV file. Upload a CSV or XLSX file."))
    text = sample.decode(encoding, errors="replace")
    if len(sample) == SAMPLE_BYTES:
        text = text[: text.rfind("\n") + 1] or text  # whole lines only
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS)
        dialect.doublequote = True  # the sniffer guesses this wrongly on files without quotes
    except csv.Error:
        dialect = csv.excel
    lines_read = _Lines(stream, encoding)
    reader = csv.reader(lines_read, dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    except UnicodeDecodeError:
        raise FileProblem(_unreadable(1)) from None
    except csv.Error as error:
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
            raise FileProblem(_unreadable(line + 1)) from None
        except csv.Error as error:
            raise FileProblem(
                _("Line %(line)s cannot be read: %(error)s") % {"line": line + 1, "error": error}
            ) from None
        finally:
            lines_read.close()

    return Table([h.strip() for h in header], rows(), estimate)


def _unreadable(line: int) -> str:
    return _(
        "Line %(line)s has a character that cannot be read: save the file as “CSV UTF-8” "
        "and upload it again."
    ) % {"line": line}


class _Lines:
    """The file's text line by line. Each line of a byte-per-character file (UTF-8,
    Windows-1252) is decoded as it is read, so a byte that cannot be read stops the reader on
    the line that holds it; UTF-16 is decoded as it streams."""

    def __init__(self, stream: IO[bytes], encoding: str):
        self.stream = stream
        self.wrapper = None
        if encoding == "utf-16":
            self.wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
        self.decoder = codecs.getincrementaldecoder(encoding)()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.wrapper is not None:
            return next(self.wrapper)
        raw = self.stream.readline()
        text = self.decoder.decode(raw, final=not raw)
        if not raw and not text:
            raise StopIteration
        return text

    def close(self) -> None:
        # Leave the caller's stream open: the engine may read it again.
        if self.wrapper is not None and not self.wrapper.closed:
            self.wrapper.detach()


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
