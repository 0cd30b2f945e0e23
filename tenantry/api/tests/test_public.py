"""Read by anyone: only organisations that publish (reports.publication), and of them their
own published figures, plans and the panel's recommendations with the landlord's answers."""

import pytest
from django.urls import reverse

from tenantry.reports.models import PublicPage

from .world import build

pytestmark = pytest.mark.django_db


def test_only_published_organisations_are_listed_by_name(cast, client):
    build(cast, worked_out=True)
    PublicPage.objects.create(organisation=cast.other_tmo, published=False)
    body = client.get(reverse("api:public-organisations")).json()
    assert [o["slug"] for o in body["items"]] == [cast.tmo.slug, cast.panel.slug]
    assert body["next"] is None
    links = {link["rel"]: link["href"] for link in body["items"][0]["links"]}
    assert links["results"].endswith(f"/api/v1/public/organisations/{cast.tmo.slug}/results")


@pytest.mark.parametrize(
    "name",
    [
        "api:public-organisation",
        "api:public-results",
        "api:public-plans",
        "api:public-recommendations",
        "api:open-data",
    ],  # fmt: skip
)
def test_an_organisation_that_does_not_publish_does_not_exist_here(cast, client, name):
    build(cast, worked_out=True)
    for slug in (cast.other_tmo.slug, cast.landlord.slug, "no-such-org"):
        response = client.get(reverse(name, kwargs={"slug": slug}))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    PublicPage.objects.filter(organisation=cast.tmo).update(published=False)
    assert client.get(reverse(name, kwargs={"slug": cast.tmo.slug})).status_code == 404


def test_published_figures_carry_numerator_denominator_and_period(cast, client):
    build(cast, worked_out=True)
    url = reverse("api:public-results", kwargs={"slug": cast.tmo.slug})
    body = client.get(url, {"period": "2025/26", "indicator": "RP02-2"}).json()
    # Five emergency repairs completed in 2025/26, four within 24 hours: 4 of 5 = 80%.
    [figure] = body["items"]
    assert (figure["numerator"], figure["denominator"], figure["value"]) == (4.0, 5.0, 80.0)
    assert (figure["period"], figure["period_start"], figure["period_end"]) == (
        "2025/26", "2025-04-01", "2026-03-31",
    )  # fmt: skip
    body = client.get(url, {"period": "2024/25", "indicator": "RP02-2"}).json()
    assert [(f["numerator"], f["denominator"], f["value"]) for f in body["items"]] == [
        (1.0, 2.0, 50.0)
    ]
    body = client.get(url, {"indicator": "RP02-2", "limit": 200}).json()
    # Newest period first; within one start day, the figure stored last first.
    assert [f["period"] for f in body["items"]] == ["2025/26", "2024/25 Q1", "2024/25"]


def test_a_period_that_makes_no_sense_is_a_422_naming_it(cast, client):
    build(cast, worked_out=True)
    url = reverse("api:public-results", kwargs={"slug": cast.tmo.slug})
    for nonsense in ("last year", "2025/27", "1850/51"):
        response = client.get(url, {"period": nonsense})
        body = response.json()
        assert response.status_code == 422, nonsense
        assert body["problems"][0]["field"] == "period"


def test_published_plans_and_their_actions(cast, client):
    build(cast, worked_out=True)
    body = client.get(reverse("api:public-plans", kwargs={"slug": cast.tmo.slug})).json()
    [plan] = body["items"]
    assert plan["review"] == "Repairs review"
    assert [a["title"] for a in plan["actions"]] == ["Book appointments by phone"]
    page = reverse("improvement-plan:plan", args=[cast.tmo.slug, plan_review(cast)])
    assert plan["page"].endswith(page)


def plan_review(cast) -> int:
    from tenantry.reviews.models import ImprovementPlan

    return ImprovementPlan.objects.get(review__organisation=cast.tmo).review_id


def test_a_panel_s_recommendations_with_the_landlord_s_answers(cast, client):
    build(cast, worked_out=True)
    body = client.get(reverse("api:public-recommendations", kwargs={"slug": cast.panel.slug}))
    [report] = body.json()["items"]
    [recommendation] = report["recommendations"]
    assert report["review"] == "Appointments"
    assert (recommendation["response"], recommendation["reasons"]) == (
        "accepted", "We will text reminders.",
    )  # fmt: skip
    # An organisation that is not a panel makes no recommendations.
    body = client.get(reverse("api:public-recommendations", kwargs={"slug": cast.tmo.slug}))
    assert body.json() == {"items": [], "next": None}
