"""The budgets pages: what they show, forms that keep what was typed, the ledger's workbook
opened with openpyxl, and lists that ask the database the same few times however long."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tenantry.budgets import estate_services, ledger
from tenantry.budgets.models import Actual, BudgetKind, EntryKind, LedgerEntry
from tenantry.budgets.tests.estate_helpers import bid, estate_budget
from tenantry.budgets.tests.factories import BudgetFactory

pytestmark = pytest.mark.django_db

D = Decimal


def _entries(budget, count: int) -> None:
    ledger.add_entry(
        budget=budget, on=date(2025, 4, 1), kind=EntryKind.ALLOCATION, description="Allocation",
        amount=D("1000.00"), reference="A1", by=None,
    )  # fmt: skip
    for n in range(count):
        ledger.spend(
            budget=budget, on=date(2025, 5, 1 + n % 28), description=f"Receipt {n}",
            amount=D("10.05"), reference=f"R{n}", by=None,
        )  # fmt: skip


def test_the_ledger_workbook_has_typed_cells_one_row_a_transaction_and_totals_that_add_up(
    cast, client_as
):
    budget = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK, name="Cashback")
    _entries(budget, 3)
    wrong = LedgerEntry.objects.filter(budget=budget, kind=EntryKind.SPEND).first()
    ledger.reverse_entry(entry=wrong, on=date(2025, 6, 1), reason="Paid twice", by=None)
    url = reverse("budgets:ledger-workbook", args=[cast.tmo.slug, budget.pk])

    response = client_as(cast.people["staff"]).get(url)

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows())
    headings = [c.value for c in rows[0]]
    assert headings == [
        "Date", "Kind of entry", "Description", "Reference", "Money in, £", "Money out, £",
        "Balance, £", "Recorded by",
    ]  # fmt: skip
    body, total = rows[1:-1], rows[-1]
    assert len(body) == LedgerEntry.objects.filter(budget=budget).count() == 5
    for row in body:
        assert row[0].is_date and row[0].value.date() >= date(2025, 4, 1)
        amount = row[4].value if row[4].value is not None else row[5].value
        assert isinstance(amount, int | float) and row[4].data_type == row[5].data_type == "n"
        assert isinstance(row[6].value, int | float)
    money_in = sum(r[4].value or 0 for r in body)
    money_out = sum(r[5].value or 0 for r in body)
    # In: 1000.00 and the reversal's 10.05; out: three receipts of 10.05.
    assert round(money_in, 2) == 1010.05 and round(money_out, 2) == 30.15
    assert total[2].value == "Total"
    assert round(total[4].value, 2) == 1010.05 and round(total[5].value, 2) == 30.15
    # The running balance ends at the balance, and in less out is the balance too.
    assert round(body[-1][6].value, 2) == round(total[6].value, 2) == 979.90
    assert float(ledger.balance(budget)) == 979.90


def test_the_ledger_page_shows_the_running_balance_and_asks_a_few_queries(
    cast, client_as, django_assert_max_num_queries
):
    budget = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK, name="Cashback")
    _entries(budget, 60)  # more than a page
    client = client_as(cast.people["committee"])
    url = reverse("budgets:ledger", args=[cast.tmo.slug, budget.pk])

    with django_assert_max_num_queries(20):
        response = client.get(url)
    with django_assert_max_num_queries(20):
        second = client.get(url, {"page": 2})

    assert response.status_code == second.status_code == 200
    lines = response.context["lines"]
    assert len(lines) == 50
    assert lines[0].balance == D("1000.00")
    assert lines[1].balance == D("989.95")
    # The second page carries on from the first: 1000.00 less 60 × 10.05 = 397.00 at the end.
    assert second.context["lines"][-1].balance == D("397.00")


def test_the_budgets_list_asks_a_few_queries_however_many_budgets(
    cast, client_as, django_assert_max_num_queries
):
    for _n in range(12):
        _entries(BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK), 1)
    client = client_as(cast.people["resident"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("budgets:budgets", args=[cast.tmo.slug]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 12


def test_residents_do_not_see_the_management_allowance(cast, client_as):
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Allowance"
    )
    url = reverse("budgets:budget", args=[cast.tmo.slug, allowance.pk])
    assert client_as(cast.people["resident"]).get(url).status_code == 403
    listing = client_as(cast.people["resident"]).get(
        reverse("budgets:budgets", args=[cast.tmo.slug])
    )
    assert "Allowance" not in listing.content.decode()
    landlord = client_as(cast.people["landlord_officer"]).get(url)
    assert landlord.status_code == 200


def test_the_allowance_page_shows_the_years_variance(cast, client_as):
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, opened_on=date(2024, 4, 1)
    )
    client = client_as(cast.people["staff"])
    lines = reverse("budgets:allowance-lines", args=[cast.tmo.slug, allowance.pk])
    response = client.post(f"{lines}?year=2025", {"repairs": "1200.00"})
    assert response.status_code == 302
    Actual.objects.create(
        budget=allowance, reference="A", on=date(2025, 5, 1), service="repairs", amount=D("300")
    )
    page = client.get(
        reverse("budgets:budget", args=[cast.tmo.slug, allowance.pk]), {"year": "2025"}
    )
    text = page.content.decode()
    assert "£1,200.00" in text and "£900.00" in text and "75%" in text


def test_a_refused_spend_keeps_what_was_typed(cast, client_as):
    budget = BudgetFactory(organisation=cast.tmo, kind=BudgetKind.CASHBACK)
    _entries(budget, 0)
    url = reverse("budgets:spend", args=[cast.tmo.slug, budget.pk])
    data = {"on": "2025-06-01", "description": "New tools", "amount": "1000.01", "reference": "T9"}

    response = client_as(cast.people["staff"]).post(url, data)

    assert response.status_code == 400
    text = response.content.decode()
    assert "not enough left" in text and 'value="New tools"' in text
    assert ledger.balance(budget) == D("1000.00")


def test_an_import_with_problems_lists_each_and_saves_nothing(cast, client_as):
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, opened_on=date(2024, 4, 1)
    )
    upload = io.BytesIO(
        b"reference,date,service,amount\nA,31/02/2025,repairs,1\nB,01/05/2025,x,1\n"
    )
    upload.name = "actuals.csv"
    response = client_as(cast.people["staff"]).post(
        reverse("budgets:import-actuals", args=[cast.tmo.slug, allowance.pk]), {"file": upload}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "31/02/2025 is not a date" in text and "x is not one of" in text
    assert not Actual.objects.exists()


def test_a_quick_bid_from_the_estate_page_to_completion_with_a_photo(cast, client_as, tmp_path):
    from PIL import Image

    budget = estate_budget(cast)
    estate_services.allocate_year(budget=budget, year=2025, by=None)
    made = bid(budget, "60.00")
    staff, representative = cast.people["staff"], cast.people["resident"]
    base = reverse("budgets:bid", args=[cast.tmo.slug, budget.pk, made.pk])
    decided = client_as(representative).post(
        base + "decide/", {"approve": "yes", "on": "2025-05-02", "note": ""}
    )
    assert decided.status_code == 302
    paid = client_as(staff).post(
        base + "pay/", {"on": "2025-06-01", "amount": "60.00", "reference": "RCPT-1"}
    )
    assert paid.status_code == 302
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(picture, format="PNG")
    picture.name = "benches.png"
    picture.seek(0)
    done = client_as(staff).post(base + "complete/", {"on": "2025-07-01", "photo": picture})
    assert done.status_code == 302
    made.refresh_from_db()
    assert made.status == "completed"
    photo = client_as(cast.people["resident"]).get(base + "photo.jpg")
    assert photo.status_code == 200
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"  # written again as a JPEG
    page = client_as(cast.people["resident"]).get(
        reverse("budgets:budget", args=[cast.tmo.slug, budget.pk])
    )
    assert "£440.00" in page.content.decode()


def test_a_photo_that_is_not_an_image_is_refused(cast, client_as):
    budget = estate_budget(cast)
    estate_services.allocate_year(budget=budget, year=2025, by=None)
    made = bid(budget, "60.00")
    estate_services.decide_bid(bid=made, approve=True, on=date(2025, 5, 2), note="", by=None)
    estate_services.pay_bid(bid=made, on=date(2025, 6, 1), amount=D("60"), reference="R", by=None)
    fake = io.BytesIO(b"not a picture")
    fake.name = "photo.jpg"
    url = reverse("budgets:complete-bid", args=[cast.tmo.slug, budget.pk, made.pk])
    response = client_as(cast.people["staff"]).post(url, {"on": "2025-07-01", "photo": fake})
    assert response.status_code == 400
    assert "must be a JPG or PNG" in response.content.decode()


def test_the_actuals_and_an_estate_budgets_bids_ask_a_few_queries_however_many(
    cast, client_as, django_assert_max_num_queries
):
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, opened_on=date(2024, 4, 1)
    )
    Actual.objects.bulk_create(
        Actual(
            budget=allowance,
            reference=f"A{n}",
            on=date(2025, 5, 1),
            service="repairs",
            amount=D("1.00"),
        )  # fmt: skip
        for n in range(60)
    )
    budget = estate_budget(cast)
    estate_services.allocate_year(budget=budget, year=2025, by=None)
    for n in range(12):
        made = bid(budget, "5.00", group=f"Group {n}")
        estate_services.decide_bid(bid=made, approve=True, on=date(2025, 5, 2), note="", by=None)
        estate_services.pay_bid(
            bid=made, on=date(2025, 6, 1), amount=D("5.00"), reference=f"R{n}", by=None
        )
    client = client_as(cast.people["committee"])
    with django_assert_max_num_queries(14):
        actuals = client.get(reverse("budgets:actuals", args=[cast.tmo.slug, allowance.pk]))
    with django_assert_max_num_queries(18):
        estate = client.get(reverse("budgets:budget", args=[cast.tmo.slug, budget.pk]))
    assert actuals.status_code == estate.status_code == 200
    assert len(actuals.context["page"].object_list) == 50
    assert [b.paid for b in estate.context["page"].object_list] == [D("5.00")] * 12


def test_the_allowances_workbook_has_a_sheet_of_actual_spend_that_adds_up(cast, client_as):
    allowance = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, opened_on=date(2024, 4, 1)
    )
    for reference, amount in (("A1", "1250.50"), ("A2", "300.00"), ("CN", "-40.25")):
        Actual.objects.create(
            budget=allowance, reference=reference, on=date(2025, 5, 1), service="repairs",
            amount=D(amount),
        )  # fmt: skip
    url = reverse("budgets:ledger-workbook", args=[cast.tmo.slug, allowance.pk])
    response = client_as(cast.people["landlord_officer"]).get(url)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ledger", "Actual spend"]
    rows = list(book["Actual spend"].iter_rows(min_row=2))
    assert [r[1].value for r in rows[:-1]] == ["A1", "A2", "CN"]
    assert all(r[0].is_date and r[4].data_type == "n" for r in rows[:-1])
    # 1250.50 + 300.00 - 40.25 = 1510.25
    assert rows[-1][3].value == "Total" and round(rows[-1][4].value, 2) == 1510.25
