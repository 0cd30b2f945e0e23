"""Importing the regulator's TSM workbooks: small workbooks built here in the published layout
(title and note rows above the header, footnote digits and line breaks in headers, decoy
columns carrying the same codes, markers in cells, notes below the table), every expectation
worked out by hand; then the real 2023/24 and 2024/25 workbooks when they are on this machine.
"""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenantry.core.tests.regulator_data import TSM_DATA
from tenantry.indicators.models import PeerLandlord, PeerValue
from tenantry.indicators.peers import PeerWorkbookError, import_peer_workbook, quartiles

pytestmark = pytest.mark.django_db

SOURCE = TSM_DATA / "source"
WORKBOOK_2024 = SOURCE / "2024_TSM_Full_Data_v1.1_FINAL_1756577982265.xlsx"
WORKBOOK_2025 = SOURCE / "2025_TSM_Full_Data_v1.0_FINAL.xlsx"

TP_WORDS = {
    "TP01": "are satisfied with the overall service provided by their landlord",
    "TP02": "are satisfied with the overall repairs service from their landlord over the last "
    "12 months",
    "TP03": "are satisfied with the time taken to complete their most recent repair",
    "TP04": "are satisfied that their landlord provides a home that is well maintained",
    "TP05": "are satisfied that their landlord provides a home that is safe",
    "TP06": "are satisfied that their landlord listens to their views and acts upon them",
    "TP07": "are satisfied that their landlord keeps them informed",
    "TP08": "are satisfied that their landlord treats them fairly and with respect",
    "TP09": "are satisfied with their landlord’s approach to complaints handling",
    "TP10": "are satisfied that their landlord keeps communal areas clean",
    "TP11": "are satisfied that their landlord makes a positive contribution to their "
    "neighbourhood",
    "TP12": "are satisfied with their landlord’s approach to handling anti-social behaviour",
}
# As published in 2024/25: footnote digits after some codes, and here a line break too.
TP_SUFFIX = {"TP09": "\n(TP09)7", "TP10": " (TP10)7"}

LANDLORDS = {
    "L0001": ("Alpha Homes", "PRP", "5,000-40,000", "London"),
    "00AB": ("Borough Council", "LA", "<5,000", "North"),
    "LH0003": ("Gamma Housing", "PRP", ">40,000", "Mixed"),
}
# Perception: our code -> published cell, per landlord and table.
LCRA = {
    "L0001": {f"TP{n:02d}": 70 + n + 0.25 for n in range(1, 13)},
    "00AB": {**{f"TP{n:02d}": 60 + n for n in range(1, 13)}, "TP09": "[X]", "TP10": "[Z]"},
}
LCHO = {"L0001": {**{f"TP{n:02d}": 40 + n for n in [1, *range(5, 13)]}, "TP01": 50}}

