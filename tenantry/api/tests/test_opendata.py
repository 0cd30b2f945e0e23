"""Open data of an organisation that publishes: the regulator's TSM return layout and a CSV per
indicator per year, from the layouts the organisation's own downloads use."""

import csv
import io

import pytest
from django.urls import reverse

from tenantry.indicators.exports import TSM_RETURN_HEADERS

from .world import build

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_open_data_index_links_each_year_s_files(cast, client):
    build(cast, worked_out=True)
    body = client.get(reverse("api:open-data", kwargs={"slug": cast.tmo.slug})).json()
    titles = [f["title"] for f in body["files"]]
    assert titles[0] == "TSM return 2025/26" and "TSM return 2024/25" in titles
    assert "RP02-2 2025/26" in titles and "RP02-2 2024/25" in titles
    for file in body["files"]:
        assert client.get(file["href"]).status_code == 200, file["href"]


def test_the_tsm_return_is_the_regulator_s_layout_with_its_own_figures(cast, client):
    build(cast, worked_out=True)
    url = reverse("api:open-data-tsm-return", kwargs={"slug": cast.tmo.slug, "year": "2025-26"})
    response = client.get(url)
    rows = _rows(response)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == list(TSM_RETURN_HEADERS)
    assert len(rows) == 2  # the organisation's own figures, no other organisation's
    # The proportion of emergency repairs completed in time (RP02 2): 4 of 5, 80.0.
    assert float(rows[1][25]) == 80.0
    assert rows[1][0] == "Kingsmead TMO" or "Kingsmead TMO" in rows[1]


def test_a_csv_per_indicator_per_year(cast, client):
    build(cast, worked_out=True)
    url = reverse("api:open-data-indicator",
                  kwargs={"slug": cast.tmo.slug, "year": "2025-26", "code": "RP02-2"})  # fmt: skip
    rows = _rows(client.get(url))
    header, [row] = rows[0], rows[1:]
    figure = dict(zip(header, row, strict=True))
    assert (figure["Indicator code"], figure["Numerator"], figure["Denominator"]) == (
        "RP02-2",
        "4",
        "5",
    ) or (figure["Numerator"], figure["Denominator"]) == ("4.00", "5.00")
    assert figure["Period"] == "2025/26"


@pytest.mark.parametrize(
    ("year", "code", "status"),
    [("2025-26", "BV999", 404), ("1999-00", "RP02-2", 404), ("2025-2", "RP02-2", 422)],
)
def test_a_file_that_does_not_exist_is_a_404(cast, client, year, code, status):
    build(cast, worked_out=True)
    url = f"/api/v1/public/organisations/{cast.tmo.slug}/open-data/{year}/{code}.csv"
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["status"] == status


def test_an_organisation_that_does_not_publish_has_no_open_data(cast, client):
    build(cast, worked_out=True)
    url = reverse("api:open-data-tsm-return",
                  kwargs={"slug": cast.other_tmo.slug, "year": "2025-26"})  # fmt: skip
    assert client.get(url).status_code == 404
