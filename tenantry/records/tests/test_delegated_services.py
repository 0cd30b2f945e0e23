"""Who records, imports and takes residents' reports of what follows the management agreement.

A landlord keeps every kind of record for the homes it manages itself; another organisation
keeps a kind only while an agreement in force delegates the service behind it. Records already
kept stay readable.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tenantry.organisations.selectors import services_delegated_to
from tenantry.organisations.tests.factories import AgreementFactory
from tenantry.records import services
from tenantry.records.models import Complaint, ImportRun, Repair
from tenantry.records.selectors.keeping import may_keep_records_of, record_kinds_kept_by
from tenantry.records.tests.factories import ComplaintFactory, RepairFactory
from tenantry.records.views.staff import KINDS

from .test_import_support import Place, csv_bytes

pytestmark = pytest.mark.django_db

NO_REPAIRS_TO_RECORD = (
    "Kingsmead TMO does not run repairs under its agreement with Northbrook Council, "
    "so it cannot record repairs."
)
NO_REPAIRS_TO_IMPORT = (
    "Kingsmead TMO does not run repairs under its agreement with Northbrook Council, "
    "so it cannot import repairs."
)


def _delegate(cast, *delegated: str) -> None:
    """The landlord varies the cast's agreement to delegate only these services."""
    cast.agreement.services = list(delegated)
    cast.agreement.save()


def _url(cast, name: str, *args, organisation=None) -> str:
    return reverse(f"services:{name}", args=[(organisation or cast.tmo).slug, *args])


# --- the rule ---------------------------------------------------------------------------------


def test_the_services_delegated_are_those_of_the_agreements_in_force_on_the_day(cast):
    _delegate(cast, "repairs", "caretaking")  # since 1 April 2020, open-ended
    AgreementFactory(organisation=cast.tmo, services=["asb"], starts_on=date(2015, 4, 1),
                     ends_on=date(2020, 3, 31))  # fmt: skip
    AgreementFactory(organisation=cast.tmo, services=["grounds", "repairs"],
                     starts_on=date(2024, 4, 1))  # fmt: skip
    AgreementFactory(organisation=cast.tmo, services=["rent_collection"],
                     starts_on=date(2031, 4, 1))  # fmt: skip

    on = date(2026, 1, 5)
    assert services_delegated_to(organisation=cast.tmo, on=on) == {
        "repairs",
        "caretaking",
        "grounds",
    }
    assert services_delegated_to(organisation=cast.tmo, on=date(2020, 3, 31)) == {"asb"}
    assert services_delegated_to(organisation=cast.tmo, on=date(2031, 4, 1)) == {
        "repairs",
        "caretaking",
        "grounds",
        "rent_collection",
    }
    assert services_delegated_to(organisation=cast.landlord, on=on) == frozenset()


@pytest.mark.parametrize(
    ("delegated", "kept"),
    [
        (["repairs"], {"repairs", "decent-homes"}),
        (["caretaking"], {"inspections"}),
        (["grounds"], {"inspections"}),
        (["rent_collection", "voids_lettings"], {"rent", "voids"}),
        (["asb", "complaints", "building_safety"], {"asb", "complaints", "safety-checks"}),
        (["tenancy_management"], set()),
        ([], set()),
    ],
)
def test_each_kind_of_record_follows_the_service_behind_it(cast, delegated, kept):
    _delegate(cast, *delegated)
    assert record_kinds_kept_by(organisation=cast.tmo) == kept


def test_a_landlord_keeps_every_kind_of_record(cast):
    assert record_kinds_kept_by(organisation=cast.landlord) == set(KINDS)


def test_an_organisation_whose_agreement_has_ended_keeps_none(cast, client_as):
    cast.agreement.ends_on = date(2024, 3, 31)
    cast.agreement.save()
    assert record_kinds_kept_by(organisation=cast.tmo) == set()
    page = client_as(cast.people["staff"]).get(_url(cast, "create-record", "voids"))
    assert page.status_code == 403
    assert (
        "Kingsmead TMO has no management agreement in force, so it cannot record voids."
        in page.content.decode()
    )