UNSPLIT = {
    # code: (published code, header words)
    "BS01": ("BS01", "Proportion of homes for which all required gas safety checks have been "
                     "carried out"),
    "BS02": ("BS02", "Proportion of homes for which all required fire risk assessments have been "
                     "carried out"),
    "BS03": ("BS03", "Proportion of homes for which all required asbestos management surveys"),
    "BS04": ("BS04", "Proportion of homes for which all required legionella risk assessments"),
    "BS05": ("BS05", "Proportion of homes for which all required communal passenger lift safety "
                     "checks have been carried out"),
    "NM01-1": ("NM01 1", "Number of anti-social behaviour cases, opened per 1,000 homes"),
    "NM01-2": ("NM01 2", "Number of anti-social behaviour cases that involve hate incidents "
                         "opened per 1,000 homes"),
    "RP01": ("RP01", "Proportion of homes that do not meet the Decent Homes Standard"),
    "RP02-1": ("RP02 1", "Proportion of non-emergency responsive repairs completed within the "
                         "landlord’s target timescale"),
    "RP02-2": ("RP02 2", "Proportion of emergency responsive repairs completed within the "
                         "landlord’s target timescale"),
}  # fmt: skip
SPLIT = {
    "CH01-1": ("CH01 1", "Number of stage one complaints made by tenants in the relevant stock "
                         "type during the reporting year per 1,000 homes"),
    "CH02-1": ("CH02 1", "Proportion of stage one complaints responded to within the Housing "
                         "Ombudsman’s Complaint Handling Code timescales"),
    "CH01-2": ("CH01 2", "Number of stage two complaints made by tenants in the relevant stock "
                         "type during the reporting year per 1,000 homes"),
    "CH02-2": ("CH02 2", "Proportion of stage two complaints responded to within the Housing "
                         "Ombudsman’s Complaint Handling Code timescales"),
}  # fmt: skip
PREFIX = {"lcra": "LCRA", "lcho": "LCHO", "combined": "Combined"}
U = "[U]"
# Management information: (code, stock) -> (value, numerator, denominator) as published;
# "N1"/"N2" are the counts answered without the Code's extension (stage one / stage two).
MANAGEMENT = {
    "L0001": {
        **{(c, ""): (98.5, 985, 1000) for c in ("BS01", "BS02", "BS03", "BS04", "BS05")},
        ("NM01-1", ""): (30, 300, 10000),
        ("NM01-2", ""): (1.2, 12, 10000),
        ("RP01", ""): ("[X]", "[X]", "[X]"),
        ("RP02-1", ""): (90, 900, 1000),
        ("RP02-2", ""): (99, 99, 100),
        ("CH01-1", "lcra"): (20.5, 164, 8000),
        ("CH02-1", "lcra"): (75, 123, 164),
        ("CH01-2", "lcra"): (2.5, 20, 8000),
        ("CH02-2", "lcra"): (85, 17, 20),
        ("N1", "lcra"): 100,
        ("N2", "lcra"): 10,
        **{(c, s): (U, U, U) for c in SPLIT for s in ("lcho", "combined")},
        **{(n, s): U for n in ("N1", "N2") for s in ("lcho", "combined")},
    },
    "00AB": {
        **{(c, ""): (100, 50, 50) for c in ("BS01", "BS02", "BS03", "BS04")},
        ("BS05", ""): (0, 0, 0),  # no lifts: a 0 with nothing behind it
        ("NM01-1", ""): (12.5, 25, 2000),
        ("NM01-2", ""): (0, 0, 2000),
        ("RP01", ""): (5, 100, 2000),
        ("RP02-1", ""): (80, 400, 500),
        ("RP02-2", ""): (95, 95, 100),
        ("CH01-1", "lcra"): (0, 0, 2000),
        ("CH02-1", "lcra"): (U, 0, 0),
        ("CH01-2", "lcra"): (0, 0, 2000),
        ("CH02-2", "lcra"): (U, 0, 0),
        ("N1", "lcra"): 0,
        ("N2", "lcra"): 0,
        **{(c, s): (U, U, U) for c in SPLIT for s in ("lcho", "combined")},
        **{(n, s): U for n in ("N1", "N2") for s in ("lcho", "combined")},
    },
    "LH0003": {
        **{(c, ""): (99, 99, 100) for c in ("BS01", "BS02", "BS03", "BS04", "BS05")},
        ("NM01-1", ""): (40, 2000, 50000),
        ("NM01-2", ""): (1, 50, 50000),
        ("RP01", ""): ("[E]", 10, 100),
        ("RP02-1", ""): (70, 7, 10),
        ("RP02-2", ""): (90, 9, 10),
        ("CH01-1", "lcra"): (1, 50, 50000),
        ("CH02-1", "lcra"): (90, 45, 50),
        ("CH01-2", "lcra"): (0.08, 4, 50000),
        ("CH02-2", "lcra"): (100, 4, 4),
        ("N1", "lcra"): 40,
        ("N2", "lcra"): 3,
        **{(c, s): (U, U, U) for c in SPLIT for s in ("lcho", "combined")},
        **{(n, s): U for n in ("N1", "N2") for s in ("lcho", "combined")},
    },
}
MANAGEMENT_NOTES = {"LH0003": "RP01 has been excluded from the analysis."}
NOT_INCLUDED = {"LH0003": "Perception survey wording differed materially from the TSM."}


