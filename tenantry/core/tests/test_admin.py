import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_site_admin_opens_every_admin_list_and_add_page(cast, client_as):
    client = client_as(cast.people["site_admin"])
    assert client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        assert client.get(add).status_code in (200, 403), add


def test_organisation_admin_shows_its_history(cast, client_as):
    client = client_as(cast.people["site_admin"])
    url = reverse("admin:organisations_organisation_history", args=[cast.tmo.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["committee", "landlord_officer", "staff"])
def test_only_site_admins_reach_the_admin(cast, client_as, role):
    response = client_as(cast.people[role]).get(reverse("admin:index"))
    assert response.status_code == 302
