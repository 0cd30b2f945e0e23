"""The regulator's published per-landlord TSM results as external peer data, and quartiles.

`import_peer_workbook` reads one year's "TSM Full Data" workbook from the Regulator of Social
Housing exactly as published (read-only and streamed by openpyxl) into PeerLandlord and
PeerValue rows keyed by our own indicator codes. Columns are found by the measure code in their
header ("(TP09)", "(CH01 1 Numerator)"), whatever footnote digits or line breaks the header
carries, so a re-issued workbook with reworded headers still loads. The regulator's markers
([X] left blank, [Z] not required, [U] no denominator, [E] excluded, [S] suppressed) are kept
on the row with no value: they are never read as zero.

`quartiles` and `position` are the arithmetic every comparison shares; docs/indicators.md
("Benchmarking") states the quartile method and why it was chosen.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tenantry.core.periods import financial_year
from tenantry.records.imports.readers import FileProblem, check_workbook

from .models import PeerLandlord, PeerValue

# The regulator's markers, as its workbooks explain them.
MARKERS = {
    "[X]": "left blank by the landlord",
    "[Z]": "no response required",
    "[U]": "denominator was zero or missing",
    "[E]": "excluded by the regulator",
    "[S]": "suppressed by the regulator",
}

PERCEPTION_CODES = [f"TP{n:02d}" for n in range(1, 13)]
# Shared owners are not asked about repairs or maintenance (TP02 to TP04).
LCHO_PERCEPTION_CODES = ["TP01", *[f"TP{n:02d}" for n in range(5, 13)]]
UNSPLIT_CODES = ["BS01", "BS02", "BS03", "BS04", "BS05", "NM01-1", "NM01-2", "RP01", "RP02-1",
                 "RP02-2"]  # fmt: skip
SPLIT_CODES = ["CH01-1", "CH01-2", "CH02-1", "CH02-2"]
# Worked out here from the 2024/25 "without the use of the extension" counts.
WITHOUT_EXTENSION = {"CH02-1N": "CH02-1", "CH02-2N": "CH02-2"}

# How the management information sheet names each stock type at the start of a header.
PREFIXES = {"lcra": "LCRA", "lcho": "LCHO", "combined": "Combined"}
VALUE_PLACES = Decimal("0.0001")
COUNT_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


class PeerWorkbookError(Exception):
    """The workbook is not one we can load; `problems` says every reason, in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportSummary:
    """What one import loaded: landlords, figures, and the regulator's markers by kind."""

    year_label: str
    landlords: int = 0
    values: int = 0  # PeerValue rows, with a figure or a marker
    figures: int = 0  # of which have a figure
    markers: Counter = field(default_factory=Counter)
    empty_cells: int = 0  # cells with nothing in them: no row is stored
    computed: int = 0  # CH02-1N / CH02-2N worked out from published counts
    # A published 0 with no homes or cases behind it (the 2023/24 workbook's way of saying what
    # later years mark [U]): kept as published, left out of comparisons.
    zero_without_denominator: int = 0
    by_sheet: dict[str, int] = field(default_factory=dict)  # landlord rows read per sheet
    replaced: int = 0  # landlords of the same year removed first

    def lines(self) -> list[str]:
        markers = ", ".join(f"{m} {self.markers[m]:,}" for m in MARKERS if self.markers[m])
        sheets = ", ".join(f"{name} {count:,}" for name, count in self.by_sheet.items())
        return [
            f"{self.year_label}: {self.landlords:,} landlords, {self.values:,} values "
            f"({self.figures:,} with a figure).",
            f"Markers: {markers or 'none'}.",
            f"Rows per sheet: {sheets}.",
            f"Without-extension proportions worked out (CH02-1N, CH02-2N): {self.computed:,}; "
            f"empty cells skipped: {self.empty_cells:,}; landlords replaced: {self.replaced:,}.",
            f"Zeros published with no homes or cases behind them (left out of comparisons): "
            f"{self.zero_without_denominator:,}.",
        ]


