import pytest

pytestmark = pytest.mark.django_db


def test_missing_page_is_a_404_in_tenantrys_design(client):
    response = client.get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found – Tenantry" in page
    assert "govuk-header" in page


def test_server_error_shows_a_plain_page_and_no_stack_trace(client, settings):
    settings.ROOT_URLCONF = "tenantry.core.tests.urls_with_error"
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/broken/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with Tenantry" in page
    assert "secret detail" not in page
    assert "Traceback" not in page and "RuntimeError" not in page


def test_wrong_role_is_a_403_page_that_says_why(cast, client_as):
    response = client_as(cast.people["resident"]).get(f"/o/{cast.tmo.slug}/history/")
    assert response.status_code == 403
    assert "Your role in this organisation does not include this page." in response.content.decode()