def _landlord_cells(code: str) -> list:
    name, kind, size, region = LANDLORDS[code]
    return [name, code, kind, f"https://example.org/{code}", size, region]


LANDLORD_HEADERS = [
    "Landlord name", "Landlord code", "Landlord type", "Landlord TSM Publication URL1",
    "Landlord group size (homes owned, LCRA and LCHO combined)", "Landlord predominant region",
]  # fmt: skip


def _title_rows(sheet, title: str, *, notes_above: bool) -> None:
    sheet.append([title])
    sheet.append(["Go back to contents"])
    if notes_above:  # 2024/25 puts its notes above the table
        sheet.append(["Notes:"])
        sheet.append(["1. Landlord TSM Publication URL provided by landlord if available."])
        sheet.append(["4. Where an RP has left a question blank, this appears as [X]."])


def _notes_below(sheet) -> None:  # 2023/24 puts them below, after an empty row
    sheet.append([])
    sheet.append(["Notes:"])
    sheet.append(["5. Where a response is not required, this appears in the tables as [Z]."])


def _perception_sheet(book, title, rows: dict, codes, *, style: int, skip: str = "") -> None:
    sheet = book.create_sheet(title)
    _title_rows(sheet, title, notes_above=style == 2025)
    headers = [*LANDLORD_HEADERS, "Any additional notes from RSH"]
    getters = [None] * len(headers)
    for code in codes:
        if code == skip:
            continue
        # Decoys carrying the code: the counts and the share by survey method come first.
        headers.append(f"Number of respondents who report that they are very satisfied ({code})")
        getters.append(lambda row, code=code: 123)
        headers.append(
            f"Proportion of respondents who report that they {TP_WORDS[code]}"
            f"{TP_SUFFIX.get(code, f' ({code})')}"
        )
        getters.append(lambda row, code=code: row[code])
        if code == "TP01":
            headers.append(
                "Proportion of respondents who report that they are satisfied with the overall "
                "service from their landlord (TP01) for each survey method - Telephone6"
            )
            getters.append(lambda row: 1.5)
            headers.append(
                "Proportion of respondents (unweighted) who reported they are satisfied overall"
                "\u200b with the service provided by their landlord (TP01)"
            )
            getters.append(lambda row: "5[Z].1")  # a stray cell in a column not read
    sheet.append(headers)
    for landlord, row in rows.items():
        cells = [*_landlord_cells(landlord), "[X]"]
        cells += [getter(row) for getter in getters[len(cells) :]]
        sheet.append(cells)
    if style == 2024:
        _notes_below(sheet)