# --- reading the workbook ----------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u200b]+")
# "(TP09)7", "(CH01 1 Numerator)", "(BS05 Numerator) 5", "(RP01)2": the code, its part, and
# whether it is the numerator or denominator, with any footnote digits after the bracket.
_MEASURE = re.compile(
    r"\((?P<code>TP\d{2}|BS0[1-5]|NM01|RP01|RP02|CH01|CH02)"
    r"(?:\s+(?P<part>[12]))?(?:\s+(?P<role>Numerator|Denominator))?\)\s*[\d,]*$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?P<prefix>LCRA|LCHO|Combined)\s*-\s*", re.IGNORECASE)
_WITHOUT_EXTENSION = re.compile(
    r"stage (?P<stage>one|two) complaints.*\bwithout the use of the \d+ day extension",
    re.IGNORECASE,
)
_REPORTING_YEAR = re.compile(r"1 April (\d{4}) to 31 March (\d{4})")


def clean_header(header) -> str:
    """A header on one line with single spaces (the workbooks break lines and pad with
    non-breaking and zero-width spaces)."""
    return _SPACES.sub(" ", str(header or "")).strip()


@dataclass(frozen=True)
class Column:
    index: int
    header: str


@dataclass
class Sheet:
    """One table: its title, header row number and the columns we read from it."""

    title: str
    header_row: int
    headers: list[str]
    columns: dict[tuple, Column]

    def find(self, starts: str) -> Column | None:
        for index, header in enumerate(self.headers):
            if header.lower().startswith(starts.lower()):
                return Column(index, header)
        return None


def _measure_key(header: str, *, perception: bool) -> tuple | None:
    """(stock prefix, our code, "value" | "numerator" | "denominator") for a measure column."""
    if perception:
        # One headline column per measure; the counts and per-method shares carry the code too.
        if not header.lower().startswith("proportion of respondents who report"):
            return None
    elif header.lower().startswith("did you own"):
        return None
    match = _MEASURE.search(header)
    if match:
        code = match["code"].upper() + (f"-{match['part']}" if match["part"] else "")
        if perception != code.startswith("TP"):
            return None
        stock = _stock_of(header)
        return stock, code, (match["role"] or "value").lower()
    if not perception and (extension := _WITHOUT_EXTENSION.search(header)):
        stock = _stock_of(header)
        code = "CH02-1N" if extension["stage"].lower() == "one" else "CH02-2N"
        return stock, code, "numerator"
    return None


def _stock_of(header: str) -> str:
    """ "lcra", "lcho" or "combined" from a header's "LCRA - " prefix; "" without one."""
    prefix = _PREFIX.match(header)
    return prefix["prefix"].lower() if prefix else ""


def _published(code: str, role: str = "value") -> str:
    """How a code appears in the regulator's headers: "CH01-1" -> "(CH01 1)"."""
    inner = code.replace("-", " ")
    return f"({inner})" if role == "value" else f"({inner} {role.capitalize()})"


def _read_header(rows: Iterator[tuple], title: str) -> tuple[int, list[str]]:
    for number, row in enumerate(rows, start=1):
        if row and clean_header(row[0]).lower() == "landlord name":
            return number, [clean_header(cell) for cell in row]
        if number >= 40:
            break
    raise PeerWorkbookError(
        [f'Sheet "{title}": no header row starting "Landlord name" in its first 40 rows.']
    )


def _sheet(workbook, pattern: str, *, required: bool = True):
    for worksheet in workbook.worksheets:
        if re.search(pattern, worksheet.title, re.IGNORECASE):
            return worksheet
    if required:
        raise PeerWorkbookError(
            [f'The workbook has no sheet named like "{pattern.strip("^$")}" '
             f"(it has: {', '.join(ws.title for ws in workbook.worksheets)})."]
        )  # fmt: skip
    return None


