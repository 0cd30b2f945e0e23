import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tenantry.core.models import User
from tenantry.organisations.models import ManagementAgreement, Organisation

pytestmark = pytest.mark.django_db


def test_landlord_officer_registers_an_organisation(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create", args=[cast.landlord.slug]),
        {"name": "Riverside Co-op", "slug": "riverside", "kind": "coop", "region": "london"},
    )
    riverside = Organisation.objects.get(slug="riverside")
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=["riverside"])
    assert riverside.landlord == cast.landlord
    assert riverside.history.get().history_user == cast.people["landlord_officer"]


def test_a_landlord_cannot_be_registered_under_a_landlord(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create", args=[cast.landlord.slug]),
        {"name": "Other Council", "slug": "other", "kind": "council"},
    )
    assert response.status_code == 200
    assert "from the list" in response.content.decode()
    assert not Organisation.objects.filter(slug="other").exists()


def test_bad_organisation_form_keeps_what_was_typed_and_lists_errors(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create", args=[cast.landlord.slug]),
        {"name": "Riverside Co-op", "slug": "kingsmead", "kind": "coop", "email": "not-an-email"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_slug"' in page and 'href="#id_email"' in page
    assert 'value="Riverside Co-op"' in page and 'value="not-an-email"' in page
    assert "<title>Error:" in page


def test_committee_edits_its_details_and_history_shows_who_and_what(cast, client_as):
    committee = cast.people["committee"]
    client = client_as(committee)
    response = client.post(
        reverse("organisations:edit", args=[cast.tmo.slug]),
        {"name": cast.tmo.name, "kind": "tmo", "phone": "0161 496 0123"},
    )
    assert response.status_code == 302
    cast.tmo.refresh_from_db()
    assert cast.tmo.phone == "0161 496 0123"

    history = client.get(reverse("organisations:history", args=[cast.tmo.slug])).content.decode()
    assert committee.name in history
    assert "0161 496 0123" in history
    assert "Contact phone" in history


def test_committee_cannot_change_its_kind_or_address(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post(
        reverse("organisations:edit", args=[cast.tmo.slug]),
        {"name": cast.tmo.name, "kind": "council", "slug": "renamed"},
    )
    cast.tmo.refresh_from_db()
    assert (cast.tmo.kind, cast.tmo.slug) == ("tmo", "kingsmead")


AGREEMENT = {
    "title": "Kingsmead agreement 2026",
    "services": ["repairs", "complaints"],
    "management_allowance": "750000.00",
    "starts_on": "01/04/2026",
    "ends_on": "",
    "notes": "",
}


def test_landlord_officer_records_an_agreement_with_uk_dates(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create-agreement", args=[cast.landlord.slug]),
        {**AGREEMENT, "organisation": cast.tmo.pk},
    )
    agreement = ManagementAgreement.objects.get(title="Kingsmead agreement 2026")
    assert response.status_code == 302
    assert agreement.landlord == cast.landlord and agreement.organisation == cast.tmo
    assert agreement.services == ["complaints", "repairs"]
    assert agreement.management_allowance == Decimal("750000.00")
    assert agreement.starts_on == date(2026, 4, 1)


def test_agreement_may_only_be_made_with_the_landlords_own_organisations(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create-agreement", args=[cast.landlord.slug]),
        {**AGREEMENT, "organisation": cast.other_tmo.pk},
    )
    assert response.status_code == 200
    assert not ManagementAgreement.objects.filter(title=AGREEMENT["title"]).exists()


def test_agreement_ending_before_it_starts_is_refused_and_input_kept(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("organisations:create-agreement", args=[cast.tmo.slug]),
        {**AGREEMENT, "ends_on": "2026-03-31", "management_allowance": "-5"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in page
    assert 'href="#id_ends_on"' in page and 'href="#id_management_allowance"' in page
    assert 'value="Kingsmead agreement 2026"' in page
    assert re.search(r'value="repairs"[^>]*checked', page)
    assert not re.search(r'value="caretaking"[^>]*checked', page)
    assert not ManagementAgreement.objects.filter(title=AGREEMENT["title"]).exists()


def test_varying_an_agreement_is_kept_in_its_history(cast, client_as):
    officer = cast.people["landlord_officer"]
    client = client_as(officer)
    url = reverse("organisations:edit-agreement", args=[cast.tmo.slug, cast.agreement.pk])
    data = {
        **AGREEMENT,
        "title": cast.agreement.title,
        "starts_on": "2020-04-01",
        "management_allowance": "120000",
    }
    assert client.post(url, data).status_code == 302

    cast.agreement.refresh_from_db()
    assert cast.agreement.management_allowance == Decimal("120000")
    latest = cast.agreement.history.first()
    assert latest.history_user == officer
    page = client.get(reverse("organisations:history", args=[cast.tmo.slug])).content.decode()
    assert "120000" in page


def test_resident_sees_the_agreement_but_no_change_button(cast, client_as):
    client = client_as(cast.people["resident"])
    page = client.get(
        reverse("organisations:agreement", args=[cast.tmo.slug, cast.agreement.pk])
    ).content.decode()
    assert cast.agreement.title in page
    assert "Change the agreement" not in page


def test_people_page_lists_roles_without_listing_residents(cast, client_as):
    page = (
        client_as(cast.people["committee"])
        .get(reverse("organisations:people", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert cast.people["staff"].name in page
    assert cast.people["resident"].name not in page
    assert "1 resident can sign in." in page


def test_committee_adds_a_new_person_who_is_emailed_how_to_sign_in(
    cast, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_as(cast.people["committee"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:add-person", args=[cast.tmo.slug]),
            {"name": "Grace Okafor", "email": "Grace@Example.net", "role": "member"},
        )
    assert response.status_code == 302
    grace = User.objects.get(email="grace@example.net")
    assert not grace.has_usable_password()
    assert grace.role_assignments.get().role == "member"
    assert mailoutbox[-1].to == ["grace@example.net"]
    assert "sign-in code" in mailoutbox[-1].body


def test_an_existing_person_gets_a_second_role_not_a_second_account(cast, client_as):
    resident = cast.people["resident"]
    client_as(cast.people["committee"]).post(
        reverse("organisations:add-person", args=[cast.tmo.slug]),
        {"name": "Anyone", "email": resident.email.upper(), "role": "member"},
    )
    assert User.objects.filter(email=resident.email).count() == 1
    assert set(resident.role_assignments.values_list("role", flat=True)) == {"resident", "member"}


def test_committee_cannot_make_someone_a_landlord_officer(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        reverse("organisations:add-person", args=[cast.tmo.slug]),
        {"name": "Sneaky", "email": "sneaky@example.net", "role": "landlord_officer"},
    )
    assert response.status_code == 200
    assert "Select the role from the list" in response.content.decode()
    assert not User.objects.filter(email="sneaky@example.net").exists()


def test_giving_the_same_role_twice_is_explained(cast, client_as):
    staff = cast.people["staff"]
    response = client_as(cast.people["committee"]).post(
        reverse("organisations:add-person", args=[cast.tmo.slug]),
        {"name": staff.name, "email": staff.email, "role": "staff"},
    )
    assert "already has that role" in response.content.decode()


def test_removing_a_role_keeps_the_account(cast, client_as):
    staff = cast.people["staff"]
    assignment = staff.role_assignments.get()
    response = client_as(cast.people["committee"]).post(
        reverse("organisations:remove-role", args=[cast.tmo.slug, assignment.pk])
    )
    assert response.status_code == 302
    assert not staff.role_assignments.exists()
    assert User.objects.filter(pk=staff.pk).exists()


def test_a_committee_member_cannot_remove_their_own_committee_role(cast, client_as):
    committee = cast.people["committee"]
    client = client_as(committee)
    client.post(
        reverse(
            "organisations:remove-role", args=[cast.tmo.slug, committee.role_assignments.get().pk]
        )
    )
    assert committee.role_assignments.filter(role="committee").exists()


def test_roles_of_another_organisation_cannot_be_removed(cast, client_as):
    outsider_role = cast.people["outsider"].role_assignments.get()
    response = client_as(cast.people["committee"]).post(
        reverse("organisations:remove-role", args=[cast.tmo.slug, outsider_role.pk])
    )
    assert response.status_code == 404
    assert cast.people["outsider"].role_assignments.exists()


def test_the_committee_sets_how_soon_online_repair_reports_are_looked_at(cast, client_as):
    client = client_as(cast.people["committee"])
    url = reverse("organisations:edit", args=[cast.tmo.slug])
    details = {"name": cast.tmo.name, "kind": cast.tmo.kind, "region": "london"}

    response = client.post(url, details | {"repair_triage_working_days": "11"})
    assert response.status_code == 200
    assert "Enter a number of working days from 1 to 10" in response.content.decode()

    client.post(url, details | {"repair_triage_working_days": "2"})
    cast.tmo.refresh_from_db()
    assert cast.tmo.repair_triage_working_days == 2
    client.post(url, details)  # left blank: kept
    cast.tmo.refresh_from_db()
    assert cast.tmo.repair_triage_working_days == 2
