"""The TSM sample is sized on each stock type's households, and every page asks one function.

By hand, at ±5% and 95% confidence: n₀ = 1.96² × 0.25 / 0.05² = 3.8416 × 0.25 / 0.0025 = 384.16,
and n = n₀ / (1 + n₀ / N).

- N = 985 (Kingsmead's low-cost rental households): 384.16 / 985 = 0.390010,
  n = 384.16 / 1.390010 = 276.37, so at least 277 answers.
- N = 1,184 (all Kingsmead's households, the old wrong population): 384.16 / 1.324459 = 290.05,
  so 291 — the figure the results page used to show.
- N = 199 (a low-cost home ownership population): 384.16 / 2.930452 = 131.09, so 132.
- N = 9: 384.16 / 43.684444 = 8.79, so 9. N = 3: 384.16 / 129.053333 = 2.98, so 3.
"""

import io
import pathlib
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import tenantry
from tenantry.homes.models import StockType
from tenantry.homes.tests.factories import CoverageFactory, HomeFactory, HouseholdFactory
from tenantry.surveys import tsm_sample as rule
from tenantry.surveys.tests.test_analysis import build_scenario
from tenantry.surveys.tsm_sample import tsm_sample, tsm_samples

LCRA, LCHO = StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP


def test_985_low_cost_rental_households_need_277_answers():
    sample = tsm_sample(LCRA, 985)
    assert (sample.population, sample.margin, sample.required) == (985, 0.05, 277)


def test_all_households_would_have_asked_for_291():
    # The population the results page wrongly used: kept here so the two figures are on record.
    assert tsm_sample(LCRA, 1_184).required == 291


def test_low_cost_home_ownership_is_sized_on_its_own_households():
    assert tsm_sample(LCHO, 199).required == 132


def test_met_once_the_answers_reach_the_requirement():
    assert tsm_sample(LCRA, 985, received=276).met is False
    assert tsm_sample(LCRA, 985, received=277).met is True
    assert tsm_sample(LCRA, 985).met is False  # no survey, nothing received


def test_other_stock_has_no_tsm_sample():
    with pytest.raises(ValueError):
        tsm_sample(StockType.OTHER, 50)


def _mixed_stock(cast):
    """The results scenario (12 low-cost rental households, 6 answers) with 3 of its homes made
    shared ownership, one answer from them, and 2 leasehold homes that are in no TSM sample."""
    scenario = build_scenario(cast)
    larch = [i.household.home for i in scenario.survey.invitations.all()][-3:]
    for home in larch:
        home.stock_type = LCHO
        home.save(update_fields=["stock_type"])
    for _ in range(2):
        home = HomeFactory(estate=cast.estate, stock_type=StockType.OTHER, tenure="leasehold")
        CoverageFactory(agreement=cast.agreement, home=home)
        HouseholdFactory(home=home)
    answer = scenario.survey.responses.order_by("pk").first()
    answer.stock_type = LCHO
    answer.save(update_fields=["stock_type"])
    return scenario


@pytest.mark.django_db
def test_each_stock_type_is_sized_on_its_own_households(cast):
    scenario = _mixed_stock(cast)
    lcra, lcho = tsm_samples(organisation=cast.tmo, survey=scenario.survey)
    assert (lcra.stock_type, lcra.population, lcra.required, lcra.received) == (LCRA, 9, 9, 5)
    assert (lcho.stock_type, lcho.population, lcho.required, lcho.received) == (LCHO, 3, 3, 1)
    assert not lcra.met and not lcho.met
    # Without a survey, nothing is received.
    assert [s.received for s in tsm_samples(organisation=cast.tmo)] == [None, None]


@pytest.mark.django_db
def test_no_lcho_row_where_there_are_no_lcho_households(cast):
    scenario = build_scenario(cast)
    assert [s.stock_type for s in tsm_samples(organisation=cast.tmo, survey=scenario.survey)] == [
        LCRA
    ]


@pytest.mark.django_db
def test_the_results_page_invitation_page_and_export_show_the_one_rules_figures(
    cast, client_as, monkeypatch
):
    scenario = _mixed_stock(cast)
    survey = scenario.survey
    args = [survey.organisation.slug, survey.pk]
    client = client_as(cast.people["staff"])
    expected = tsm_samples(organisation=cast.tmo, survey=survey)

    results = client.get(reverse("surveys:results", args=args))
    assert [(s.population, s.required, s.received) for s in results.context["tsm_samples"]] == [
        (s.population, s.required, s.received) for s in expected
    ]
    page = results.content.decode()
    shown = {
        kind: " ".join(re.sub(r"<[^>]+>", " ", block).split())
        for kind, block in re.findall(r'data-tsm-sample="(\w+)">(.*?)</dl>', page, re.S)
    }
    assert shown["lcra"] == "Households 9 Answers needed 9 (±5%) Answers received 5 Not yet met"
    assert shown["lcho"] == "Households 3 Answers needed 3 (±5%) Answers received 1 Not yet met"

    invite = client.get(reverse("surveys:invite", args=args)).content.decode()
    assert "For 9 low-cost rental households" in invite and "at least 9 answers" in invite
    assert "For 3 low-cost home ownership households" in invite

    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export-results", args=[*args, "xlsx"])).content)
    )
    assert list(book["TSM sample"].values)[1:] == [
        ("Low-cost rental", 9, 5, 9, 5, "No"),
        ("Low-cost home ownership", 3, 5, 3, 1, "No"),
    ]

    # Each page asks the one function: replace it and both pages follow.
    pinned = [rule.TsmSample(LCRA, 985, 300)]
    for module in (
        "tenantry.surveys.views.results",
        "tenantry.surveys.views.build",
        "tenantry.surveys.exports",
    ):
        monkeypatch.setattr(f"{module}.tsm_samples", lambda **kwargs: pinned)
    assert client.get(reverse("surveys:results", args=args)).context["tsm_samples"] is pinned
    invite = client.get(reverse("surveys:invite", args=args)).content.decode()
    assert "For 985 low-cost rental households" in invite and "at least 277 answers" in invite
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export-results", args=[*args, "xlsx"])).content)
    )
    assert list(book["TSM sample"].values)[1:] == [("Low-cost rental", 985, 5, 277, 300, "Yes")]


def test_nothing_else_works_out_a_tsm_sample_size():
    """Only the rule's home turns a population into a TSM requirement; pages call it."""
    root = pathlib.Path(tenantry.__file__).parent
    homes = {root / "surveys" / "statistics.py", root / "surveys" / "tsm_sample.py"}
    drifted = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path not in homes
        and "tests" not in path.parts
        and re.search(r"tsm_required_sample_size|tsm_margin_for|TSM_MARGIN_BANDS", path.read_text())
    ]
    assert drifted == []