def _open_table(worksheet, *, perception: bool | None) -> tuple[Sheet, Iterator[tuple]]:
    rows = worksheet.iter_rows(values_only=True)
    header_row, headers = _read_header(rows, worksheet.title)
    columns: dict[tuple, Column] = {}
    problems = []
    if perception is not None:
        for index, header in enumerate(headers):
            key = _measure_key(header, perception=perception)
            if key is None:
                continue
            if key in columns:
                problems.append(
                    f'Sheet "{worksheet.title}": two columns for {key[1]} {key[0]} {key[2]}: '
                    f'"{columns[key].header}" and "{header}".'
                )
            columns[key] = Column(index, header)
    if problems:
        raise PeerWorkbookError(problems)
    return Sheet(worksheet.title, header_row, headers, columns), rows


def _require(sheet: Sheet, keys: Iterable[tuple], problems: list[str]) -> None:
    for stock, code, role in keys:
        if (stock, code, role) in sheet.columns:
            continue
        expected = f'ending "{_published(code, role)}"'
        if stock:
            expected = f'starting "{PREFIXES[stock]} - " and {expected}'
        problems.append(
            f'Sheet "{sheet.title}": no column for {code}'
            f"{' (' + PREFIXES[stock] + ')' if stock else ''}: expected a header {expected}."
        )


def _landlord_columns(
    sheet: Sheet, problems: list[str], *, details: bool, typed: bool = True
) -> dict[str, Column]:
    wanted = {"name": "Landlord name", "code": "Landlord code"}
    if typed:
        wanted["type"] = "Landlord type"
    if details:
        wanted |= {"size": "Landlord group size", "region": "Landlord predominant region"}
    found = {}
    for key, starts in wanted.items():
        column = sheet.find(starts)
        if column is None:
            problems.append(f'Sheet "{sheet.title}": no column headed "{starts}".')
        else:
            found[key] = column
    if notes := sheet.find("Any additional notes from RSH"):
        found["notes"] = notes
    return found


