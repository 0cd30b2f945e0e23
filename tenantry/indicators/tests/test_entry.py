"""A figure typed in: checked against its numbers, kept on error, stored through the service."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tenantry.indicators.models import Framework, Indicator, Result, Scope, Source
from tenantry.indicators.tests.performance_data import YEAR

pytestmark = pytest.mark.django_db


def _url(organisation, code="TP01"):
    return reverse("indicators:enter-result", args=[organisation.slug, code])


def _stored(organisation, code="TP01", stock_type="", scope=Scope.ORGANISATION):
    return Result.objects.get(
        indicator__code=code, organisation=organisation, scope=scope, stock_type=stock_type,
        period_start=YEAR.start, period_end=YEAR.end,
    )  # fmt: skip


def test_a_survey_figure_is_worked_out_from_its_two_numbers(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _url(cast.tmo),
        {"period": "2025/26", "value": "", "numerator": "321", "denominator": "412",
         "note": "Acme Research, TSM report, table 3"},
    )  # fmt: skip

    assert response.status_code == 302
    assert response.url.startswith(reverse("indicators:indicator", args=[cast.tmo.slug, "TP01"]))
    result = _stored(cast.tmo)
    # 321 × 100 / 412 = 77.9126…
    assert result.value == Decimal("77.9126")
    assert (result.numerator, result.denominator) == (321, 412)
    assert result.source == Source.MANUAL
    assert result.entered_by == cast.people["committee"]
    assert result.note == "Acme Research, TSM report, table 3"


def test_a_figure_that_does_not_match_its_numbers_is_refused_and_kept(cast, client_as):
    response = client_as(cast.people["staff"]).post(
        _url(cast.tmo), {"period": "2025/26", "value": "80", "numerator": "321",
                         "denominator": "412", "note": "typed"},
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 200
    assert "321 out of 412 is 77.9%, not 80%" in page
    assert 'value="80"' in page and 'value="321"' in page and "typed" in page
    assert not Result.objects.filter(indicator__code="TP01").exists()


def test_a_figure_within_rounding_of_its_numbers_is_accepted(cast, client_as):
    response = client_as(cast.people["staff"]).post(
        _url(cast.tmo), {"period": "2025/26", "value": "77.9", "numerator": "321",
                         "denominator": "412"},
    )  # fmt: skip

    assert response.status_code == 302
    assert _stored(cast.tmo).value == Decimal("77.9")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "", "numerator": "", "denominator": ""},
         "Enter the figure, or both numbers it comes from."),
        ({"value": "", "numerator": "12", "denominator": ""},
         "Give both numbers, or leave both blank and give only the figure."),
        ({"value": "", "numerator": "12", "denominator": "0"}, "cannot be 0"),
        ({"value": "", "numerator": "13", "denominator": "12"},
         "How many counted cannot be more than how many there were."),
        ({"value": "104", "numerator": "", "denominator": ""},
         "A percentage is between 0 and 100."),
        ({"value": "lots", "numerator": "", "denominator": ""}, "Figure must be a whole number"),
    ],
)  # fmt: skip
def test_nonsense_is_explained_against_its_field(cast, client_as, data, message):
    response = client_as(cast.people["committee"]).post(
        _url(cast.tmo), {"period": "2025/26", **data}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_a_measure_split_by_stock_type_takes_each_kind_of_home_in_turn(cast, client_as):
    client_as(cast.people["committee"]).post(
        _url(cast.tmo), {"period": "2025/26", "stock_type": "lcho", "value": "48"}
    )

    assert _stored(cast.tmo, stock_type="lcho").value == 48


def test_the_form_starts_from_the_figure_already_entered(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post(_url(cast.tmo), {"period": "2025/26", "value": "78", "note": "first report"})

    page = client.get(_url(cast.tmo), {"period": "2025/26"}).content.decode()

    assert 'value="78"' in page and "first report" in page


def test_a_landlord_enters_figures_for_its_whole_stock(cast, client_as):
    client_as(cast.people["landlord_officer"]).post(
        _url(cast.landlord), {"period": "2025/26", "value": "71.5"}
    )

    assert _stored(cast.landlord, scope=Scope.LANDLORD_ALL).value == Decimal("71.5")


def test_a_local_figure_typed_in_each_period(cast, client_as):
    Indicator.objects.create(
        organisation=cast.tmo, code="JOBS", name="Local employment", unit="number",
        framework=Framework.LOCAL, source="manual", decimals=0,
    )  # fmt: skip

    client_as(cast.people["staff"]).post(
        _url(cast.tmo, "JOBS"), {"period": "2025/26 Q2", "value": "12"}
    )

    result = Result.objects.get(indicator__code="JOBS", organisation=cast.tmo)
    assert (result.period_label, result.period_kind, result.value) == ("2025/26 Q2", "quarter", 12)


def test_figures_worked_out_from_records_cannot_be_typed_in(cast, client_as):
    assert client_as(cast.people["committee"]).get(_url(cast.tmo, "RP02-2")).status_code == 404
