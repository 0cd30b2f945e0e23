"""The committee's own indicators: from the Guide's examples or from scratch, changed, retired."""

from datetime import date

import pytest
from django.urls import reverse

from tenantry.core.periods import financial_year
from tenantry.indicators.models import Framework, Indicator, Result
from tenantry.indicators.services.results import compute_results
from tenantry.records.tests.factories import EstateInspectionFactory

pytestmark = pytest.mark.django_db

GRAFFITI = {
    "name": "Estates free of graffiti",
    "meaning": "The average graffiti score from estate inspections (5 = none).",
    "unit": "score",
    "higher_is_better": "yes",
    "source": "inspections",
    "score": "graffiti",
    "question": "",
    "decimals": "1",
}


def _list(organisation):
    return reverse("indicators:local-indicators", args=[organisation.slug])


def _new(organisation):
    return reverse("indicators:create-local-indicator", args=[organisation.slug])


def test_the_guides_examples_are_offered(cast, client_as):
    page = client_as(cast.people["committee"]).get(_list(cast.tmo)).content.decode()

    for name in ("Estates free of graffiti", "Cleanliness of communal areas", "Pride in the estate",
                 "Community strength", "Local employment"):  # fmt: skip
        assert name in page
    assert f"{_new(cast.tmo)}?example=GRAFFITI" in page


def test_an_example_fills_in_the_form(cast, client_as):
    page = client_as(cast.people["committee"]).get(_new(cast.tmo), {"example": "GRAFFITI"})

    html = page.content.decode()
    assert 'value="Estates free of graffiti"' in html
    assert '<option value="graffiti" selected>' in html


def test_a_committee_adds_an_indicator_worked_out_from_inspections(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _new(cast.tmo), {**GRAFFITI, "example": "GRAFFITI"}
    )

    assert response.status_code == 302
    indicator = Indicator.objects.get(organisation=cast.tmo, code="GRAFFITI")
    assert indicator.framework == Framework.LOCAL
    assert (indicator.source, indicator.config, indicator.unit) == (
        "inspections", {"score": "graffiti"}, "score",
    )  # fmt: skip


def test_its_figure_is_the_average_inspection_score(cast, client_as):
    client_as(cast.people["committee"]).post(_new(cast.tmo), GRAFFITI)
    for graffiti in (5, 4, 3):
        EstateInspectionFactory(
            organisation=cast.tmo, estate=cast.estate, inspected_on=date(2025, 9, 1),
            graffiti=graffiti,
        )  # fmt: skip
    compute_results(organisation=cast.tmo, period=financial_year("2025/26"))

    page = (
        client_as(cast.people["resident"])
        .get(reverse("indicators:performance", args=[cast.tmo.slug]), {"period": "2025/26"})
        .content.decode()
    )

    # (5 + 4 + 3) ÷ 3 = 4
    assert "Our own indicators" in page
    assert "An average score of 4 out of 5 (3 counted)." in page


def test_one_typed_in_by_hand_gets_a_code_from_its_name(cast, client_as):
    client_as(cast.people["committee"]).post(
        _new(cast.tmo),
        {"name": "Residents in work with our contractors", "meaning": "People employed.",
         "unit": "number", "higher_is_better": "yes", "source": "manual", "decimals": "0"},
    )  # fmt: skip

    indicator = Indicator.objects.get(organisation=cast.tmo)
    assert indicator.code == "LOCAL-RESIDENTS"
    assert (indicator.source, indicator.config, indicator.decimals) == ("manual", {}, 0)


def test_an_inspection_indicator_needs_its_score_and_the_form_keeps_what_was_typed(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _new(cast.tmo), {**GRAFFITI, "score": "", "name": "Graffiti-free walls"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the inspection score it is worked out from." in page
    assert 'value="Graffiti-free walls"' in page
    assert not Indicator.objects.filter(organisation=cast.tmo).exists()


def test_a_survey_indicator_needs_its_question(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _new(cast.tmo), {**GRAFFITI, "source": "survey", "unit": "percent", "score": ""}
    )

    assert "Give the survey question&#x27;s code, such as PRIDE." in response.content.decode()


def test_the_committee_changes_one(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post(_new(cast.tmo), GRAFFITI)
    indicator = Indicator.objects.get(organisation=cast.tmo)

    response = client.post(
        reverse("indicators:edit-local-indicator", args=[cast.tmo.slug, indicator.pk]),
        {**GRAFFITI, "name": "Walls free of graffiti"},
    )

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Walls free of graffiti"


def test_one_without_figures_is_deleted_and_one_with_figures_retired(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post(_new(cast.tmo), GRAFFITI, follow=True)
    client.post(
        _new(cast.tmo), {**GRAFFITI, "name": "Clean stairs", "score": "cleanliness"}, follow=True
    )
    unused, used = Indicator.objects.filter(organisation=cast.tmo).order_by("pk")
    EstateInspectionFactory(
        organisation=cast.tmo, estate=cast.estate, inspected_on=date(2025, 9, 1)
    )
    compute_results(organisation=cast.tmo, period=financial_year("2025/26"))
    Result.objects.filter(indicator=unused).delete()

    for indicator in (unused, used):
        client.post(
            reverse("indicators:retire-local-indicator", args=[cast.tmo.slug, indicator.pk]),
            follow=True,
        )

    assert not Indicator.objects.filter(pk=unused.pk).exists()
    used.refresh_from_db()
    assert used.retired_at is not None
    assert Result.objects.filter(indicator=used).exists()  # its figures are kept
    performance = client.get(reverse("indicators:performance", args=[cast.tmo.slug]),
                             {"period": "2025/26"}).content.decode()  # fmt: skip
    assert "Clean stairs" not in performance
    assert "Clean stairs" in client.get(_list(cast.tmo)).content.decode()

    client.post(
        reverse("indicators:retire-local-indicator", args=[cast.tmo.slug, used.pk]),
        {"action": "restore"},
    )
    used.refresh_from_db()
    assert used.retired_at is None


def test_another_organisations_indicator_cannot_be_changed(cast, client_as):
    theirs = Indicator.objects.create(
        organisation=cast.other_tmo, code="SECRET", name="Elsewhere's own", unit="number",
        framework=Framework.LOCAL, source="manual",
    )  # fmt: skip
    client = client_as(cast.people["committee"])

    edit = reverse("indicators:edit-local-indicator", args=[cast.tmo.slug, theirs.pk])
    retire = reverse("indicators:retire-local-indicator", args=[cast.tmo.slug, theirs.pk])

    assert client.get(edit).status_code == 404
    assert client.post(retire).status_code == 404
    assert Indicator.objects.filter(pk=theirs.pk, retired_at=None).exists()


def test_national_indicators_are_not_offered_for_change(cast, client_as):
    national = Indicator.objects.get(code="TP01")
    url = reverse("indicators:edit-local-indicator", args=[cast.tmo.slug, national.pk])

    assert client_as(cast.people["committee"]).get(url).status_code == 404