def test_homes_and_households_are_not_held_to_the_rule(cast):
    _delegate(cast)
    assert may_keep_records_of(organisation=cast.tmo, kind="homes")
    assert may_keep_records_of(organisation=cast.tmo, kind="households")
    assert not may_keep_records_of(organisation=cast.tmo, kind="repairs")


# --- staff pages ------------------------------------------------------------------------------


def test_staff_cannot_record_a_kind_their_organisation_does_not_run(cast, client_as):
    _delegate(cast, "caretaking")
    client = client_as(cast.people["staff"])

    page = client.get(_url(cast, "create-record", "repairs"))
    assert page.status_code == 403
    assert NO_REPAIRS_TO_RECORD in page.content.decode()
    assert "Northbrook Council keeps these records." in page.content.decode()
    posted = client.post(_url(cast, "create-record", "repairs"), {"home_reference": "X"})
    assert posted.status_code == 403
    assert not Repair.objects.exists()


def test_the_landlords_officer_is_held_to_the_same_rule_inside_the_organisation(cast, client_as):
    _delegate(cast, "caretaking")
    page = client_as(cast.people["landlord_officer"]).get(_url(cast, "create-record", "repairs"))
    assert page.status_code == 403


def test_records_already_kept_stay_readable_but_cannot_be_changed(cast, client_as):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, description="Leaking gutter")
    _delegate(cast, "caretaking")
    client = client_as(cast.people["staff"])

    listed = client.get(_url(cast, "record-list", "repairs")).content.decode()
    assert repair.reference in listed
    assert NO_REPAIRS_TO_RECORD + " The records already here can still be read." in listed
    assert _url(cast, "create-record", "repairs") not in listed

    shown = client.get(_url(cast, "record", "repairs", repair.pk))
    assert shown.status_code == 200
    assert "Leaking gutter" in shown.content.decode()
    assert "Change this record" not in shown.content.decode()

    edit = _url(cast, "edit-record", "repairs", repair.pk)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"description": "Changed"}).status_code == 403
    repair.refresh_from_db()
    assert repair.description == "Leaking gutter"


def test_the_records_page_offers_to_record_only_the_kinds_kept(cast, client_as):
    _delegate(cast, "repairs")
    html = client_as(cast.people["staff"]).get(_url(cast, "records")).content.decode()
    assert _url(cast, "create-record", "repairs") in html
    assert _url(cast, "create-record", "decent-homes") in html
    assert _url(cast, "create-record", "voids") not in html
    assert _url(cast, "record-list", "voids") in html  # still listed, to read
    assert "Northbrook Council keeps the other records" in html
    assert html.count("Kept by the landlord") == 6


def test_a_landlord_records_every_kind_for_its_own_homes(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    for kind in KINDS:
        page = client.get(_url(cast, "create-record", kind, organisation=cast.landlord))
        assert page.status_code == 200, kind


def test_the_service_refuses_a_record_the_organisation_does_not_keep(cast):
    _delegate(cast, "caretaking")
    with pytest.raises(ValidationError, match="so it cannot record repairs"):
        services.record_service(
            record=Repair(organisation=cast.tmo, home=cast.home),
            by=cast.people["staff"],
            reference_prefix="REP-",
        )


# --- imports ----------------------------------------------------------------------------------


def _repairs_csv(cast) -> bytes:
    place = Place(cast)
    return csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
    ])  # fmt: skip


def test_the_upload_page_offers_only_the_kinds_kept_and_refuses_another(cast, client_as):
    _delegate(cast, "caretaking")
    client = client_as(cast.people["staff"])
    html = client.get(_url(cast, "import-upload")).content.decode()
    assert '<option value="inspections"' in html
    assert '<option value="homes"' in html  # homes and households are not service records
    assert '<option value="repairs"' not in html
    assert "Only the records Kingsmead TMO keeps under its management agreement" in html
    assert _url(cast, "import-template", "repairs") not in html

    response = client.post(
        _url(cast, "import-upload"),
        {"kind": "repairs", "file": SimpleUploadedFile("repairs.csv", _repairs_csv(cast))},
    )
    assert response.status_code == 200
    assert NO_REPAIRS_TO_IMPORT in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_import_command_refuses_in_one_line(cast, tmp_path):
    _delegate(cast, "caretaking")
    path = tmp_path / "repairs.csv"
    path.write_bytes(_repairs_csv(cast))
    with pytest.raises(CommandError) as refused:
        call_command("import", "repairs", str(path), org=cast.tmo.slug)
    assert str(refused.value) == NO_REPAIRS_TO_IMPORT
    assert not ImportRun.objects.exists() and not Repair.objects.exists()


