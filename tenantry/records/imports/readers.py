"""Streaming a CSV or XLSX file as (line number, list of cell texts), never loading it whole.

Line numbers are the ones a person sees in a spreadsheet: the header is line 1, and a CSV
record with a line break inside a quoted cell still counts as one line.

A file's size is checked before it is read, and again as it is read (limits.py): an XLSX's
parts unpacked, the rows after the header, the length of a line and of a cell. Each limit
stops the file with a FileProblem naming it.
"""

import codecs
import csv
import io
import os
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tenantry.core.figures import number_text

from . import limits
from .values import cell_text

SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t|"


class FileProblem(Exception):
    """The file as a whole cannot be read (not a CSV or XLSX, not text, no header, too big);
    `line` is the line it stopped at, if it stopped at one."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def too_many_rows() -> FileProblem:
    return FileProblem(
        _(
            "The file has more than %(rows)s rows, the most one import may have. Split it into "
            "smaller files."
        )
        % {"rows": number_text(limits.max_rows())},
        line=1,
    )


def cell_too_long(line: int) -> FileProblem:
    return FileProblem(
        _("Line %(line)s has a cell longer than %(chars)s characters, which is Excel's own limit.")
        % {"line": line, "chars": number_text(limits.MAX_CELL_CHARS)},
        line=line,
    )


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
    # The module's limit is for every reader in the process; no other code reads CSV.
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    if _more_rows_than_allowed(stream, encoding, dialect):
        raise too_many_rows()
    stream.seek(0)
    lines_read = _Lines(stream, encoding)
    reader = csv.reader(lines_read, dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    except (UnicodeDecodeError, csv.Error, _LineTooLong) as error:
        raise _unreadable_line(1, error) from None
    estimate = None
    lines = text.count("\n")
    if size and lines > 1:
        estimate = max(0, round(size * (lines - 1) / len(text.encode(encoding, "replace"))))
    last = limits.max_rows() + 1

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for line, row in enumerate(reader, start=2):  # noqa: B007
                if line > last:
                    raise too_many_rows()
                yield line, row
        except (UnicodeDecodeError, csv.Error, _LineTooLong) as error:
            raise _unreadable_line(line + 1, error) from None
        finally:
            lines_read.close()

    return Table([h.strip() for h in header], rows(), estimate)


def _more_rows_than_allowed(stream: IO[bytes], encoding: str, dialect) -> bool:
    """Whether the CSV has more rows than allowed, known before any row is checked. Counting
    line breaks is quick; only a file with more of them than rows allowed (a quoted cell may
    hold line breaks) has its records counted."""
    allowed = limits.max_rows() + 1  # and the header
    stream.seek(0)
    breaks = 0
    while chunk := stream.read(1024 * 1024):
        breaks += chunk.count(b"\n")  # in UTF-16 too, each line break holds this byte
    if breaks <= allowed:
        return False
    stream.seek(0)
    lines = _Lines(stream, encoding)
    try:
        for records, _row in enumerate(csv.reader(lines, dialect), start=1):
            if records > allowed:
                return True
    except (UnicodeDecodeError, csv.Error, _LineTooLong):
        return False  # reported on its line when the rows are read
    finally:
        lines.close()
    return False


def _unreadable_line(line: int, error: Exception) -> FileProblem:
    if isinstance(error, UnicodeDecodeError):
        return FileProblem(_unreadable(line), line=line)
    if isinstance(error, _LineTooLong):
        return FileProblem(
            _(
                "Line %(line)s is longer than %(size)s: it cannot be a row of a housing system's "
                "export."
            )  # fmt: skip
            % {"line": line, "size": _("%(mb)s MB") % {"mb": limits.MAX_LINE_BYTES // 2**20}},
            line=line,
        )
    if "field larger than field limit" in str(error):
        return cell_too_long(line)
    return FileProblem(
        _("Line %(line)s cannot be read: %(error)s") % {"line": line, "error": error}, line=line
    )


def _unreadable(line: int) -> str:
    return _(
        "Line %(line)s has a character that cannot be read: save the file as “CSV UTF-8” "
        "and upload it again."
    ) % {"line": line}


class _LineTooLong(Exception):
    pass


class _Lines:
    """The file's text line by line. Each line of a byte-per-character file (UTF-8,
    Windows-1252) is decoded as it is read, so a byte that cannot be read stops the reader on
    the line that holds it; UTF-16 is decoded as it streams. A line longer than
    limits.MAX_LINE_BYTES stops it before more of the line is read."""

    def __init__(self, stream: IO[bytes], encoding: str):
        self.stream = stream
        self.wrapper = None
        if encoding == "utf-16":
            self.wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
        self.decoder = codecs.getincrementaldecoder(encoding)()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        limit = limits.MAX_LINE_BYTES
        if self.wrapper is not None:
            text = self.wrapper.readline(limit // 2 + 1)  # two bytes a character
            if not text:
                raise StopIteration
            if len(text) > limit // 2 and not text.endswith(("\n", "\r")):
                raise _LineTooLong
            return text
        raw = self.stream.readline(limit + 1)
        if len(raw) > limit and not raw.endswith(b"\n"):
            raise _LineTooLong
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


def check_workbook(stream: IO[bytes]) -> None:
    """Refuse an XLSX file (a zip) that would take more than its share of memory or time
    before anything in it is unpacked: too many parts, parts that add up to more than
    limits.max_unzipped_bytes() unpacked, or a part that unpacks to more than
    limits.MAX_COMPRESSION_RATIO times its packed size (a "zip bomb")."""
    parts = _zip_parts(stream)
    if parts is not None and parts > limits.MAX_ZIP_PARTS:
        raise FileProblem(
            _("This is not an XLSX workbook Tenantry can read: it has more than %(parts)s parts.")
            % {"parts": number_text(limits.MAX_ZIP_PARTS)},
            line=1,
        )
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(
            _("This is not an XLSX workbook Tenantry can read (%(error)s).") % {"error": error},
            line=1,
        ) from None
    finally:
        stream.seek(0)
    unpacked = sum(info.file_size for info in infos)
    exploding = [
        info
        for info in infos
        if info.file_size >= limits.RATIO_CHECKED_FROM_BYTES
        and info.file_size > limits.MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
    ]
    if exploding:
        raise FileProblem(
            _(
                "This workbook unpacks to %(size)s from %(packed)s, more than %(ratio)s times "
                "its size, which no real workbook does, so it is not read. Save the sheet as "
                "CSV and upload that."
            )
            % {
                "size": filesizeformat(unpacked),
                "packed": filesizeformat(sum(info.compress_size for info in infos)),
                "ratio": limits.MAX_COMPRESSION_RATIO,
            },
            line=1,
        )
    if unpacked > limits.max_unzipped_bytes():
        raise FileProblem(
            _(
                "This workbook unpacks to %(size)s, more than the %(limit)s one import may "
                "read. Save the sheet as CSV and upload that, or split it into smaller files."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": _("%(mb)s MB") % {"mb": number_text(limits.max_unzipped_bytes() // 2**20)},
            },
            line=1,
        )


def _zip_parts(stream: IO[bytes]) -> int | None:
    """The number of parts a zip's end record says it has, read from the file's last bytes
    without reading its directory (None if there is no end record: zipfile then refuses it).
    A Zip64 file's count of 0xFFFF is taken as too many: a workbook never needs Zip64's
    directory."""
    size = stream.seek(0, os.SEEK_END)
    tail_size = min(size, 22 + 65_535)  # the end record and its longest comment
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    # zipfile reads the directory by its size, not its count: a directory far larger than
    # this many parts need (a name of 255 bytes and room for extras each) is refused too.
    if entries == 0xFFFF or directory_size > limits.MAX_ZIP_PARTS * 1024:
        return limits.MAX_ZIP_PARTS + 1
    return entries


def _xlsx(stream: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    check_workbook(stream)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(
            _("This is not an XLSX workbook Tenantry can read (%(error)s).") % {"error": error}
        ) from None
    sheet = book.worksheets[0]
    last = limits.max_rows() + 1
    cells = sheet.iter_rows(values_only=True)
    header: list[str] = []
    line = 0
    for line, row in enumerate(cells, start=1):  # noqa: B007
        header = _cells(row, line)
        if any(header):
            break
        if line > last:
            book.close()
            raise too_many_rows()
    if not any(header):
        book.close()
        raise FileProblem(_("The file is empty."))
    if sheet.max_row and sheet.max_row - line > limits.max_rows():
        # The sheet's own dimensions say so; when they are wrong or missing, the rows are
        # counted as they are read.
        book.close()
        raise too_many_rows()
    while header and not header[-1]:
        header.pop()
    width = len(header)
    estimate = (sheet.max_row - line) if sheet.max_row else None
    first = line
    last += first - 1  # the rows allowed come after the header

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(cells, start=first + 1):
                if number > last:
                    raise too_many_rows()
                yield number, _cells(row[:width], number)
        finally:
            book.close()

    return Table(header, rows(), estimate)


def _cells(row, line: int) -> list[str]:
    texts = [cell_text(v) for v in row]
    if texts and max(map(len, texts)) > limits.MAX_CELL_CHARS:
        raise cell_too_long(line)
    return texts
