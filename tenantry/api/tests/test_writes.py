"""Changes with a token go through the pages' services: an import is all or nothing and
lists every problem with its line; figures are sent as the monitoring page sends them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tenantry.indicators.models import Submission, SubmissionEvent
from tenantry.organisations.models import AuditEntry
from tenantry.records.models import ImportRun, Repair
from tenantry.records.tests.test_import_support import Place, csv_bytes

from .helpers import bearer, secret_for
from .world import build

pytestmark = pytest.mark.django_db


# An import runs when its request's transaction commits, as outside a test.
imports = pytest.mark.django_db(transaction=True)


def _import(client, cast, data: bytes, name="repairs.csv", secret=None, **fields):
    return client.post(
        reverse("api:import-records", kwargs={"slug": cast.tmo.slug}),
        {"kind": "repairs", "file": SimpleUploadedFile(name, data), **fields},
        **bearer(secret or secret_for(cast.people["staff"])),
    )


@imports
def test_a_good_file_is_imported_by_the_import_service(
    cast, client, django_capture_on_commit_callbacks
):
    place = Place(cast)
    data = csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
        ["R2", place.home.reference, "RO", "03/11/2026 10:00"],
    ])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = _import(client, cast, data)
    body = response.json()
    run = ImportRun.objects.get()
    assert response.status_code == 201
    assert (body["status"], body["created"], body["rows"]) == ("done", 2, 2)
    assert run.by == cast.people["staff"]
    assert Repair.objects.filter(organisation=cast.tmo).count() == 2
    assert AuditEntry.objects.filter(organisation=cast.tmo, by=cast.people["staff"]).exists()
    # The run can be read back at its address.
    again = client.get(body["href"], **bearer(secret_for(cast.people["staff"]))).json()
    assert again["id"] == run.pk and again["status"] == "done"


@imports
def test_a_bad_file_changes_nothing_and_lists_every_problem_with_its_line(
    cast, client, django_capture_on_commit_callbacks
):
    place = Place(cast)
    data = csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "31/02/2026 09:15"],
        ["R2", "P0000000", "EM", "01/02/2026 09:15"],
    ])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = _import(client, cast, data)
    body = response.json()
    assert response.status_code == 422
    assert "nothing was saved" in body["message"]
    lines = {(p["line"], p["column"]) for p in body["problems"]}
    assert (2, "reported_at") in lines and 3 in {p["line"] for p in body["problems"]}
    messages = " ".join(p["message"] for p in body["problems"])
    assert "31/02/2026 09:15 is not a date and time" in messages
    assert "P0000000 is not one of the homes Kingsmead TMO is responsible for" in messages
    assert not Repair.objects.exists()
    assert ImportRun.objects.get().status == "rejected"


@imports
def test_a_check_only_import_saves_nothing(cast, client, django_capture_on_commit_callbacks):
    place = Place(cast)
    data = csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
    ])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = _import(client, cast, data, dry_run="true")
    assert response.status_code == 201 and response.json()["dry_run"] is True
    assert not Repair.objects.exists()


@pytest.mark.parametrize(
    ("name", "fields", "field"),
    [("repairs.exe", {}, "file"), ("repairs.csv", {"kind": "rockets"}, "kind"),
     ("repairs.csv", {"mapping": "999"}, "mapping")],
)  # fmt: skip
def test_what_the_upload_form_refuses_is_a_422_naming_the_field(cast, client, name, fields, field):
    Place(cast)
    response = _import(client, cast, b"reference\nR1\n", name=name, **fields)
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["problems"]]
    assert not ImportRun.objects.exists()


@imports
def test_columns_that_do_not_match_are_named(cast, client, django_capture_on_commit_callbacks):
    Place(cast)
    data = csv_bytes([["Job", "UPRN"], ["J1", "P1"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = _import(client, cast, data)
    body = response.json()
    assert response.status_code == 422
    assert body["problems"] and all(p["message"] for p in body["problems"])
    assert not Repair.objects.exists()


def test_figures_are_sent_through_the_monitoring_service(cast, client):
    build(cast)
    committee = cast.people["committee"]
    url = reverse("api:submit-figures", kwargs={"slug": cast.tmo.slug})
    sent = {"period": "2024/25 Q1", "commentary": " Two gas leaks. "}
    headers = bearer(secret_for(committee))
    response = client.post(url, sent, content_type="application/json", **headers)
    body = response.json()
    submission = Submission.objects.get()
    assert response.status_code == 201
    assert (body["status"], body["period"], body["commentary"]) == (
        "submitted", "2024/25 Q1", "Two gas leaks.",
    )  # fmt: skip
    # The figures sent are the stored ones: RP02-2, 37 of 40 = 92.5%.
    [figure] = [f for f in body["figures"] if f["code"] == "RP02-2"]
    assert (figure["numerator"], figure["denominator"]) == ("37.00", "40.00")
    assert figure["value"].startswith("92.5")
    assert SubmissionEvent.objects.get(submission=submission).by == committee
    # Sending again is refused by the service, in the one shape.
    again = client.post(url, {"period": "2024/25 Q1"}, content_type="application/json",
                        **bearer(secret_for(committee)))  # fmt: skip
    assert (
        again.status_code == 422
        and "cannot be sent again" in again.json()["problems"][0]["message"]
    )


@pytest.mark.parametrize(
    ("sent", "status", "field"),
    [({"period": "2024/25 M1"}, 422, "period"), ({"period": "April 2024"}, 422, None),
     ({"commentary": "x"}, 422, "period"), ({"period": "2024/25 Q1", "agreement": 999999}, 404,
                                            None)],
)  # fmt: skip
def test_figures_that_cannot_be_sent_are_refused_with_the_reason(cast, client, sent, status, field):
    build(cast)
    url = reverse("api:submit-figures", kwargs={"slug": cast.tmo.slug})
    response = client.post(url, sent, content_type="application/json",
                           **bearer(secret_for(cast.people["staff"])))  # fmt: skip
    assert response.status_code == status
    if field:
        assert field in [p["field"] for p in response.json()["problems"]]
    assert not Submission.objects.filter(status="submitted").exists()
    # Opened and sent together, or neither: no draft is left behind.
    assert not Submission.objects.exists()
