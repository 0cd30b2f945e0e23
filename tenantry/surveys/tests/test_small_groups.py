"""Small-number suppression (tenantry/core/privacy.py) on every way out of the results: the
page's tables, its chart, the CSV and the workbook. A group of 4 is hidden, a group of 5 shown,
and moving the one threshold moves every one of them."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

import tenantry
from tenantry.core import privacy
from tenantry.surveys.tests.factories import AnswerFactory, ResponseFactory
from tenantry.surveys.tests.test_analysis import build_scenario

pytestmark = pytest.mark.django_db

HIDDEN = "–"
WAYS = ("page", "chart", "csv", "xlsx")


@pytest.fixture
def four_and_five(cast):
    """Kingsmead: 4 people answered TP01; Larch Court: 5 (the scenario's 2 and three more)."""
    scenario = build_scenario(cast)
    for value in ("very_satisfied", "fairly_satisfied", "neither"):
        response = ResponseFactory(survey=scenario.survey, estate=scenario.larch)
        AnswerFactory(response=response, question=scenario.questions["TP01"], value=value)
    return scenario


def _url(name, survey, *args):
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *args])


def _what_is_shown(client, scenario) -> dict[str, dict[str, bool]]:
    """For each way out, and each estate: whether what its people said about TP01 is shown."""
    cache.clear()  # the questions' tables are drawn once until the next response: draw them
    page = client.get(_url("results", scenario.survey))
    tp01 = next(q for q in page.context["questions"] if q["result"].question.code == "TP01")
    table = {label: cells[1] != HIDDEN for label, cells in tp01["group_rows"]}
    answered = {label: cells[0] for label, cells in tp01["group_rows"]}
    chart = next(c for c in page.context["charts"] if c.title.startswith("TP01"))
    bars = {row[0]: "%" in row[1] for row in chart.rows}

    response = client.get(_url("export-results", scenario.survey, "csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    in_csv = {
        row[3]: row[6] != "" and row[8] != ""
        for row in rows
        if row[1] == "TP01" and row[4] == "very_satisfied"
    }
    book = load_workbook(
        io.BytesIO(client.get(_url("export-results", scenario.survey, "xlsx")).content)
    )
    in_xlsx = {
        row[3]: row[6] not in (None, "") and row[8] not in (None, "")
        for row in book["Answers"].values
        if row[1] == "TP01" and row[4] == "very_satisfied"
    }
    # How many answered is always shown, whatever the group's size.
    assert answered == {"Kingsmead Estate": "4", "Larch Court": "5"}
    names = ("Kingsmead Estate", "Larch Court")
    return {
        way: {name: found[name] for name in names}
        for way, found in (("page", table), ("chart", bars), ("csv", in_csv), ("xlsx", in_xlsx))
    }


def test_a_group_of_four_is_hidden_and_a_group_of_five_shown_everywhere(
    cast, client_as, four_and_five
):
    shown = _what_is_shown(client_as(cast.people["committee"]), four_and_five)
    expected = {"Kingsmead Estate": False, "Larch Court": True}
    assert shown == dict.fromkeys(WAYS, expected)
    page = client_as(cast.people["committee"]).get(_url("results", four_and_five.survey))
    assert "fewer than 5 people in the group answered" in page.content.decode()


def test_every_way_out_follows_the_one_threshold(cast, client_as, four_and_five, monkeypatch):
    client = client_as(cast.people["committee"])
    monkeypatch.setattr(privacy, "SMALLEST_GROUP_SHOWN", 4)
    everything = {"Kingsmead Estate": True, "Larch Court": True}
    assert _what_is_shown(client, four_and_five) == dict.fromkeys(WAYS, everything)
    monkeypatch.setattr(privacy, "SMALLEST_GROUP_SHOWN", 6)
    nothing = {"Kingsmead Estate": False, "Larch Court": False}
    assert _what_is_shown(client, four_and_five) == dict.fromkeys(WAYS, nothing)


def test_the_threshold_is_set_in_one_place_only():
    """No survey module keeps a threshold of its own (a "< 5" or a copy of the constant)."""
    root = Path(tenantry.__file__).parent
    modules = [root / "core" / "privacy.py"] + [
        path for path in (root / "surveys").rglob("*.py") if "tests" not in path.parts
    ]
    setters = [
        path.relative_to(root).as_posix()
        for path in modules
        if re.search(r"SMALLEST_GROUP_SHOWN\s*=|[<>]=?\s*5\b", path.read_text())
    ]
    assert setters == ["core/privacy.py"]