def _rows(sheet: Sheet, rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """The table's rows, up to the first without a landlord (notes follow the table)."""
    for number, row in enumerate(rows, start=sheet.header_row + 1):
        if not row or all(cell in (None, "") for cell in row[:2]):
            return
        yield number, row


def _text(row: tuple, column: Column | None) -> str:
    if column is None or column.index >= len(row) or row[column.index] is None:
        return ""
    return clean_header(row[column.index])


class _Cells:
    """Reads cells as a figure, a marker or nothing; remembers every cell it cannot read."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def read(self, sheet: Sheet, number: int, row: tuple, column: Column, code: str):
        value = row[column.index] if column.index < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, ""
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, (int, float)):
            number_value = Decimal(str(value))
            if number_value.is_finite():
                return number_value, ""
        elif isinstance(value, str):
            text = value.strip()
            if text.upper() in MARKERS:
                return None, text.upper()
            try:
                number_value = Decimal(text.replace(",", ""))
            except InvalidOperation:
                pass
            else:
                if number_value.is_finite():
                    return number_value, ""
        self.problems.append(
            f'Sheet "{sheet.title}", row {number}, {code} column "{column.header[:80]}": '
            f"{value!r} is neither a number nor one of the regulator's markers "
            f"({' '.join(MARKERS)})."
        )
        return None, ""


@dataclass
class _Landlord:
    code: str
    name: str
    landlord_type: str
    size_band: str = ""
    region: str = ""
    homes: int | None = None
    notes: list[str] = field(default_factory=list)

    def add_note(self, text: str) -> None:
        if text and text.upper() not in MARKERS and text not in self.notes:
            self.notes.append(text)


@dataclass
class _Value:
    code: str
    stock_type: str
    value: Decimal | None
    marker: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _reporting_year(workbook) -> str | None:
    """The year the workbook says it covers ("1 April 2024 to 31 March 2025"), if it says."""
    intro = _sheet(workbook, r"^Introduction$", required=False)
    if intro is None:
        return None
    for number, row in enumerate(intro.iter_rows(values_only=True)):
        for cell in row:
            if isinstance(cell, str) and (match := _REPORTING_YEAR.search(cell)):
                return financial_year(int(match[1])).label
        if number > 40:
            break
    return None


def read_peer_workbook(path: Path | str, *, year_label: str) -> tuple[dict, dict, ImportSummary]:
    """Read a workbook without writing anything: landlords by code, their values, a summary.

    Raises PeerWorkbookError listing every problem (a missing sheet or column, an unreadable
    cell, a landlord twice in one table) so a bad file is refused whole.
    """
    summary = ImportSummary(year_label=year_label)
    landlords: dict[str, _Landlord] = {}
    values: dict[str, dict[tuple[str, str], _Value]] = {}
    problems: list[str] = []
    cells = _Cells()
    if zipfile.is_zipfile(path):  # (a file that is not one is refused below, in its words)
        try:
            with Path(path).open("rb") as stream:
                check_workbook(stream)  # the size guard every uploaded workbook passes
        except FileProblem as problem:
            raise PeerWorkbookError([f"{Path(path).name}: {problem}"]) from None
    try:
        workbook = openpyxl.load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise PeerWorkbookError(
            [f"{Path(path).name} is not an Excel workbook ({error})."]
        ) from None
    try:
        stated = _reporting_year(workbook)
        if stated and stated != year_label:
            raise PeerWorkbookError([f"This workbook reports the year {stated}, not {year_label}."])
        _read_coverage(workbook, landlords, problems)
        for pattern, stock, codes in (
            (r"_LCRA_Perception$", "lcra", PERCEPTION_CODES),
            (r"_LCHO_Perception$", "lcho", LCHO_PERCEPTION_CODES),
            (r"_Combined_Perception$", "combined", PERCEPTION_CODES),
        ):
            _read_perception(workbook, pattern, stock, codes, landlords, values, cells,
                             problems, summary)  # fmt: skip
        _read_management(workbook, landlords, values, cells, problems, summary)
        for pattern in (r"_Perception_Not_Inc$", r"_Man_Info_Not_Inc$"):
            _read_not_included(workbook, pattern, landlords, problems)
    finally:
        workbook.close()
    problems += cells.problems
    if problems:
        raise PeerWorkbookError(problems)
    for found in values.values():
        for value in found.values():
            summary.values += 1
            if value.value is not None:
                summary.figures += 1
            elif value.marker:
                summary.markers[value.marker] += 1
            if is_zero_without_denominator(value):
                summary.zero_without_denominator += 1
    summary.landlords = len(landlords)
    return landlords, values, summary


def is_zero_without_denominator(value) -> bool:
    """A management-information 0 over a zero or unpublished denominator: no lifts, so "0% of
    lift checks done"; no shared owners, so "0 complaints per 1,000 homes". Not a real figure.
    Perception measures publish no denominator and are never caught by this."""
    return (
        not value.code.startswith("TP")
        and value.value is not None
        and value.value == 0
        and not value.denominator
    )


def _landlord(landlords: dict, sheet: Sheet, row: tuple, columns: dict, number: int,
              problems: list[str]) -> _Landlord | None:  # fmt: skip
    code, name = _text(row, columns.get("code")), _text(row, columns.get("name"))
    if not code:
        problems.append(f'Sheet "{sheet.title}", row {number}: "{name}" has no landlord code.')
        return None
    landlord = landlords.get(code)
    if landlord is None:
        landlord = landlords[code] = _Landlord(code, name, _text(row, columns.get("type")))
    landlord.size_band = landlord.size_band or _text(row, columns.get("size"))
    landlord.region = landlord.region or _text(row, columns.get("region"))
    landlord.add_note(_text(row, columns.get("notes")))
    return landlord


def _read_coverage(workbook, landlords: dict, problems: list[str]) -> None:
    sheet, rows = _open_table(_sheet(workbook, r"^Table_Coverage$"), perception=None)
    columns = _landlord_columns(sheet, problems, details=False)
    if len(columns) < 3:
        return
    for number, row in _rows(sheet, rows):
        _landlord(landlords, sheet, row, columns, number, problems)


def _read_perception(workbook, pattern, stock, codes, landlords, values, cells, problems,
                     summary) -> None:  # fmt: skip
    sheet, rows = _open_table(_sheet(workbook, pattern), perception=True)
    columns = _landlord_columns(sheet, problems, details=True)
    before = len(problems)
    _require(sheet, [("", code, "value") for code in codes], problems)
    if len(problems) > before or len(columns) < 5:
        return
    seen: dict[str, int] = {}
    count = 0
    for number, row in _rows(sheet, rows):
        landlord = _landlord(landlords, sheet, row, columns, number, problems)
        if landlord is None or _twice(sheet, landlord, number, seen, problems):
            continue
        count += 1
        found = values.setdefault(landlord.code, {})
        for code in codes:
            value, marker = cells.read(sheet, number, row, sheet.columns[("", code, "value")],
                                       code)  # fmt: skip
            if value is None and not marker:
                summary.empty_cells += 1
                continue
            found[(code, stock)] = _Value(code, stock, value, marker)
    summary.by_sheet[sheet.title] = count


def _twice(sheet: Sheet, landlord: _Landlord, number: int, seen: dict, problems: list) -> bool:
    if landlord.code in seen:
        problems.append(
            f'Sheet "{sheet.title}": landlord {landlord.code} ({landlord.name}) is in rows '
            f"{seen[landlord.code]} and {number}."
        )
        return True
    seen[landlord.code] = number
    return False


def _read_management(workbook, landlords, values, cells, problems, summary) -> None:
    sheet, rows = _open_table(_sheet(workbook, r"_Management_?Info$"), perception=False)
    columns = _landlord_columns(sheet, problems, details=True)
    before = len(problems)
    _require(sheet, [("", code, "value") for code in UNSPLIT_CODES], problems)
    _require(
        sheet,
        [(stock, code, "value") for stock in PREFIXES for code in SPLIT_CODES],
        problems,
    )
    if len(problems) > before or len(columns) < 5:
        return
    wanted = [("", code) for code in UNSPLIT_CODES]
    wanted += [(stock, code) for stock in PREFIXES for code in SPLIT_CODES]
    seen: dict[str, int] = {}
    count = 0
    for number, row in _rows(sheet, rows):
        landlord = _landlord(landlords, sheet, row, columns, number, problems)
        if landlord is None or _twice(sheet, landlord, number, seen, problems):
            continue
        count += 1
        found = values.setdefault(landlord.code, {})

        def read(stock: str, code: str, role: str, *, row=row, number=number):
            column = sheet.columns.get((stock, code, role))
            if column is None:
                return None, ""
            return cells.read(sheet, number, row, column, code)

        for stock, code in wanted:
            value, marker = read(stock, code, "value")
            numerator, _marker = read(stock, code, "numerator")
            denominator, _marker = read(stock, code, "denominator")
            if value is None and not marker:
                summary.empty_cells += 1
                continue
            found[(code, stock)] = _Value(code, stock, value, marker, numerator, denominator)
        for stock in PREFIXES:
            for code, of in WITHOUT_EXTENSION.items():
                if (stock, code, "numerator") not in sheet.columns:
                    continue
                computed = _without_extension(read(stock, code, "numerator"),
                                              read(stock, of, "denominator"))  # fmt: skip
                if computed is None:
                    summary.empty_cells += 1
                    continue
                value, marker, numerator, denominator = computed
                found[(code, stock)] = _Value(code, stock, value, marker, numerator, denominator)
                summary.computed += value is not None
        landlord.homes = _homes(found)
    summary.by_sheet[sheet.title] = count


def _without_extension(numerator_cell, denominator_cell):
    """CH02 without the Code's extension, as a percentage: only when both counts are published.

    A marker on either count is kept; a zero denominator is the regulator's [U].
    """
    (numerator, numerator_marker), (denominator, denominator_marker) = (
        numerator_cell,
        denominator_cell,
    )
    if numerator is None and not numerator_marker:
        return None
    if numerator_marker or denominator_marker:
        return None, numerator_marker or denominator_marker, numerator, denominator
    if denominator is None:
        return None, "[U]", numerator, None
    if denominator == 0:
        return None, "[U]", numerator, denominator
    return numerator * HUNDRED / denominator, "", numerator, denominator


def _homes(found: dict) -> int | None:
    """Homes owned at year end: the NM01 denominator (low-cost rental and home ownership
    together), else the CH01 denominators of each stock type added up."""
    asb = found.get(("NM01-1", ""))
    if asb and asb.denominator:
        return int(asb.denominator)
    parts = [found.get(("CH01-1", stock)) for stock in ("lcra", "lcho")]
    total = sum(int(p.denominator) for p in parts if p and p.denominator)
    if total:
        return total
    combined = found.get(("CH01-1", "combined"))
    if combined and combined.denominator:
        return int(combined.denominator)
    return None


def _read_not_included(workbook, pattern, landlords, problems) -> None:
    worksheet = _sheet(workbook, pattern, required=False)
    if worksheet is None:
        return
    sheet, rows = _open_table(worksheet, perception=None)
    columns = _landlord_columns(sheet, problems, details=False, typed=False)
    note = sheet.find("Notes from RSH")
    for _line, row in _rows(sheet, rows):
        landlord = landlords.get(_text(row, columns.get("code")))
        if landlord is not None:
            landlord.add_note(_text(row, note))


# --- writing -----------------------------------------------------------------------------------


def _places(number: Decimal | None, places: Decimal) -> Decimal | None:
    return None if number is None else number.quantize(places)


@transaction.atomic
def import_peer_workbook(path: Path | str, *, year_label: str) -> ImportSummary:
    """Replace one year's peer data with the workbook's, all or nothing; returns a summary.

    Importing the same workbook again gives the same rows: the year is cleared first.
    """
    year_label = financial_year(year_label).label
    landlords, values, summary = read_peer_workbook(path, year_label=year_label)
    summary.replaced = PeerLandlord.objects.filter(year_label=year_label).count()
    PeerLandlord.objects.filter(year_label=year_label).delete()
    rows = PeerLandlord.objects.bulk_create(
        [
            PeerLandlord(
                year_label=year_label,
                code=landlord.code[:20],
                name=landlord.name[:200],
                landlord_type=landlord.landlord_type[:20],
                size_band=landlord.size_band[:60],
                region=landlord.region[:60],
                homes=landlord.homes,
                notes="\n\n".join(landlord.notes),
            )
            for landlord in landlords.values()
        ]
    )
    pks = {row.code: row.pk for row in rows}
    if None in pks.values():  # a database that does not return keys from a bulk insert
        pks = dict(PeerLandlord.objects.filter(year_label=year_label).values_list("code", "pk"))
    PeerValue.objects.bulk_create(
        [
            PeerValue(
                landlord_id=pks[code[:20]],
                code=value.code,
                stock_type=value.stock_type,
                value=_places(value.value, VALUE_PLACES),
                numerator=_places(value.numerator, COUNT_PLACES),
                denominator=_places(value.denominator, COUNT_PLACES),
                marker=value.marker,
            )
            for code, found in values.items()
            for value in found.values()
        ],
        batch_size=2000,
    )
    return summary


# --- quartiles and position --------------------------------------------------------------------


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _quantile(ordered: list[Decimal], fraction: Decimal) -> Decimal:
    # Excel's QUARTILE.INC, numpy's "linear", Hyndman and Fan's type 7: the point (n - 1) × p
    # of the way along the sorted values, interpolated between its neighbours.
    at = (len(ordered) - 1) * fraction
    below = int(at)
    if below + 1 >= len(ordered):
        return ordered[below]
    return ordered[below] + (at - below) * (ordered[below + 1] - ordered[below])


def quartiles(values: Iterable) -> tuple[Decimal, Decimal, Decimal]:
    """The lower quartile, median and upper quartile, as Excel's QUARTILE.INC works them out.

    Raises ValueError for no values; one value is its own quartiles.
    """
    ordered = sorted(_decimal(v) for v in values if v is not None)
    if not ordered:
        raise ValueError("quartiles need at least one value")
    return (
        _quantile(ordered, Decimal("0.25")),
        _quantile(ordered, Decimal("0.5")),
        _quantile(ordered, Decimal("0.75")),
    )


# Quartiles of fewer figures than this say little; the figures are listed instead.
MIN_FOR_QUARTILES = 4


def is_comparable(value) -> bool:
    """A published value that may be compared with others: a figure (not one of the
    regulator's markers) that is not a 0 with no homes or cases behind it."""
    return value.value is not None and not is_zero_without_denominator(value)


@dataclass(frozen=True)
class Spread:
    """How a set of figures spreads: its quartiles (QUARTILE.INC) and its best figure, read in
    the measure's direction."""

    lower: Decimal
    median: Decimal
    upper: Decimal
    best: Decimal
    count: int
    higher_is_better: bool

    @property
    def quartiles(self) -> tuple[Decimal, Decimal, Decimal]:
        return self.lower, self.median, self.upper

    @property
    def top_edge(self) -> Decimal:
        """Where the top quarter begins: the upper quartile when higher is better, the lower
        quartile when lower is better."""
        return self.upper if self.higher_is_better else self.lower

    @property
    def top_band(self) -> tuple[Decimal, Decimal]:
        """The top quarter as (low, high): from its edge to the best figure."""
        return (self.upper, self.best) if self.higher_is_better else (self.best, self.lower)


def spread(figures: Iterable, *, higher_is_better: bool) -> Spread | None:
    """The spread of the figures given (None among them is ignored), or None when there are
    fewer than MIN_FOR_QUARTILES: the one rule every quartile shown or aimed at follows."""
    ordered = sorted(_decimal(v) for v in figures if v is not None)
    if len(ordered) < MIN_FOR_QUARTILES:
        return None
    lower, median, upper = quartiles(ordered)
    best = ordered[-1] if higher_is_better else ordered[0]
    return Spread(lower, median, upper, best, len(ordered), higher_is_better)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th; other languages say it their way."""
    if 10 <= number % 100 <= 20:
        form = pgettext("ordinal", "%(number)sth")
    else:
        form = {
            1: pgettext("ordinal", "%(number)sst"),
            2: pgettext("ordinal", "%(number)snd"),
            3: pgettext("ordinal", "%(number)srd"),
        }.get(number % 10) or pgettext("ordinal", "%(number)sth")
    return form % {"number": number}


@dataclass(frozen=True)
class Position:
    """Where a figure stands among others: its quartile (1 = best) and its rank."""

    quartile: int | None  # None when there is nothing to compare with
    rank: int  # 1 = best; figures that tie share a rank
    count: int  # the figure and the others together
    tied: bool = False

    @property
    def label(self) -> str:
        words = {"place": ordinal(self.rank), "count": f"{self.count:,}"}
        if self.tied:
            return _("joint %(place)s of %(count)s") % words
        return _("%(place)s of %(count)s") % words


def position(value, values: Iterable, *, higher_is_better: bool) -> Position:
    """Place `value` among the others' `values` (not including it).

    The quartile is worked out from the others' figures: 1 when the value is at or beyond the
    best quartile's edge, 4 when it is short of the worst one (a value exactly on an edge takes
    the better quartile). The rank counts the others that did strictly better, so ties share a
    rank, and is out of the others plus this one: "12th of 356" among 355 landlords.
    """
    mine = _decimal(value)
    others = [_decimal(v) for v in values if v is not None]
    better = sum(1 for v in others if (v > mine if higher_is_better else v < mine))
    tied = any(v == mine for v in others)
    if not others:
        return Position(None, 1, 1)
    low, middle, high = quartiles(others)
    if higher_is_better:
        quartile = 1 if mine >= high else 2 if mine >= middle else 3 if mine >= low else 4
    else:
        quartile = 1 if mine <= low else 2 if mine <= middle else 3 if mine <= high else 4
    return Position(quartile, better + 1, len(others) + 1, tied)
