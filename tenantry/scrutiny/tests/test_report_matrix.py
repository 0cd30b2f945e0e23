"""The report routes for the panel's own people: its member, and an inspector or adviser who
holds a role in the panel and reads its record (docs/scrutiny.md). The matrix's columns are
asked in core/tests/test_permissions_matrix.py."""

import pytest

from tenantry.core.permissions import Role
from tenantry.core.tests.test_permissions_matrix import _url
from tenantry.scrutiny.tests.factories_report import member_of
from tenantry.scrutiny.tests.routes_report import MEMBER_AND_INSPECTOR, PANEL_SIDE, ROUTES


def test_every_report_route_says_what_the_panel_side_gets():
    assert set(PANEL_SIDE) == set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
@pytest.mark.parametrize(("who", "column"), [(Role.PANEL, 0), (Role.INSPECTOR, 1)])
def test_route_answers_the_panels_member_and_inspector(cast, client_as, name, who, column):
    person = member_of(cast.panel, who)
    expected = MEMBER_AND_INSPECTOR[PANEL_SIDE[name]][column]
    response = client_as(person).get(_url(cast, name, ROUTES[name]))
    assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if PANEL_SIDE[n] != "read"))
def test_the_inspector_changes_nothing(cast, client_as, name):
    inspector = member_of(cast.panel, Role.INSPECTOR)
    response = client_as(inspector).post(_url(cast, name, ROUTES[name]), {})
    assert response.status_code == 403
