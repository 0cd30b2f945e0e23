"""Saved column mappings: renamed, their headers changed, and deleted, on the imports page."""

import pytest
from django.urls import reverse

from tenantry.records.imports.specs import SPECS
from tenantry.records.models import ImportMapping

pytestmark = pytest.mark.django_db

# Every repairs column once, as an Orchard export heads it (the required ones filled in).
ORCHARD = {column.name: "" for column in SPECS["repairs"].columns} | {
    "reference": "Job No",
    "home": "UPRN",
    "priority": "Priority Code",
    "reported_at": "Date Logged",
}


def _mapping(cast, name="Orchard", kind="repairs", columns=None) -> ImportMapping:
    return ImportMapping.objects.create(
        organisation=cast.tmo, kind=kind, name=name, columns=ORCHARD if columns is None else columns
    )


def _url(cast, mapping) -> str:
    return reverse("services:change-import-mapping", args=[cast.tmo.slug, mapping.pk])


def _form(name: str, columns: dict[str, str]) -> dict[str, str]:
    return {"name": name} | {f"column_{ours}": theirs for ours, theirs in columns.items()}


def test_the_imports_page_links_to_each_mappings_change_page(cast, client_as):
    mapping = _mapping(cast)
    page = client_as(cast.people["staff"]).get(
        reverse("services:import-runs", args=[cast.tmo.slug])
    )
    assert f'href="{_url(cast, mapping)}"' in page.content.decode()


def test_the_change_page_shows_the_name_and_each_header(cast, client_as):
    mapping = _mapping(cast)
    html = client_as(cast.people["staff"]).get(_url(cast, mapping)).content.decode()
    assert 'value="Orchard"' in html
    assert 'value="Job No"' in html and 'value="Date Logged"' in html


def test_a_mapping_is_renamed(cast, client_as):
    mapping = _mapping(cast)
    response = client_as(cast.people["staff"]).post(
        _url(cast, mapping), _form("Orchard 2026", ORCHARD)
    )
    assert response.status_code == 302
    assert response.url == reverse("services:import-runs", args=[cast.tmo.slug])
    mapping.refresh_from_db()
    assert mapping.name == "Orchard 2026"
    assert mapping.columns == ORCHARD


def test_which_header_fills_which_column_can_be_changed(cast, client_as):
    mapping = _mapping(cast)
    changed = ORCHARD | {"reported_at": "Logged On", "description": " Job Text "}
    client_as(cast.people["landlord_officer"]).post(_url(cast, mapping), _form("Orchard", changed))
    mapping.refresh_from_db()
    assert mapping.columns["reported_at"] == "Logged On"
    assert mapping.columns["description"] == "Job Text"  # spaces around it are dropped
    assert mapping.columns["home"] == "UPRN"


def test_a_name_used_by_another_mapping_of_the_same_kind_is_refused_and_the_input_kept(
    cast, client_as
):
    _mapping(cast, name="Northgate")
    mapping = _mapping(cast)
    changed = ORCHARD | {"reported_at": "Logged On"}
    response = client_as(cast.people["staff"]).post(
        _url(cast, mapping), _form("Northgate", changed)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert (
        "There is already a saved mapping called “Northgate” for this kind of file (Repairs). "
        "Choose another name." in html
    )
    assert 'value="Northgate"' in html and 'value="Logged On"' in html  # what was typed
    assert "Change the mapping “Orchard”" in html  # the page keeps the name it had
    mapping.refresh_from_db()
    assert (mapping.name, mapping.columns["reported_at"]) == ("Orchard", "Date Logged")


def test_the_same_name_may_be_used_for_another_kind(cast, client_as):
    _mapping(cast, name="Northgate", kind="voids", columns={})
    mapping = _mapping(cast)
    client_as(cast.people["staff"]).post(_url(cast, mapping), _form("Northgate", ORCHARD))
    mapping.refresh_from_db()
    assert mapping.name == "Northgate"


def test_required_columns_need_a_header_and_a_header_fills_one_column(cast, client_as):
    mapping = _mapping(cast)
    changed = ORCHARD | {"reported_at": "", "home": "", "description": "Job No"}
    response = client_as(cast.people["staff"]).post(_url(cast, mapping), _form("", changed))
    html = response.content.decode()
    assert "Enter a name for the mapping" in html
    assert "Enter the header of the column that holds reported_at" in html
    assert "Enter a header for home or block" in html  # a repair is to a home or a block
    assert "“Job No” is already given for reference" in html
    mapping.refresh_from_db()
    assert mapping.columns == ORCHARD


def test_a_column_the_mapping_never_named_is_offered_under_its_own_name(cast, client_as):
    # Matched by its own name when importing, so that is what the page shows for it.
    mapping = _mapping(cast, columns={"reference": "Job No", "home": "UPRN"})
    html = client_as(cast.people["staff"]).get(_url(cast, mapping)).content.decode()
    assert 'name="column_reported_at" value="reported_at"' in html


def test_an_outsider_finds_no_mapping_to_change(cast, client_as):
    mapping = _mapping(cast)
    client = client_as(cast.people["outsider"])
    assert client.get(_url(cast, mapping)).status_code == 404
    assert client.post(_url(cast, mapping), _form("Mine now", ORCHARD)).status_code == 404
    mapping.refresh_from_db()
    assert mapping.name == "Orchard"


def test_another_organisations_mapping_is_not_found(cast, client_as):
    theirs = ImportMapping.objects.create(organisation=cast.other_tmo, kind="repairs", name="X")
    url = reverse("services:change-import-mapping", args=[cast.tmo.slug, theirs.pk])
    assert client_as(cast.people["staff"]).get(url).status_code == 404


@pytest.mark.parametrize("role", ["resident", "committee", "inspector"])
def test_people_who_do_not_import_cannot_change_a_mapping(cast, client_as, role):
    mapping = _mapping(cast)
    client = client_as(cast.people[role])
    assert client.get(_url(cast, mapping)).status_code == 403
    assert client.post(_url(cast, mapping), _form("Theirs", ORCHARD)).status_code == 403
    mapping.refresh_from_db()
    assert mapping.name == "Orchard"
