"""A survey's TSM figures become the organisation's TP results for a year."""

from decimal import Decimal

import pytest

from tenantry.core.periods import financial_year
from tenantry.indicators.models import Result
from tenantry.surveys import handover

from .test_analysis import build_scenario

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")


def _results(code):
    return {
        r.stock_type: (r.numerator, r.denominator, r.value, r.source)
        for r in Result.objects.filter(indicator__code=code, period_start=YEAR.start)
    }


def test_the_survey_figures_are_stored_per_stock_type(cast):
    scenario = build_scenario(cast)
    scenario.responses[0].stock_type = "lcho"
    scenario.responses[0].save()

    handover.send_tsm_results(survey=scenario.survey, period=YEAR, by=cast.people["committee"])

    # TP01: 3 of 6 satisfied over all homes; 2 of 5 in rented homes, 1 of 1 shared-ownership.
    assert _results("TP01") == {
        "": (3, 6, 50, "survey"),
        "lcra": (2, 5, 40, "survey"),
        "lcho": (1, 1, 100, "survey"),
    }
    # Best Value's overall satisfaction asks TP01's question, for all homes only.
    assert _results("BV74") == {"": (3, 6, 50, "survey")}
    note = Result.objects.get(indicator__code="TP01", stock_type="").note
    assert scenario.survey.title in note


def test_sending_again_replaces_rather_than_adds(cast):
    scenario = build_scenario(cast)

    handover.send_tsm_results(survey=scenario.survey, period=YEAR, by=None)
    handover.send_tsm_results(survey=scenario.survey, period=YEAR, by=None)

    assert Result.objects.filter(indicator__code="TP01", stock_type="").count() == 1


def test_a_measure_no_one_answered_is_not_stored_as_zero(cast):
    scenario = build_scenario(cast)

    stored = handover.send_tsm_results(survey=scenario.survey, period=YEAR, by=None)

    assert {r.indicator.code for r in stored} <= {"TP01", "TP02", "BV74"}
    assert not Result.objects.filter(indicator__code="TP12").exists()
    assert Result.objects.get(indicator__code="TP02", stock_type="").value == Decimal(50)


def test_the_results_page_sends_the_figures_and_shows_them(cast, client_as):
    scenario = build_scenario(cast)
    client = client_as(cast.people["committee"])
    url = f"/o/{cast.tmo.slug}/surveys/{scenario.survey.pk}/results/"

    page = client.get(url)
    assert "Use these figures" in page.content.decode()
    response = client.post(url + "send-to-indicators/", {"year": "2025/26"}, follow=True)

    assert response.redirect_chain[-1][0].endswith("/performance/?period=2025/26")
    assert "now the 2025/26 Tenant Satisfaction Measures" in response.content.decode()
    assert Result.objects.filter(indicator__code="TP01", stock_type="").exists()


def test_an_unknown_year_is_refused(cast, client_as):
    scenario = build_scenario(cast)
    client = client_as(cast.people["committee"])
    url = f"/o/{cast.tmo.slug}/surveys/{scenario.survey.pk}/results/send-to-indicators/"

    response = client.post(url, {"year": "1999/00"}, follow=True)

    assert "Choose the year" in response.content.decode()
    assert not Result.objects.exists()
