import pytest
from django.urls import reverse

from tenantry.core.tests.factories import UserFactory
from tenantry.demo.api_tokens import DEMO_TOKEN, add_demo_api_tokens
from tenantry.organisations.tests.factories import OrganisationFactory
from tenantry.reports.publication import is_published

from .helpers import bearer

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_kingsmead_and_gives_staff_a_known_token(client):
    kingsmead = OrganisationFactory(slug="kingsmead-tmo", name="Kingsmead TMO")
    UserFactory(email="staff@example.org", name="Sam Staff")
    add_demo_api_tokens()
    add_demo_api_tokens()  # a second run changes nothing
    assert is_published(kingsmead)
    body = client.get(reverse("api:me"), **bearer(DEMO_TOKEN)).json()
    assert body["email"] == "staff@example.org" and body["token"] == "Demo token"
