"""Results are stored with their inputs, recomputed in place, and printed by the CLI."""

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tenantry.core.deadlines import LONDON
from tenantry.core.periods import financial_year, quarter
from tenantry.indicators.models import Indicator, Result, Scope
from tenantry.indicators.services.results import compute_results, enter_result
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")


@pytest.fixture
def repairs(cast):
    emergency = RepairPriorityFactory(
        landlord=cast.landlord, code="E", name="Emergency", target_amount=24,
        target_unit="hours", is_emergency=True,
    )  # fmt: skip
    for completed_hour in (9, 11):  # 23 hours (on time) and 25 hours (late)
        RepairFactory(
            organisation=cast.tmo, home=cast.home, priority=emergency,
            reported_at=datetime(2025, 6, 2, 10, tzinfo=LONDON),
            completed_at=datetime(2025, 6, 3, completed_hour, tzinfo=LONDON),
            status=Repair.Status.COMPLETED,
        )  # fmt: skip


def _rp02_2(organisation, scope=Scope.ORGANISATION):
    return Result.objects.get(
        indicator__code="RP02-2", organisation=organisation, scope=scope, stock_type=""
    )


def test_compute_stores_numerator_denominator_and_value(cast, repairs):
    compute_results(organisation=cast.tmo, period=YEAR)

    result = _rp02_2(cast.tmo)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50)
    assert result.period_label == "2025/26"
    assert result.computed_at is not None
    # The estate's figure is kept too, and the split figures for the TSMs reported that way.
    assert Result.objects.filter(indicator__code="RP02-2", scope=Scope.ESTATE).count() == 1
    stocks = set(
        Result.objects.filter(indicator__code="CH01-1", scope=Scope.ORGANISATION).values_list(
            "stock_type", flat=True
        )
    )
    assert stocks == {"", "lcra", "lcho"}


def test_recomputing_updates_in_place_and_keeps_history_only_of_changes(cast, repairs):
    compute_results(organisation=cast.tmo, period=YEAR)
    compute_results(organisation=cast.tmo, period=YEAR)
    result = _rp02_2(cast.tmo)
    assert result.history.count() == 1

    late = Repair.objects.filter(completed_at=datetime(2025, 6, 3, 11, tzinfo=LONDON))
    late.update(due_at=datetime(2025, 6, 4, tzinfo=LONDON))  # as if its target were longer
    compute_results(organisation=cast.tmo, period=YEAR)

    result.refresh_from_db()
    assert result.value == 100
    assert result.history.count() == 2
    assert Result.objects.filter(indicator__code="RP02-2", scope=Scope.ORGANISATION).count() == 1


def test_a_landlord_computes_its_stock_and_each_organisation_it_works_with(cast, repairs):
    compute_results(organisation=cast.landlord, period=quarter("2025/26", "Q1"))

    assert _rp02_2(cast.landlord, Scope.LANDLORD_ALL).value == 50
    assert _rp02_2(cast.landlord, Scope.LANDLORD_DIRECT).value is None  # it did none itself
    assert _rp02_2(cast.tmo).value == 50


def test_a_hand_entered_figure_is_checked_against_its_numbers(cast):
    tp01 = Indicator.objects.get(code="TP01")

    result = enter_result(
        indicator=tp01, organisation=cast.tmo, period=YEAR, value=None,
        numerator=Decimal(300), denominator=Decimal(400), by=cast.people["committee"],
    )  # fmt: skip

    assert result.value == 75
    assert result.entered_by == cast.people["committee"]
    with pytest.raises(ValidationError, match="gives 75.0, not 80"):
        enter_result(
            indicator=tp01, organisation=cast.tmo, period=YEAR, value=Decimal(80),
            numerator=Decimal(300), denominator=Decimal(400), by=None,
        )  # fmt: skip


def test_a_computed_indicator_cannot_be_entered_by_hand(cast):
    with pytest.raises(ValidationError, match="computed from the records"):
        enter_result(
            indicator=Indicator.objects.get(code="RP02-1"), organisation=cast.tmo, period=YEAR,
            value=Decimal(90), by=None,
        )  # fmt: skip


def test_the_cli_prints_every_result_as_csv_and_json(cast, repairs):
    out = StringIO()
    call_command("indicators", "--org", "kingsmead", "--year", "2025/26", "--format", "csv",
                 stdout=out)  # fmt: skip
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("code,indicator,scope,estate,stock_type,period,numerator")
    assert any(line.startswith("RP02-2,Emergency repairs") and ",1,2,50.0,%," in line
               for line in lines)  # fmt: skip

    out = StringIO()
    call_command("indicators", "--org", "kingsmead", "--year", "2025/26", "--quarter", "Q1",
                 "--format", "json", "--stored", stdout=out)  # fmt: skip
    assert json.loads(out.getvalue()) == []  # nothing stored for Q1 yet


def test_the_cli_reads_a_month_of_the_financial_year(cast, repairs):
    out = StringIO()
    call_command("indicators", "--org", "kingsmead", "--year", "2025/26", "--month", "June",
                 stdout=out)  # fmt: skip
    assert "RP02-2" in out.getvalue()
    assert Result.objects.filter(period_start=date(2025, 6, 1), period_kind="month").exists()


def test_the_cli_refuses_an_unknown_organisation_or_period(cast):
    with pytest.raises(CommandError, match="No organisation is called 'nowhere'"):
        call_command("indicators", "--org", "nowhere", "--year", "2025/26")
    with pytest.raises(CommandError, match="not a financial year"):
        call_command("indicators", "--org", "kingsmead", "--year", "2025/27")