def _management_sheet(book, title, *, style: int, skip: str = "") -> None:
    sheet = book.create_sheet(title)
    _title_rows(sheet, title, notes_above=style == 2025)
    headers = [*LANDLORD_HEADERS, "LCRA above 30% supported housing",
               "Any additional notes from RSH"]  # fmt: skip
    getters = []
    for code, (published, words) in UNSPLIT.items():
        footnote = "5" if code in ("BS02", "BS05", "RP01") else ""
        if style == 2025:
            headers.append(f"Did you own dwelling units to which this TSM applies at year end? "
                           f"({published}){footnote}")  # fmt: skip
            getters.append(lambda values: "Yes")
        if code != skip:
            headers.append(f"{words} ({published}){footnote}")
            getters.append(lambda values, code=code: values[(code, "")][0])
    for stock, prefix in PREFIX.items():
        for code, (published, words) in SPLIT.items():
            if code == skip:
                continue
            headers.append(f"{prefix} - {words} ({published})")
            getters.append(lambda values, code=code, stock=stock: values[(code, stock)][0])
    for code, (published, _) in UNSPLIT.items():
        for index, role in ((1, "Numerator"), (2, "Denominator")):
            space = " " if code == "BS05" and role == "Numerator" else ""
            headers.append(f"Number of dwelling units ({published} {role}){space}5")
            getters.append(lambda values, code=code, index=index: values[(code, "")][index])
    for stock, prefix in PREFIX.items():
        for code, (published, _) in SPLIT.items():
            for index, role in ((1, "Numerator"), (2, "Denominator")):
                headers.append(f"{prefix} - Number of complaints ({published} {role})")
                getters.append(
                    lambda values, code=code, stock=stock, index=index: values[(code, stock)][index]
                )
            if style == 2025 and code.startswith("CH02"):
                stage, days = ("one", 10) if code == "CH02-1" else ("two", 20)
                number = "N1" if code == "CH02-1" else "N2"
                headers.append(
                    f"{prefix} - Out of the number of stage {stage} complaints made by tenants, "
                    f"what number were responded to within Complaint Handling Code timescales – "
                    f"without the use of the {days} day extension 5"
                )
                getters.append(lambda values, number=number, stock=stock: values[(number, stock)])
                headers.append(
                    f"{prefix} - Out of the number of stage {stage} complaints made by tenants, "
                    f"what number were responded to within Complaint Handling Code timescales – "
                    f"with the use of the {days} day extension"
                )
                getters.append(lambda values: 7)
    sheet.append(headers)
    for landlord, values in MANAGEMENT.items():
        cells = [*_landlord_cells(landlord), "No", MANAGEMENT_NOTES.get(landlord, "[X]")]
        sheet.append(cells + [getter(values) for getter in getters])
    if style == 2024:
        _notes_below(sheet)


def build_workbook(path: Path, *, style: int = 2025, skip: str = "", cell=None) -> Path:
    """A TSM Full Data workbook in the published layout; `skip` leaves out one measure's
    column ("TP05", "BS01"); `cell` = (sheet suffix, landlord, code, text) overwrites a value."""
    year = "24" if style == 2024 else "25"
    book = openpyxl.Workbook()
    intro = book.active
    intro.title = "Introduction"
    intro.append([f"Tenant Satisfaction Measures 20{year} - Dataset"])
    first = 2000 + int(year) - 1
    intro.append([f"The information presented here relates to the reporting year 1 April "
                  f"{first} to 31 March {first + 1}. \n\nFurther information…"])  # fmt: skip
    coverage = book.create_sheet("Table_Coverage")
    coverage.append(["Table Coverage"])
    coverage.append(["This worksheet contains one table."])
    coverage.append(["Go back to contents"])
    coverage.append(["Landlord name", "Landlord code", "Landlord type",
                     f"TSM{year}_LCRA_Perception"])  # fmt: skip
    for code, (name, kind, *_) in LANDLORDS.items():
        coverage.append([name, code, kind, "Yes" if code in LCRA else "No"])
    lcra = {k: dict(v) for k, v in LCRA.items()}
    if cell:
        suffix, landlord, code, text = cell
        lcra[landlord][code] = text
    _perception_sheet(book, f"TSM{year}_LCRA_Perception", lcra, LCRA["L0001"].keys(),
                      style=style, skip=skip)  # fmt: skip
    _perception_sheet(book, f"TSM{year}_LCHO_Perception", LCHO, LCHO["L0001"].keys(),
                      style=style, skip=skip)  # fmt: skip
    _perception_sheet(book, f"TSM{year}_Combined_Perception", {}, LCRA["L0001"].keys(),
                      style=style, skip=skip)  # fmt: skip
    _management_sheet(book, f"TSM{year}_Management_Info", style=style, skip=skip)
    not_included = book.create_sheet(f"TSM{year}_Perception_Not_Inc")
    _title_rows(not_included, "Perception Not Included", notes_above=False)
    not_included.append(["Landlord name", "Landlord code", "Notes from RSH following TSM review"])
    for code, note in NOT_INCLUDED.items():
        not_included.append([LANDLORDS[code][0], code, note])
    book.save(path)
    return path


def _value(landlord: str, code: str, stock: str) -> PeerValue:
    return PeerValue.objects.get(
        landlord__code=landlord, landlord__year_label="2024/25", code=code, stock_type=stock
    )


