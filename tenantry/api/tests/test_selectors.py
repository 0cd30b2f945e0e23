import pytest

from tenantry.api.selectors import organisations_visible_to
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import roles_in

pytestmark = pytest.mark.django_db


def test_the_organisations_a_person_may_see_are_those_they_hold_roles_in(cast):
    cast.panel_member  # noqa: B018 (makes the panel and its member)
    organisations = list(Organisation.objects.all())
    for role, person in cast.people.items():
        if person is None:
            continue
        visible = set(organisations_visible_to(user=person))
        expected = {o for o in organisations if roles_in(user=person, organisation=o)}
        assert visible == expected, role
