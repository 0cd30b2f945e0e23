"""Every figure is rounded and written by core.figures, and judged by targets.status_of:
13 of 16 tenants satisfied is 81.25%, which the pages, the charts, the portfolio, the
submission and the command line all show as 81.3 (half up, never the banker's 81.2)."""

import json
from datetime import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tenantry.core import charts, figures
from tenantry.core.periods import financial_year
from tenantry.indicators import (
    performance,
    portfolio,
    schedule,
    sentences,
    target_tracking,
    targets,
)
from tenantry.indicators.models import Indicator, Result, Scope, Target, Unit

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")


def _stored(organisation, code: str, value: str, numerator=None, denominator=None) -> Result:
    return Result.objects.create(
        indicator=Indicator.objects.get(code=code, organisation__isnull=True),
        organisation=organisation, scope=Scope.ORGANISATION, stock_type="",
        period_kind="year", period_start=YEAR.start, period_end=YEAR.end,
        period_label=YEAR.label, value=Decimal(value), numerator=numerator,
        denominator=denominator, source="survey",
        computed_at=timezone.make_aware(datetime(2026, 4, 2)),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "unit", "places", "expected"),
    [
        ("81.25", figures.PERCENT, 1, "81.3%"),
        ("67.25", "%", 1, "67.3%"),
        ("92.0", figures.PERCENT, 1, "92%"),
        ("1234.5", figures.POUNDS, 1, "£1,234.50"),
        ("1234.5", figures.POUNDS, 0, "£1,235"),
        ("1234.56", "£", 1, "£1,234.56"),
        ("1234.04", "£", 1, "£1,234"),
        ("-3", "£", 1, "-£3"),
        ("-0.01", "%", 1, "0%"),
        ("8.45", figures.DAYS, 1, "8.5 days"),
        ("12.55", figures.PER_THOUSAND, 1, "12.6 per 1,000 homes"),
        ("3.85", figures.SCORE, 1, "3.9 out of 5"),
        ("12000", "", 1, "12,000"),
        ("12", "per 1,000", 1, "12 per 1,000"),
    ],
)
def test_a_figure_is_written_one_way(value, unit, places, expected):
    assert figures.figure_text(Decimal(value), unit, places=places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1210", "1,210.00"),
        ("189.5", "189.50"),
        ("0.005", "0.01"),
        ("-12.345", "-12.35"),
        (None, ""),
    ],
)
def test_an_amount_of_money_keeps_its_pence(value, expected):
    assert figures.money_text(None if value is None else Decimal(value)) == expected


def test_every_formatter_of_a_figure_gives_what_core_figures_gives(cast):
    tp01 = Indicator.objects.get(code="TP01", organisation__isnull=True)
    assert tp01.unit == Unit.PERCENT and tp01.decimals == 1
    value = Decimal("81.25")

    assert sentences.value_text(value, tp01) == "81.3%"
    assert charts.format_value(81.25, "%") == "81.3%"
    row = target_tracking.TargetRow(tp01, None, _stored(cast.tmo, "TP01", "81.25"), None)
    assert row.figure == "81.3%"
    submitted = schedule.Figure("TP01", "", Unit.PERCENT, 1, True, value, None, None)
    assert submitted.shown == "81.3%"
    assert sentences.rounded_value(value, tp01) == Decimal("81.3")


def test_the_command_line_and_the_pages_print_81_point_3_for_13_of_16(cast, client_as):
    _stored(cast.tmo, "TP01", "81.25", Decimal(13), Decimal(16))

    out = StringIO()
    call_command("indicators", "--org", cast.tmo.slug, "--year", YEAR.label, "--stored",
                 "--format", "json", stdout=out)  # fmt: skip
    (row,) = [r for r in json.loads(out.getvalue()) if r["code"] == "TP01"]
    assert row["value"] == "81.3"
    out = StringIO()
    call_command("indicators", "--org", cast.tmo.slug, "--year", YEAR.label, "--stored",
                 stdout=out)  # fmt: skip
    (line,) = [line for line in out.getvalue().splitlines() if line.startswith("TP01")]
    assert "81.3" in line.split() and "81.2" not in line

    client = client_as(cast.people["committee"])
    listed = client.get(
        reverse("indicators:performance", args=[cast.tmo.slug]), {"period": YEAR.label}
    ).content.decode()
    assert "81.3% of tenants who answered were satisfied (13 of 16)." in listed
    shown = client.get(
        reverse("indicators:indicator", args=[cast.tmo.slug, "TP01"]), {"period": YEAR.label}
    ).content.decode()
    assert "81.3%" in shown and "81.2%" not in shown


