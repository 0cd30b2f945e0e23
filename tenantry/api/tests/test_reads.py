"""Reading with a token: what each person sees is what the pages show them."""

import pytest
from django.urls import reverse

from tenantry.records.tests.factories import RepairFactory
from tenantry.reviews.tests.plan_factories import PlanFactory

from .helpers import bearer, secret_for
from .world import build

pytestmark = pytest.mark.django_db


def test_a_landlord_s_officer_reads_an_organisation_s_figures_through_its_scopes(cast, client):
    build(cast)
    headers = bearer(secret_for(cast.people["landlord_officer"]))
    url = reverse("api:results", kwargs={"slug": cast.landlord.slug})
    body = client.get(url, {"scope": f"org:{cast.tmo.slug}", "period": "2025/26"}, **headers)
    [figure] = body.json()["items"]
    assert body.json()["scope"] == "Kingsmead TMO"
    assert (figure["indicator"], figure["numerator"], figure["denominator"]) == ("RP02-2", 4, 5)


def test_repairs_never_carry_who_reported_them_or_what_they_wrote(cast, client):
    RepairFactory(
        organisation=cast.tmo, home=cast.home, reference="R-PRIVATE",
        description="Leak under the sink, my neighbour at no. 3 caused it",
        satisfaction_comment="Mrs Jones was rude", access_times="Mornings, not Tuesdays",
        reported_by=cast.people["resident"],
    )  # fmt: skip
    headers = bearer(secret_for(cast.people["landlord_officer"]))
    response = client.get(reverse("api:repairs", kwargs={"slug": cast.tmo.slug}), **headers)
    text = response.content.decode()
    assert "R-PRIVATE" in text
    for private in ("neighbour", "Mrs Jones", "Tuesdays", cast.people["resident"].email):
        assert private not in text


def test_a_draft_plan_is_read_by_those_who_read_the_plan_pages_not_the_public(cast, client):
    build(cast)
    PlanFactory(review__organisation=cast.tmo, review__title="Caretaking review")
    headers = bearer(secret_for(cast.people["resident"]))
    body = client.get(reverse("api:plans", kwargs={"slug": cast.tmo.slug}), **headers).json()
    assert {(p["review"], p["stage"]) for p in body["items"]} == {
        ("Caretaking review", "draft"), ("Repairs review", "published"),
    }  # fmt: skip
    public = client.get(reverse("api:public-plans", kwargs={"slug": cast.tmo.slug})).json()
    assert [p["review"] for p in public["items"]] == ["Repairs review"]


def test_me_lists_the_person_s_roles(cast, client):
    body = client.get(reverse("api:me"), **bearer(secret_for(cast.people["committee"]))).json()
    assert body["organisations"] == [{"organisation": cast.tmo.slug, "roles": ["committee"]}]
    assert body["token"] == "Tests"
