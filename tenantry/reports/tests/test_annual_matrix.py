"""The annual report's routes answer a form posted to them as the matrix says, and a scrutiny
panel's member (who holds no role in the organisation) finds the signed-in pages hidden and the
public ones open. The GET matrix is asked in core/tests/test_permissions_matrix.py."""

import pytest

from tenantry.core.tests.matrix import ROLES
from tenantry.core.tests.test_permissions_matrix import _url
from tenantry.reports.tests.routes_annual import POSTS, ROUTES


def test_every_annual_report_route_says_what_a_post_gets():
    assert set(POSTS) == set(ROUTES)


CASES = [(name, role) for name in sorted(ROUTES) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_post_answers_each_role(cast, client_as, name, role):
    expected = POSTS[name][ROLES.index(role)]

    response = client_as(cast.people[role]).post(_url(cast, name, ROUTES[name]), {})

    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_panel_member_sees_only_the_public_report(cast, client_as, name):
    response = client_as(cast.panel_member).get(_url(cast, name, ROUTES[name]))

    assert response.status_code == (200 if name.startswith("annual-report:") else 404)


def test_a_published_report_is_read_by_residents(cast, client_as):
    from tenantry.reports.tests.routes_annual import published

    year = published(cast)

    response = client_as(cast.people["resident"]).get(f"/o/{cast.tmo.slug}/annual-reports/{year}/")

    assert response.status_code == 200
