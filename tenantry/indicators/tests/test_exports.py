"""Downloads: the figures on screen as CSV and Excel, and the regulator's TSM return layout."""

import csv
import io
import re
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tenantry.core.deadlines import LONDON
from tenantry.core.tests.regulator_data import TSM_DATA
from tenantry.homes.models import Home
from tenantry.indicators.calculators import Subject
from tenantry.indicators.exports import TSM_RETURN_HEADERS, responsive_repair_counts
from tenantry.indicators.models import Result, Scope
from tenantry.indicators.tests.performance_data import YEAR, computed
from tenantry.organisations.models import PreparedFile
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

pytestmark = pytest.mark.django_db

REGULATOR_LAYOUT = TSM_DATA / "tsm2025_management_info.csv"


def _download(client, organisation, name, fmt, period="2025/26"):
    url = reverse(f"indicators:{name}", args=[organisation.slug, fmt])
    return client.get(url, {"period": period})


def _other_repairs(cast):
    """Beside the completed ones: one cancelled, one still open at year end, and one finished
    only after year end."""
    for reference, reported, status, completed in (
        ("CANCELLED", datetime(2025, 9, 1, 9, tzinfo=LONDON), Repair.Status.CANCELLED, None),
        ("OPEN", datetime(2026, 2, 10, 9, tzinfo=LONDON), Repair.Status.OPEN, None),
        ("FINISHED-IN-APRIL", datetime(2026, 3, 30, 9, tzinfo=LONDON), Repair.Status.COMPLETED,
         datetime(2026, 4, 2, 9, tzinfo=LONDON)),
    ):  # fmt: skip
        RepairFactory(
            organisation=cast.tmo, home=cast.home, reference=reference, reported_at=reported,
            status=status, completed_at=completed,
        )  # fmt: skip