def test_a_workbook_loads_landlords_figures_and_markers_as_published(tmp_path):
    summary = import_peer_workbook(build_workbook(tmp_path / "tsm.xlsx"), year_label="2024/25")

    # 24 low-cost rental + 9 shared-ownership perception values, and 28 management values for
    # each of 3 landlords (10 whole-stock measures, 4 complaints measures and 2 without the
    # extension, for each of 3 stock types).
    assert summary.landlords == 3
    assert summary.values == 24 + 9 + 3 * 28 == 117
    assert dict(summary.markers) == {"[X]": 2, "[Z]": 1, "[U]": 40, "[E]": 1}
    assert summary.figures == 117 - 44
    assert summary.computed == 4
    assert summary.zero_without_denominator == 1
    assert PeerValue.objects.count() == 117

    alpha = PeerLandlord.objects.get(code="L0001", year_label="2024/25")
    assert (alpha.name, alpha.landlord_type, alpha.size_band, alpha.region, alpha.homes) == (
        "Alpha Homes", "PRP", "5,000-40,000", "London", 10000,
    )  # fmt: skip
    assert _value("L0001", "TP01", "lcra").value == Decimal("71.25")
    assert _value("L0001", "TP01", "lcho").value == Decimal("50")
    # The headers with a line break and footnote digits were found: "\n(TP09)7", "(TP10)7".
    assert _value("L0001", "TP09", "lcra").value == Decimal("79.25")
    assert _value("L0001", "TP10", "lcra").value == Decimal("80.25")
    blank = _value("00AB", "TP09", "lcra")
    assert (blank.value, blank.marker) == (None, "[X]")
    assert _value("00AB", "TP10", "lcra").marker == "[Z]"

    gas = _value("L0001", "BS01", "")
    assert (gas.value, gas.numerator, gas.denominator, gas.marker) == (
        Decimal("98.5"), Decimal("985"), Decimal("1000"), "",
    )  # fmt: skip
    lifts = _value("L0001", "BS05", "")  # "(BS05 Numerator) 5": a space before the footnote
    assert (lifts.numerator, lifts.denominator) == (Decimal("985"), Decimal("1000"))
    complaints = _value("L0001", "CH01-1", "lcra")
    assert (complaints.value, complaints.numerator, complaints.denominator) == (
        Decimal("20.5"), Decimal("164"), Decimal("8000"),
    )  # fmt: skip
    assert _value("L0001", "CH01-1", "lcho").marker == "[U]"
    excluded = _value("LH0003", "RP01", "")
    assert (excluded.value, excluded.marker) == (None, "[E]")


def test_without_extension_shares_are_worked_out_only_from_both_published_counts(tmp_path):
    import_peer_workbook(build_workbook(tmp_path / "tsm.xlsx"), year_label="2024/25")

    # 100 of Alpha's 164 stage one complaints were answered without the extension: 60.9756%.
    stage_one = _value("L0001", "CH02-1N", "lcra")
    assert (stage_one.value, stage_one.numerator, stage_one.denominator) == (
        Decimal("60.9756"), Decimal("100"), Decimal("164"),
    )  # fmt: skip
    assert _value("L0001", "CH02-2N", "lcra").value == Decimal("50")  # 10 of 20
    assert _value("LH0003", "CH02-1N", "lcra").value == Decimal("80")  # 40 of 50
    # No stage one complaints at all: nothing to work out, as the regulator's [U] says.
    none = _value("00AB", "CH02-1N", "lcra")
    assert (none.value, none.marker, none.denominator) == (None, "[U]", Decimal("0"))
    # A marker on the published count is kept.
    assert _value("L0001", "CH02-1N", "lcho").marker == "[U]"


def test_notes_from_the_regulator_are_kept_with_the_landlord(tmp_path):
    import_peer_workbook(build_workbook(tmp_path / "tsm.xlsx"), year_label="2024/25")

    gamma = PeerLandlord.objects.get(code="LH0003")
    assert gamma.notes == (
        "RP01 has been excluded from the analysis.\n\n"
        "Perception survey wording differed materially from the TSM."
    )
    assert PeerLandlord.objects.get(code="L0001").notes == ""  # "[X]" is not a note


