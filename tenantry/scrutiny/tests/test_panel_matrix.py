"""What the panel's own member gets from every scrutiny route, and that the landlord's pages
exist only at the landlord's address."""

import pytest
from django.urls import reverse

from tenantry.core.tests.test_permissions_matrix import _check_route

from . import helpers
from .routes_scrutiny import PANEL, ROUTES


def test_every_scrutiny_route_says_what_the_panel_member_gets():
    assert set(PANEL) == set(ROUTES)


@pytest.mark.parametrize("name", sorted(PANEL))
def test_route_answers_the_panel_member(cast, client_as, name):
    _check_route(cast, client_as, name, cast.panel_member, ROUTES[name], PANEL[name])


@pytest.mark.parametrize("name", ["scrutiny:followed-reviews", "scrutiny:followed-review"])
def test_the_landlords_pages_do_not_exist_elsewhere(cast, client_as, name):
    kwargs = {"pk": helpers.review(cast).pk} if name.endswith("review") else {}
    url = reverse(name, kwargs={"slug": cast.tmo.slug, **kwargs})

    assert client_as(cast.people["landlord_officer"]).get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    [n for n, spec in ROUTES.items() if spec[0] == "panel" and n != "scrutiny:open-exercise"],
)
def test_a_form_sent_by_the_landlord_to_the_panels_pages_is_refused(cast, client_as, name):
    where, arguments, _outcomes = ROUTES[name]
    kwargs = {key: value(cast) for key, value in arguments.items()}
    url = reverse(name, kwargs={"slug": cast.panel.slug, **kwargs})

    assert client_as(cast.people["landlord_officer"]).post(url, {}).status_code == 403