def test_the_results_download_has_every_scope_with_its_inputs(cast, client_as):
    computed(cast)

    response = _download(client_as(cast.people["committee"]), cast.tmo, "export-results", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kingsmead-results-202526.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    rp02 = [r for r in rows if r["Indicator code"] == "RP02-2"]
    assert {r["Whose homes"] for r in rp02} == {"Kingsmead TMO", "Kingsmead Estate"}
    mine = next(r for r in rp02 if r["Whose homes"] == "Kingsmead TMO")
    assert (mine["Numerator"], mine["Denominator"], mine["Value"]) == ("4", "5", "80")
    assert mine["Unit"] == "%" and mine["Period"] == "2025/26"
    assert mine["Worked out at"]
    # Nothing to measure is an empty cell, never 0.
    empty = next(
        r for r in rows if r["Indicator code"] == "RP02-1" and r["Whose homes"] == "Kingsmead TMO"
    )
    assert empty["Value"] == ""


def test_the_results_open_in_excel_with_numbers_as_numbers(cast, client_as):
    computed(cast)

    response = _download(
        client_as(cast.people["landlord_officer"]), cast.landlord, "export-results", "xlsx"
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Results 2025-26"
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Whose homes", "Stock type", "Period"]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    whole = next(
        r for r in rows
        if r["Indicator code"] == "RP02-2" and r["Whose homes"] == "Northbrook Council, all homes"
    )  # fmt: skip
    assert (whole["Numerator"], whole["Denominator"], whole["Value"]) == (4, 5, 80)
    assert {r["Whose homes"] for r in rows} >= {
        "Northbrook Council, all homes", "Northbrook Council, directly managed", "Kingsmead TMO",
    }  # fmt: skip


def test_repair_counts_for_the_return_are_worked_out_by_hand(cast):
    computed(cast)  # five emergency repairs reported and completed in 2025/26
    _other_repairs(cast)

    counts = responsive_repair_counts(
        subject=Subject(Scope.LANDLORD_ALL, cast.landlord), period=YEAR
    )

    # Raised: 5 + cancelled + open + finished in April = 8. Completed in the year: 5.
    # Closed another way: the cancelled one. Outstanding at year end: open + finished in April.
    assert counts == {"raised": 8, "completed": 5, "closed": 1, "outstanding": 2}


def test_repair_counts_for_the_return_take_earlier_and_later_years_repairs_by_hand(cast):
    computed(cast)
    _other_repairs(cast)
    for reference, reported, status, completed in (
        # Reported the year before, finished in this one: completed, not raised.
        ("LATE", datetime(2025, 3, 20, 9, tzinfo=LONDON), Repair.Status.COMPLETED,
         datetime(2025, 4, 3, 9, tzinfo=LONDON)),
        # Reported two years before and still open: outstanding.
        ("OLD-OPEN", datetime(2024, 1, 5, 9, tzinfo=LONDON), Repair.Status.OPEN, None),
        # Reported and finished the year before: in none of the counts.
        ("DONE-BEFORE", datetime(2024, 6, 1, 9, tzinfo=LONDON), Repair.Status.COMPLETED,
         datetime(2024, 6, 9, 9, tzinfo=LONDON)),
        # Cancelled the year before: not closed in this one.
        ("CANCELLED-BEFORE", datetime(2024, 9, 1, 9, tzinfo=LONDON), Repair.Status.CANCELLED,
         None),
        # Reported after year end: in none of the counts.
        ("NEXT-YEAR", datetime(2026, 4, 1, 9, tzinfo=LONDON), Repair.Status.OPEN, None),
    ):  # fmt: skip
        RepairFactory(
            organisation=cast.tmo, home=cast.home, reference=reference, reported_at=reported,
            status=status, completed_at=completed,
        )  # fmt: skip

    counts = responsive_repair_counts(
        subject=Subject(Scope.LANDLORD_ALL, cast.landlord), period=YEAR
    )

    # Raised: the 8 above. Completed: 5 + LATE. Closed: the cancelled one only.
    # Outstanding: open + finished in April + OLD-OPEN.
    assert counts == {"raised": 8, "completed": 6, "closed": 1, "outstanding": 3}


def test_the_tsm_return_has_the_regulators_layout_and_our_figures(cast, client_as):
    computed(cast)
    _other_repairs(cast)
    RepairPriorityFactory(landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
                          target_unit="working_days")  # fmt: skip
    RepairPriorityFactory(landlord=cast.landlord, code="R", name="Routine", target_amount=28,
                          target_unit="calendar_days")  # fmt: skip
    # Stage 1 complaints of low-cost rental homes: 10 answered in time, 7 of them without an
    # extension, out of 12.
    for code, numerator in (("CH02-1", 10), ("CH02-1N", 7)):
        Result.objects.filter(
            indicator__code=code, organisation=cast.landlord, scope=Scope.LANDLORD_ALL,
            stock_type="lcra", period_start=YEAR.start,
        ).update(numerator=numerator, denominator=12, value=numerator * 100 / 12)  # fmt: skip

    response = _download(
        client_as(cast.people["landlord_officer"]), cast.landlord, "export-tsm-return", "xlsx"
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers == TSM_RETURN_HEADERS
    assert len(headers) == 104
    first = dict(zip(headers, (c.value for c in sheet[2]), strict=True))

    def cell(fragment: str, row=first):
        [header] = [h for h in headers if fragment in h]
        return row[header]

    assert first["Landlord name"] == "Northbrook Council"
    assert first["Landlord type"] == "LA"
    assert cell("Proportion of emergency responsive repairs completed") == 80
    assert cell("(RP02 2 Numerator)") == 4 and cell("(RP02 2 Denominator)") == 5
    assert cell("Did you own dwelling units to which this TSM applies at year end? (RP02 2)") == (
        "Yes"
    )
    assert cell("(maximum) target timescale for emergency repairs") == 24
    assert cell("more than one target timescale for emergency repairs used") == "No"
    assert cell("(maximum) target timescale for non-emergency repairs") == 28
    assert cell("Did you have more than one target timescale for non-emergency repairs?") == "Yes"
    [outline] = [first[h] for h in headers if "non-emergency repairs, then please" in h]
    assert outline == "Urgent: 5 working days; Routine: 28 calendar days"
    assert cell("Number of responsive repairs raised") == 8
    assert cell("Number of responsive repairs completed during") == 5
    assert cell("closed during the reporting year for any reason") == 1
    assert cell("('work-in-progress') at year end") == 2
    assert (
        cell(
            "LCRA - Out of the number of stage one complaints made by tenants, what number "
            "were responded to within Complaint Handling Code timescales – without"
        )
        == 7
    )
    assert (
        cell(
            "LCRA - Out of the number of stage one complaints made by tenants, what number "
            "were responded to within Complaint Handling Code timescales – with the"
        )
        == 3
    )
    # One row for the whole stock, then the parts: its own homes and each organisation.
    names = [row[0].value for row in sheet.iter_rows(2)]
    assert names == [
        "Northbrook Council",
        "Northbrook Council – Homes we manage ourselves",
        "Kingsmead TMO",
    ]


def test_the_tsm_return_is_also_a_csv(cast, client_as):
    computed(cast)

    response = _download(
        client_as(cast.people["committee"]), cast.tmo, "export-tsm-return", "csv", "2025/26 Q2"
    )

    # A quarter asked for means its year.
    assert 'filename="kingsmead-tsm-return-202526.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == TSM_RETURN_HEADERS
    assert rows[1][0] == "Kingsmead TMO"


def _normalised(header: str) -> str:
    """A published heading without the workbook's footnote digits and stray spaces."""
    header = header.replace("\u200b", "").replace("\xa0", " ")
    header = re.sub(r"(?<=[A-Za-z)?])\s?\d\s*$", "", header.strip())
    return " ".join(header.split())


@pytest.mark.skipif(not REGULATOR_LAYOUT.exists(), reason="the regulator's data is not here")
def test_the_headings_are_the_regulators_own():
    with REGULATOR_LAYOUT.open(encoding="utf-8-sig") as published:
        theirs = next(csv.reader(published))

    assert [_normalised(h) for h in TSM_RETURN_HEADERS] == [_normalised(h) for h in theirs]


def test_the_downloads_are_written_by_the_shared_safe_writer():
    """Text a spreadsheet would run is made inert (core/exports.py); numbers stay numbers; the
    headings are bold, and the heading row and the first column stay in view."""
    from decimal import Decimal

    from tenantry.core import exports as files
    from tenantry.indicators import exports

    layout = exports.Layout(
        "Results 2025/26", ["Name", "Value"], [["=cmd|'/C calc'!A0", Decimal("-2.5")]]
    )
    text = files.csv_bytes(exports.to_rows(layout)).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=cmd|'/C calc'!A0", "-2.5"]
    sheet = load_workbook(io.BytesIO(files.xlsx_bytes([exports.to_sheet(layout)])))[
        "Results 2025-26"
    ]
    assert list(sheet.values)[1] == ("'=cmd|'/C calc'!A0", -2.5)
    assert sheet["A1"].font.bold and sheet["A1"].alignment.wrap_text
    assert sheet.freeze_panes == "B2"


def test_a_large_stocks_tsm_return_is_prepared_in_the_background_with_the_same_figures(
    cast, client_as, settings, django_capture_on_commit_callbacks
):
    computed(cast)
    _other_repairs(cast)
    client = client_as(cast.people["landlord_officer"])
    in_request = _download(client, cast.landlord, "export-tsm-return", "csv")
    settings.TSM_RETURN_IN_BACKGROUND = Home.objects.filter(landlord=cast.landlord).count()

    with django_capture_on_commit_callbacks(execute=True):
        response = _download(client, cast.landlord, "export-tsm-return", "csv")

    prepared = PreparedFile.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "organisations:prepared-file", args=[cast.landlord.slug, prepared.pk]
    )
    assert (prepared.status, prepared.filename) == ("done", "northbrook-tsm-return-202526.csv")
    download = client.get(
        reverse("organisations:download-prepared-file", args=[cast.landlord.slug, prepared.pk])
    )
    assert b"".join(download.streaming_content) == in_request.getvalue()
