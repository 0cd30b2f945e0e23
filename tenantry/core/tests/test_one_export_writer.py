"""Every CSV and XLSX file is written by core/exports.py, so that none can attack the person who
opens it (formula text neutralised) and figures and dates keep their types.

The source of every module (tests aside) is read: writing a CSV (`csv.writer`,
`csv.DictWriter`) or a workbook (anything from openpyxl but `load_workbook`, or another
spreadsheet library), or answering with a CSV or XLSX content type, anywhere else fails here.
Reading files (`csv.reader`, `openpyxl.load_workbook`) is allowed: the imports need it.
"""

import ast
from pathlib import Path

import pytest

import tenantry

ROOT = Path(tenantry.__file__).parent
THE_WRITER = ROOT / "core" / "exports.py"

CSV_WRITERS = {"writer", "DictWriter"}
OPENPYXL_READERS = {"load_workbook"}
# Other libraries that write spreadsheets: none is used, and none may be.
OTHER_WRITERS = {"xlsxwriter", "pyexcel", "tablib", "pandas", "xlwt", "odf", "pyexcel_xlsx"}
FILE_TYPES = ("text/csv", "spreadsheetml")


def _file_type(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(kind in node.value for kind in FILE_TYPES)
    )


def bypasses(source: str) -> list[str]:
    """What in `source` writes a CSV or workbook, or answers with one, itself."""
    tree = ast.parse(source)
    found = []
    aliases: dict[str, str] = {}  # a name in the module -> "csv" or "openpyxl"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in ("csv", "openpyxl"):
                    aliases[alias.asname or top] = top
                if alias.name != "openpyxl" and top == "openpyxl":
                    found.append(f"line {node.lineno}: import {alias.name}")
                if top in OTHER_WRITERS:
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            names = {alias.name for alias in node.names}
            if node.module == "csv" and names & CSV_WRITERS:
                found.append(f"line {node.lineno}: from csv import {', '.join(sorted(names))}")
            if top == "openpyxl" and (node.module != "openpyxl" or names - OPENPYXL_READERS):
                found.append(f"line {node.lineno}: from {node.module} import …")
            if top in OTHER_WRITERS:
                found.append(f"line {node.lineno}: from {node.module} import …")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = aliases.get(node.value.id)
            if module == "csv" and node.attr in CSV_WRITERS:
                found.append(f"line {node.lineno}: csv.{node.attr}")
            if module == "openpyxl" and node.attr not in OPENPYXL_READERS:
                found.append(f"line {node.lineno}: openpyxl.{node.attr}")
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "content_type" and _file_type(keyword.value):
                    found.append(f"line {node.lineno}: a response with a CSV or XLSX type")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.slice, ast.Constant)
                    and str(target.slice.value).lower() == "content-type"
                    and _file_type(node.value)
                ):
                    found.append(f"line {node.lineno}: a Content-Type of CSV or XLSX")
    return found


def _modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts and path != THE_WRITER
    )


def test_no_module_but_core_exports_writes_a_csv_or_a_workbook():
    found = {
        str(path.relative_to(ROOT.parent)): problems
        for path in _modules()
        if (problems := bypasses(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "Write CSV and XLSX files with tenantry/core/exports.py"


def test_the_scan_reads_modules_that_do_read_files():
    # The scan covers the readers too, so it is not passing for having read nothing.
    scanned = {str(path.relative_to(ROOT)) for path in _modules()}
    assert {"records/imports/readers.py", "indicators/peers.py"} <= scanned


@pytest.mark.parametrize(
    "source",
    [
        "import csv\nw = csv.writer(out)",
        "import csv as c\nw = c.DictWriter(out, fieldnames=[])",
        "from csv import writer",
        "from openpyxl import Workbook",
        "from openpyxl import load_workbook, Workbook",
        "from openpyxl.styles import Font",
        "import openpyxl\nbook = openpyxl.Workbook()",
        "import openpyxl.writer.excel",
        "import xlsxwriter",
        "import pandas as pd",
        "r = HttpResponse(content_type='text/csv')",
        "r = HttpResponse(content_type='application/vnd.openxmlformats-officedocument."
        "spreadsheetml.sheet')",
        "r['Content-Type'] = 'text/csv; charset=utf-8'",
    ],
)
def test_the_scan_finds_a_writer_of_its_own(source):
    assert bypasses(source)


@pytest.mark.parametrize(
    "source",
    [
        "import csv\nrows = csv.reader(lines, csv.excel)\ncsv.Sniffer().sniff(text)",
        "from openpyxl import load_workbook\nbook = load_workbook(path, read_only=True)",
        "import openpyxl\nbook = openpyxl.load_workbook(path)",
        "widget.attrs['accept'] = '.csv,.xlsx,text/csv'",
        "from tenantry.core import exports as files\nfiles.csv_response(rows, 'name')",
    ],
)
def test_reading_a_file_is_allowed(source):
    assert bypasses(source) == []
