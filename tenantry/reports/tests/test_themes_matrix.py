"""Every themes route × every role, GET and POST: anonymous, resident, committee, staff, a
scrutiny panel member, the landlord's officer, an inspector, someone of another organisation,
another landlord's officer and the site administrator."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.reports.themes_models import ThemeRun

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous", "resident", "committee", "staff", "panel", "landlord_officer", "inspector",
    "outsider", "other_landlord_officer", "site_admin",
]  # fmt: skip

# GET and POST outcome for each person, in the order of PEOPLE. A POST to the page itself is
# not a way to change anything (405); working out again is for those who keep the figures.
PAGE_GET = ["login", 403, 200, 200, 200, 200, 200, 404, 404, 200]
PAGE_POST = ["login", 403, 405, 405, 405, 405, 405, 404, 404, 405]
WORK_OUT_GET = ["login", 403, 405, 405, 403, 405, 403, 404, 404, 405]
WORK_OUT_POST = ["login", 403, 302, 302, 403, 302, 403, 404, 404, 302]

TABLE = {
    ("reports:themes", "get"): PAGE_GET,
    ("reports:themes", "post"): PAGE_POST,
    ("reports:themes-work-out", "get"): WORK_OUT_GET,
    ("reports:themes-work-out", "post"): WORK_OUT_POST,
}


@pytest.fixture
def people(cast):
    found = dict(cast.people)
    # A member of the landlord's scrutiny panel, given a role in the TMO it scrutinises.
    panel = UserFactory(name="Panel")
    RoleFactory(user=panel, organisation=cast.tmo, role=Role.PANEL)
    found["panel"] = panel
    return found


@pytest.mark.parametrize(("name", "method"), list(TABLE))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_gets_what_the_table_says(
    cast, client_as, people, name, method, who, django_capture_on_commit_callbacks
):
    expected = TABLE[(name, method)][PEOPLE.index(who)]
    url = reverse(name, args=[cast.tmo.slug])
    client = client_as(people[who])
    # The work itself is the task's (tested in test_themes_pages.py); here only who may ask.
    with django_capture_on_commit_callbacks(execute=False):
        response = getattr(client, method)(url)
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not ThemeRun.objects.exists()
        return
    assert response.status_code == expected
    asked = ThemeRun.objects.exists()
    assert asked == (name == "reports:themes-work-out" and method == "post" and expected == 302)


def test_the_table_covers_every_themes_route():
    from tenantry.reports import urls

    names = {f"reports:{p.name}" for p in urls.urlpatterns if p.name.startswith("themes")}
    assert names == {name for name, _method in TABLE}
