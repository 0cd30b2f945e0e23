"""Every page shown by GET, asked with nonsense in its query string, answers without a 500.

Each route of the role × route matrix is requested by a role that may see it (and by a
resident too where residents see it), with every query parameter any view reads set to each
hostile value in turn, then with every parameter given twice.
"""

import pytest

from tenantry.core.tests.matrix import ROLES
from tenantry.core.tests.test_permissions_matrix import LANDLORD_ROUTES, ROUTES, _url

# Every name a view reads from `request.GET`, directly or through a form bound to it.
PARAMETERS = [
    "period", "year", "scope", "by", "show", "page", "stock", "sort", "group", "q", "example",
    "then", "language", "section", "size", "all", "estate", "status", "priority", "home",
    "search", "margin", "type", "region", "start", "goal", "first_year", "tolerance",
]  # fmt: skip

HOSTILE = [
    "0001/02",
    "0001/02 Q1",
    "January 1",
    "9999/99",
    "9998/99",
    "9999/00 Q4",
    "December 9999",
    "-1",
    "0",
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "%00",
    "Ünïcödé 🏠 ٣٤",
    "../../etc/passwd",
    "' OR 1=1 --",
    "99999999999999999999999",
    "1e309",
    "nan",
]

# The role that asks: one who sees the page, a site admin where possible; and a resident
# wherever residents see it, as their pages take their own paths through the views.
PREFERENCE = ["site_admin", "landlord_officer", "committee", "staff", "inspector", "anonymous"]


def _askers(outcomes) -> list[str]:
    shown = [role for role in ROLES if outcomes[ROLES.index(role)] == 200]
    askers = [role for role in PREFERENCE if role in shown][:1]
    if "resident" in shown:
        askers.append("resident")
    return askers or shown[:1]


CASES = [
    (name, role, spec)
    for table in (ROUTES, LANDLORD_ROUTES)
    for name, spec in table.items()
    for role in _askers(spec[2])
]


@pytest.mark.parametrize(
    ("name", "role", "spec"), CASES, ids=[f"{n}-{r}-{s[0]}" for n, r, s in CASES]
)
def test_hostile_query_strings_never_break_a_page(cast, client_as, name, role, spec):
    url = _url(cast, name, spec)
    client = client_as(cast.people[role])

    for value in HOSTILE:
        response = client.get(url, {parameter: value for parameter in PARAMETERS})
        assert response.status_code < 500, (name, role, value[:40])
    repeated = {parameter: ["2025/26", "0001/02", "-1"] for parameter in PARAMETERS}
    assert client.get(url, repeated).status_code < 500, (name, role, "repeated")