def test_a_2023_24_layout_with_notes_below_the_table_loads(tmp_path):
    summary = import_peer_workbook(
        build_workbook(tmp_path / "tsm.xlsx", style=2024), year_label="2023/24"
    )

    # No "without the extension" columns in 2023/24: 2 fewer values for each stock type.
    assert summary.values == 24 + 9 + 3 * 22
    assert summary.computed == 0
    assert not PeerValue.objects.filter(code="CH02-1N").exists()


def test_reimporting_a_year_replaces_it_and_leaves_other_years_alone(tmp_path):
    path = build_workbook(tmp_path / "tsm.xlsx")
    import_peer_workbook(build_workbook(tmp_path / "old.xlsx", style=2024), year_label="2023/24")
    import_peer_workbook(path, year_label="2024/25")
    PeerValue.objects.filter(code="TP01", stock_type="lcra").update(value=1)

    summary = import_peer_workbook(path, year_label="2024/25")

    assert summary.replaced == 3
    assert PeerLandlord.objects.filter(year_label="2024/25").count() == 3
    assert PeerValue.objects.filter(landlord__year_label="2024/25").count() == 117
    assert _value("L0001", "TP01", "lcra").value == Decimal("71.25")
    # 2023/24 is untouched, including the value changed above.
    assert PeerValue.objects.get(
        landlord__code="L0001", landlord__year_label="2023/24", code="TP01", stock_type="lcra"
    ).value == Decimal("1")


def test_a_missing_column_names_the_sheet_and_the_header_and_changes_nothing(tmp_path):
    import_peer_workbook(build_workbook(tmp_path / "good.xlsx"), year_label="2024/25")
    before = PeerValue.objects.count()

    with pytest.raises(PeerWorkbookError) as refused:
        import_peer_workbook(build_workbook(tmp_path / "bad.xlsx", skip="BS01"),
                             year_label="2024/25")  # fmt: skip

    assert refused.value.problems == [
        'Sheet "TSM25_Management_Info": no column for BS01: expected a header ending "(BS01)".'
    ]
    assert PeerValue.objects.count() == before


def test_a_missing_perception_column_is_reported_for_each_sheet(tmp_path):
    with pytest.raises(PeerWorkbookError) as refused:
        import_peer_workbook(build_workbook(tmp_path / "bad.xlsx", skip="TP05"),
                             year_label="2024/25")  # fmt: skip

    assert refused.value.problems == [
        f'Sheet "TSM25_{table}_Perception": no column for TP05: expected a header ending "(TP05)".'
        for table in ("LCRA", "LCHO", "Combined")
    ]
    assert not PeerLandlord.objects.exists()


def test_a_cell_that_is_neither_a_number_nor_a_marker_is_refused_with_its_row(tmp_path):
    path = build_workbook(tmp_path / "bad.xlsx", cell=("LCRA", "00AB", "TP03", "n/a"))

    with pytest.raises(PeerWorkbookError) as refused:
        import_peer_workbook(path, year_label="2024/25")

    # Title, contents link, three note rows, the header (row 6), Alpha (7), Borough (8).
    (problem,) = refused.value.problems
    assert problem.startswith('Sheet "TSM25_LCRA_Perception", row 8, TP03 column "Proportion')
    assert problem.endswith("'n/a' is neither a number nor one of the regulator's markers "
                            "([X] [Z] [U] [E] [S]).")  # fmt: skip
    assert not PeerValue.objects.exists()


def test_a_workbook_for_another_year_is_refused(tmp_path):
    with pytest.raises(PeerWorkbookError, match="reports the year 2024/25, not 2023/24"):
        import_peer_workbook(build_workbook(tmp_path / "tsm.xlsx"), year_label="2023/24")


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "tsm.xlsx"
    path.write_text("landlord,code\n")
    with pytest.raises(PeerWorkbookError, match="is not an Excel workbook"):
        import_peer_workbook(path, year_label="2024/25")


