"""The management allowance against spend: budget lines, actuals typed and imported, variance
by quarter and cost per home (budgets/allowance_services.py, selectors.allowance_report)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from tenantry.budgets import allowance_services as services
from tenantry.budgets import selectors
from tenantry.budgets.models import Actual, BudgetKind
from tenantry.budgets.tests.factories import BudgetFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def allowance(cast):
    return BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Allowance",
        opened_on=date(2024, 4, 1),
    )  # fmt: skip


def _actual(budget, reference, on, service, amount):
    return services.save_actual(
        actual=Actual(budget=budget, reference=reference, on=on, service=service, amount=D(amount)),
        by=None,
    )


def test_variance_by_service_and_quarter_and_cost_per_home(cast, allowance):
    services.save_lines(
        budget=allowance, year=2025,
        amounts={"repairs": D("1000.02"), "caretaking": D("600.00")}, by=None,
    )  # fmt: skip
    services.save_landlord_cost(
        landlord=cast.landlord, year=2025, service="repairs", cost_per_home=D("480.00"), by=None
    )
    _actual(allowance, "A1", date(2025, 4, 10), "repairs", "200.00")  # Q1
    _actual(allowance, "A2", date(2025, 6, 30), "repairs", "100.50")  # Q1
    _actual(allowance, "A3", date(2026, 1, 5), "repairs", "400.00")  # Q4
    _actual(allowance, "A4", date(2025, 10, 1), "caretaking", "650.00")  # Q3
    _actual(allowance, "A5", date(2025, 3, 31), "repairs", "999.00")  # 2024/25: left out
    report = selectors.allowance_report(budget=allowance, year=2025)
    assert report.homes == 2  # the cast's agreement covers two homes
    repairs, caretaking = report.rows
    assert repairs.service == "repairs"
    assert repairs.budget_quarters == [D("250.01"), D("250.01"), D("250.00"), D("250.00")]
    assert repairs.actual_quarters == [D("300.50"), D("0"), D("0"), D("400.00")]
    assert repairs.actual == D("700.50")
    # 1000.02 - 700.50 = 299.52, of 1000.02 = 29.95…% -> 30.0
    assert repairs.variance == D("299.52")
    assert repairs.variance_percent == D("30.0")
    assert [q[2] for q in repairs.quarters] == [D("-50.49"), D("250.01"), D("250.00"), D("-150.00")]
    # Per home over 2 homes: 1000.02 / 2 = 500.01; 700.50 / 2 = 350.25; the landlord's 480.00.
    assert repairs.budget_per_home == D("500.01")
    assert repairs.actual_per_home == D("350.25")
    assert repairs.landlord_per_home == D("480.00")
    assert caretaking.variance == D("-50.00")
    assert caretaking.landlord_per_home is None
    assert report.total.budget == D("1600.02")
    assert report.total.actual == D("1350.50")
    assert report.total.variance == D("249.52")
    assert report.total.actual_quarters == [D("300.50"), D("0"), D("650.00"), D("400.00")]


def test_a_year_without_lines_or_spend_is_empty(allowance):
    report = selectors.allowance_report(budget=allowance, year=2030)
    assert report.rows == []
    assert report.total.budget == D("0")


def test_an_actual_in_the_future_or_of_nothing_is_refused(allowance):
    with pytest.raises(ValidationError) as refused:
        _actual(allowance, "F1", date(2999, 1, 1), "repairs", "0")
    assert set(refused.value.message_dict) == {"on", "amount"}


def test_the_landlord_reads_but_does_not_keep_the_allowance(cast, allowance):
    with pytest.raises(PermissionDenied):
        services.save_lines(
            budget=allowance, year=2025, amounts={"repairs": D("1.00")},
            by=cast.people["landlord_officer"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.save_landlord_cost(
            landlord=cast.landlord, year=2025, service="repairs", cost_per_home=D("1.00"),
            by=cast.people["committee"],
        )  # fmt: skip


CSV_GOOD = (
    "Reference,Date,Service,Amount,Description\n"
    "INV-1,01/05/2025,repairs,£1,250.00,Plumber\n"
    "INV-2,2025-07-14,Caretaking and cleaning,300,Cleaning materials\n"
    "CN-3,20/07/2025,repairs,-50.00,Credit note\n"
)


def _import(budget, text: str, name="actuals.csv", dry_run=False, by=None):
    return services.import_actuals(
        budget=budget, stream=io.BytesIO(text.encode()), filename=name, dry_run=dry_run, by=by
    )


def test_an_import_adds_the_rows_and_importing_again_changes_nothing(allowance):
    text = CSV_GOOD.replace("£1,250.00", '"£1,250.00"')
    outcome = _import(allowance, text)
    assert outcome.accepted, outcome.problems
    assert (outcome.rows, outcome.created, outcome.updated) == (3, 3, 0)
    assert Actual.objects.get(reference="INV-1").amount == D("1250.00")
    assert Actual.objects.get(reference="INV-2").service == "caretaking"
    again = _import(allowance, text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = _import(allowance, text.replace("300,", "310,"))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)


def test_a_check_only_import_saves_nothing(allowance):
    outcome = _import(allowance, CSV_GOOD.replace("£1,250.00", '"£1,250.00"'), dry_run=True)
    assert outcome.accepted and outcome.created == 3
    assert not Actual.objects.exists()


def test_an_import_with_several_bad_rows_reports_each_with_its_line_and_saves_nothing(allowance):
    text = (
        "reference,date,service,amount\n"
        "OK-1,01/05/2025,repairs,10.00\n"
        "BAD-2,31/02/2025,repairs,10.00\n"
        "BAD-3,01/05/2025,gardening,10.00\n"
        "BAD-4,01/05/2025,repairs,10.005\n"
        "OK-1,02/05/2025,repairs,5.00\n"
        ",01/05/2025,repairs,0\n"
        "BAD-7,01/05/2999,asb,1\n"
    )
    outcome = _import(allowance, text)
    assert not outcome.accepted
    found = [(p.line, p.column) for p in outcome.problems]
    assert found == [
        (3, "date"),
        (4, "service"),
        (5, "amount"),
        (6, "reference"),
        (7, "reference"),
        (7, "amount"),
        (8, "date"),
    ]
    reasons = {(p.line, p.column): p.reason for p in outcome.problems}
    assert reasons[(3, "date")] == "31/02/2025 is not a date"
    assert "OK-1 is also on line 2" in reasons[(6, "reference")]
    assert "more than 2 decimal places" in reasons[(5, "amount")]
    assert not Actual.objects.exists()


def test_unknown_and_missing_columns_are_reported_before_any_row(allowance):
    outcome = _import(allowance, "reference,when,amount,colour\nA,01/05/2025,1,red\n")
    columns = sorted(p.column for p in outcome.problems)
    assert columns == ["colour", "date", "service", "when"]
    assert all(p.line == 1 for p in outcome.problems)


def test_an_xlsx_file_with_typed_cells_is_imported(allowance):
    book = Workbook()
    sheet = book.active
    sheet.append(["Reference", "Date", "Service", "Amount"])
    sheet.append(["X-1", date(2025, 8, 1), "Repairs", 125.5])
    data = io.BytesIO()
    book.save(data)
    outcome = services.import_actuals(
        budget=allowance, stream=io.BytesIO(data.getvalue()), filename="accounts.xlsx", by=None
    )
    assert outcome.accepted, outcome.problems
    actual = Actual.objects.get(reference="X-1")
    assert (actual.on, actual.amount) == (date(2025, 8, 1), D("125.50"))


def test_only_the_keepers_import(cast, allowance):
    with pytest.raises(PermissionDenied):
        _import(allowance, CSV_GOOD, by=cast.people["landlord_officer"])