def test_every_status_is_judged_on_the_figure_as_shown(cast):
    """81.25% shows as 81.3%, so it meets a target of 81.3% on every page that judges it."""
    tp01 = Indicator.objects.get(code="TP01", organisation__isnull=True)
    result = _stored(cast.tmo, "TP01", "81.25")
    target = Target(
        agreement=cast.agreement, indicator=tp01, year_start=YEAR.start,
        value=Decimal("81.3"), tolerance=Decimal(0),
    )  # fmt: skip
    assert targets.status_of(tp01, result.value, target) == targets.Status.GREEN
    # The same figure judged raw would be red: the rule, not chance, makes it green.
    assert (
        targets.status_against_target(
            result.value, target.value, target.tolerance, higher_is_better=True
        )
        == targets.Status.RED
    )

    assert target_tracking.TargetRow(tp01, target, result, None).status == targets.Status.GREEN
    assert portfolio.Cell(tp01, result, None, target).status == targets.Status.GREEN
    submitted = schedule.Figure("TP01", "", Unit.PERCENT, 1, True, result.value, None, None,
                                 target=target.value, tolerance=target.tolerance)  # fmt: skip
    assert submitted.status == targets.Status.GREEN


def test_the_pages_read_status_and_direction_from_the_one_rule():
    """The pages call the one status rule and the one direction, not copies of their own."""
    from tenantry.indicators.views import indicator, local
    from tenantry.indicators.views import targets as targets_views

    assert performance.status_of is targets.status_of
    assert indicator.status_of is targets.status_of
    assert indicator.direction_text is targets.direction_text
    assert local.direction_text is targets.direction_text
    assert targets_views.direction_text is targets.direction_text
    for module in (performance, portfolio, schedule, target_tracking, sentences):
        assert not hasattr(module, "judged")
        assert not hasattr(module, "direction")
        assert not hasattr(module, "display_value")


def test_every_period_picker_offers_the_same_periods(cast):
    """The performance pages, the figure typed in and the records lists offer the same years,
    quarters and months (five years back, none not yet begun), from core.periods."""
    from datetime import date

    from tenantry.core.periods import period_choices
    from tenantry.indicators.performance_forms import EntryForm, ShowForm
    from tenantry.records.forms import FilterForm

    today = date(2025, 11, 20)
    offered = period_choices(today=today)
    assert [label for label, _options in offered] == [
        "2025/26", "2024/25", "2023/24", "2022/23", "2021/22"
    ]  # fmt: skip
    this_year = [value for value, _label in offered[0][1]]
    assert "2025/26 Q3" in this_year and "2025/26 Q4" not in this_year
    assert "November 2025" in this_year and "December 2025" not in this_year

    shown = ShowForm({}, scopes=[], today=today, period=financial_year("2025/26"))
    assert shown.fields["period"].choices == offered
    tp01 = Indicator.objects.get(code="TP01", organisation__isnull=True)
    entry = EntryForm(indicator=tp01, today=today)
    assert entry.fields["period"].choices == offered
    listed = FilterForm(
        {}, organisation=cast.tmo, statuses={}, priorities=None, period_label="", today=today
    )
    assert listed.fields["period"].choices == [("", "Any time"), *offered]


def test_the_agreements_year_pickers_offer_the_same_years_and_those_ahead(cast):
    """The targets and monitoring pages offer the same five years as every period picker (none
    before the agreement began), and the targets page the years ahead too."""
    from datetime import date

    from tenantry.core.periods import period_choices
    from tenantry.indicators.views.monitoring import year_choices

    today = date(2025, 11, 20)
    cast.agreement.starts_on = date(2015, 4, 1)
    picked = [label for label, _options in period_choices(today=today)]
    assert [y.label for y in year_choices(cast.agreement, today, ahead=0)] == picked[::-1]
    ahead = [y.label for y in year_choices(cast.agreement, today, ahead=2)]
    assert ahead == [*picked[::-1], "2026/27", "2027/28"]
    cast.agreement.starts_on = date(2024, 6, 1)
    assert [y.label for y in year_choices(cast.agreement, today, ahead=0)] == [
        "2024/25", "2025/26"
    ]  # fmt: skip