def test_the_command_says_what_it_loaded(tmp_path, capsys):
    call_command("import_tsm_peers", str(build_workbook(tmp_path / "t.xlsx")), year="2024/25")

    out = capsys.readouterr().out
    assert "2024/25: 3 landlords, 117 values (73 with a figure)." in out
    assert "Markers: [X] 2, [Z] 1, [U] 40, [E] 1." in out


def test_the_command_can_be_spelt_with_hyphens_and_checks_without_writing(tmp_path, capsys):
    call_command("import-tsm-peers", str(build_workbook(tmp_path / "t.xlsx")), year="2024/25",
                 dry_run=True)  # fmt: skip

    assert "Dry run: nothing was changed." in capsys.readouterr().out
    assert not PeerLandlord.objects.exists()


def test_the_command_lists_every_problem(tmp_path):
    path = build_workbook(tmp_path / "t.xlsx", skip="CH01-1")
    with pytest.raises(CommandError) as refused:
        call_command("import_tsm_peers", str(path), year="2024/25")
    assert str(refused.value).startswith("t.xlsx was not imported:\n- ")


# --- the real workbooks ------------------------------------------------------------------------

needs_data = pytest.mark.skipif(
    not (WORKBOOK_2024.is_file() and WORKBOOK_2025.is_file()),
    reason="the regulator's workbooks are not on this machine",
)


@needs_data
def test_both_published_years_import_with_their_markers():
    older = import_peer_workbook(WORKBOOK_2024, year_label="2023/24")
    newer = import_peer_workbook(WORKBOOK_2025, year_label="2024/25")

    assert (older.landlords, older.values, older.figures) == (360, 12664, 12647)
    assert dict(older.markers) == {"[E]": 17}
    assert older.zero_without_denominator == 2683  # 2023/24 writes [U] as 0
    assert older.by_sheet == {
        "TSM24_LCRA_Perception": 355, "TSM24_LCHO_Perception": 56,
        "TSM24_Combined_Perception": 2, "TSM24_Management_Info": 358,
    }  # fmt: skip
    assert (newer.landlords, newer.values, newer.figures) == (363, 14843, 10834)
    assert dict(newer.markers) == {"[X]": 1324, "[U]": 2673, "[E]": 12}
    assert newer.computed == 829
    assert newer.by_sheet == {
        "TSM25_LCRA_Perception": 353, "TSM25_LCHO_Perception": 59,
        "TSM25_Combined_Perception": 2, "TSM25_Management_Info": 359,
    }  # fmt: skip
    assert PeerValue.objects.count() == 12664 + 14843


@needs_data
def test_medians_match_the_regulators_headline_report_for_2024_25():
    import_peer_workbook(WORKBOOK_2025, year_label="2024/25")

    def median(code: str, stock: str) -> int:
        values = PeerValue.objects.filter(
            code=code, stock_type=stock, value__isnull=False, landlord__year_label="2024/25"
        ).values_list("value", flat=True)
        return int(quartiles(values)[1].quantize(Decimal(1), ROUND_HALF_UP))

    # tsm2025_headline_report_medians.csv: the published landlord medians.
    assert median("TP02", "lcra") == 74
    assert median("TP05", "lcra") == 78
    assert median("TP08", "lcra") == 78
    assert median("TP09", "lcra") == 36
    assert median("TP01", "lcho") == 48


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(tmp_path):
    import zipfile

    path = tmp_path / "tsm.xlsx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
        bomb.open("xl/sharedStrings.xml", "w") as part,
    ):
        for _ in range(50):
            part.write(b"A" * 2**20)  # 50 MB of one letter packs into 50 KB

    with pytest.raises(PeerWorkbookError) as refused:
        import_peer_workbook(path, year_label="2024/25")

    (problem,) = refused.value.problems
    assert problem.startswith("tsm.xlsx: This workbook unpacks to 50.0\xa0MB from ")
    assert not PeerLandlord.objects.exists()