def test_a_file_waiting_for_its_columns_is_refused_once_the_service_is_no_longer_run(
    cast, client_as
):
    run = ImportRun.objects.create(
        organisation=cast.tmo,
        kind="repairs",
        filename="export.csv",
        headers=["Job number", "Property", "Pri", "Logged"],
        status=ImportRun.Status.MAPPING,
    )
    _delegate(cast, "caretaking")
    response = client_as(cast.people["staff"]).post(
        _url(cast, "import-columns", run.pk),
        {
            "column_reference": "Job number",
            "column_home": "Property",
            "column_priority": "Pri",
            "column_reported_at": "Logged",
        },
    )
    assert response.status_code == 200
    assert NO_REPAIRS_TO_IMPORT in response.content.decode()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.MAPPING


# --- residents --------------------------------------------------------------------------------


@pytest.fixture
def landlord_with_phone(cast):
    cast.landlord.phone = "0161 496 0000"
    cast.landlord.email = "housing@northbrook.example.org"
    cast.landlord.save()
    return cast.landlord


REPORT = {"trade": "plumbing", "description": "Tap drips", "emergency": "no", "damp_or_mould": "no"}
COMPLAINT = {"category": "repairs", "what_happened": "Nobody came.", "put_right": ""}


def test_a_resident_is_sent_to_the_landlord_for_repairs_it_runs(
    cast, client_as, landlord_with_phone
):
    _delegate(cast, "complaints")
    client = client_as(cast.people["resident"])

    page = client.get(_url(cast, "report-my-repair")).content.decode()
    assert "Report a repair to Northbrook Council" in page
    assert "Kingsmead TMO does not look after repairs to your home." in page
    assert 'href="tel:01614960000"' in page and "housing@northbrook.example.org" in page
    client.post(_url(cast, "report-my-repair"), REPORT)
    assert not Repair.objects.exists()

    listed = client.get(_url(cast, "my-repairs")).content.decode()
    assert _url(cast, "report-my-repair") not in listed
    assert "0161 496 0000" in listed


def test_a_resident_still_follows_repairs_reported_before(cast, client_as):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, description="Broken gate")
    _delegate(cast, "complaints")
    client = client_as(cast.people["resident"])
    assert "Broken gate" in client.get(_url(cast, "my-repairs")).content.decode()
    assert client.get(_url(cast, "my-repair", repair.pk)).status_code == 200


def test_a_resident_is_sent_to_the_landlord_for_complaints_it_handles(cast, client_as):
    _delegate(cast, "repairs")
    complaint = ComplaintFactory(organisation=cast.tmo, made_by=cast.people["resident"])
    client = client_as(cast.people["resident"])

    page = client.get(_url(cast, "make-my-complaint")).content.decode()
    assert "Make a complaint to Northbrook Council" in page
    assert "Contact Northbrook Council directly." in page  # no contact details on record
    client.post(_url(cast, "make-my-complaint"), COMPLAINT)
    assert Complaint.objects.count() == 1

    listed = client.get(_url(cast, "my-complaints")).content.decode()
    assert _url(cast, "make-my-complaint") not in listed
    assert _url(cast, "my-complaint", complaint.pk) in listed  # still readable


def test_the_home_page_sends_the_resident_to_the_landlord_for_what_it_runs(
    cast, client_as, landlord_with_phone
):
    _delegate(cast, "complaints")
    page = (
        client_as(cast.people["resident"])
        .get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert _url(cast, "report-my-repair") not in page
    assert "For repairs, contact Northbrook Council, your landlord." in page
    assert 'href="tel:01614960000"' in page
    assert _url(cast, "make-my-complaint") in page


def test_the_home_page_offers_both_when_the_organisation_runs_both(cast, client_as):
    page = (
        client_as(cast.people["resident"])
        .get(reverse("reports:organisation-home", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert _url(cast, "report-my-repair") in page and _url(cast, "make-my-complaint") in page
    assert "your landlord." not in page
