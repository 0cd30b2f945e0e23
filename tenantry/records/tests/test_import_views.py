"""The upload, column-matching and run pages, end to end."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tenantry.records.imports.services import progress_cache_key
from tenantry.records.models import ImportMapping, ImportRun, Repair

from .test_import_support import Place, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload_url(cast):
    return reverse("services:import-upload", args=[cast.tmo.slug])


def _post(client, cast, data: bytes, name: str = "repairs.csv", **fields):
    return client.post(
        _upload_url(cast),
        {"kind": "repairs", "file": SimpleUploadedFile(name, data), **fields},
    )


def _good_file(place) -> bytes:
    return csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
        ["R2", place.home.reference, "RO", "03/11/2026 10:00"],
    ])  # fmt: skip


def test_uploading_a_file_imports_it_and_shows_the_result(
    cast, client_as, django_capture_on_commit_callbacks
):
    place = Place(cast)
    client = client_as(cast.people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cast, _good_file(place))

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("services:import-run", args=[cast.tmo.slug, run.pk])
    assert (run.status, run.created, run.by) == ("done", 2, cast.people["staff"])
    assert not run.file  # the upload is not kept once read
    page = client.get(response.url)
    assert "Refresh" not in page
    html = page.content.decode()
    assert "Imported" in html and "Created" in html
    assert Repair.objects.filter(organisation=cast.tmo).count() == 2


def test_an_xlsx_upload_is_imported(cast, client_as, django_capture_on_commit_callbacks):
    place = Place(cast)
    data = xlsx_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
    ])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_as(cast.people["landlord_officer"]), cast, data, "repairs.xlsx")
    assert ImportRun.objects.get().status == "done"
    assert Repair.objects.get().organisation == cast.tmo


def test_a_bad_file_shows_every_problem_and_changes_nothing(
    cast, client_as, django_capture_on_commit_callbacks
):
    place = Place(cast)
    data = csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "31/02/2026 09:15"],
        ["R2", "P0000000", "EM", "01/02/2026 09:15"],
    ])  # fmt: skip
    client = client_as(cast.people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cast, data)
    html = client.get(response.url).content.decode()
    assert "The file was not imported" in html
    assert "31/02/2026 09:15 is not a date and time" in html
    assert "P0000000 is not one of the homes Kingsmead TMO is responsible for" in html
    assert ImportRun.objects.get().status == "rejected"
    assert not Repair.objects.exists()


def test_a_check_only_upload_changes_nothing(cast, client_as, django_capture_on_commit_callbacks):
    place = Place(cast)
    client = client_as(cast.people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cast, _good_file(place), dry_run="on")
    assert "The file is ready to import" in client.get(response.url).content.decode()
    assert ImportRun.objects.get().created == 2
    assert not Repair.objects.exists()


def test_unknown_headers_are_matched_on_a_page_and_the_mapping_saved(
    cast, client_as, django_capture_on_commit_callbacks
):
    place = Place(cast)
    data = csv_bytes([
        ["Job No", "Property Ref", "Priority", "Date Logged", "Officer"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15", "JW"],
    ])  # fmt: skip
    client = client_as(cast.people["staff"])
    response = _post(client, cast, data)
    run = ImportRun.objects.get()
    assert run.status == "mapping" and run.headers[0] == "Job No"
    assert response.url == reverse("services:import-columns", args=[cast.tmo.slug, run.pk])

    page = client.get(response.url)
    html = page.content.decode()
    assert "\u201cJob No\u201d is not a column of a repairs file" in html
    assert page.context["form"]["column_priority"].initial == "Priority"  # same name: chosen

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            response.url,
            {
                "column_reference": "Job No",
                "column_home": "Property Ref",
                "column_priority": "Priority",
                "column_reported_at": "Date Logged",
                "save_as": "Orchard export",
            },
        )
    assert done.url == reverse("services:import-run", args=[cast.tmo.slug, run.pk])
    assert Repair.objects.get().reference == "R1"
    mapping = ImportMapping.objects.get(organisation=cast.tmo, kind="repairs")
    assert mapping.name == "Orchard export"
    assert mapping.columns["reported_at"] == "Date Logged"

    # Next month's export from the same system goes straight in with the saved mapping.
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, cast, data, mapping=mapping.pk)
    assert ImportRun.objects.latest("pk").status == "done"
    assert ImportRun.objects.latest("pk").unchanged == 1


def test_the_column_page_insists_on_required_columns_and_one_header_per_column(cast, client_as):
    Place(cast)
    client = client_as(cast.people["staff"])
    _post(client, cast, csv_bytes([["Job No", "Ref"], ["R1", "P1"]]))
    url = reverse("services:import-columns", args=[cast.tmo.slug, ImportRun.objects.get().pk])
    response = client.post(url, {"column_reference": "Job No", "column_home": "Job No"})
    form = response.context["form"]
    assert form.errors["column_home"] == ["\u201cJob No\u201d is already chosen for reference"]
    assert form.errors["column_priority"] == ["Choose the column that holds priority"]
    assert ImportRun.objects.get().status == "mapping"


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(cast, client_as):
    client = client_as(cast.people["staff"])
    response = _post(client, cast, b"%PDF-1.4", "report.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file must be a CSV or XLSX file."]
    response = _post(client, cast, b"", "empty.csv")
    assert response.context["form"].errors["file"]
    assert not ImportRun.objects.exists()


def test_the_run_page_shows_progress_and_refreshes_itself_while_running(cast, client_as):
    run = ImportRun.objects.create(
        organisation=cast.tmo,
        kind="repairs",
        filename="big.csv",
        status=ImportRun.Status.RUNNING,
        heartbeat_at=timezone.now(),  # alive
        rows_done=50_000,
        rows_total=200_000,
    )
    response = client_as(cast.people["staff"]).get(
        reverse("services:import-run", args=[cast.tmo.slug, run.pk])
    )
    html = response.content.decode()
    assert response["Refresh"] == "2"
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'max="100" value="25"' in html
    assert "50,000 of about 200,000 rows checked." in html


def test_the_run_page_takes_live_progress_from_the_cache_when_the_row_lags(cast, client_as):
    # On SQLite the import's transaction holds the only write lock, so the row says 0 until
    # the end; the cache (shared between processes with REDIS_URL) has the live count.
    run = ImportRun.objects.create(
        organisation=cast.tmo,
        kind="repairs",
        filename="big.csv",
        status=ImportRun.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    cache.set(progress_cache_key(run.pk), (150_000, 200_000))
    html = (
        client_as(cast.people["staff"])
        .get(reverse("services:import-run", args=[cast.tmo.slug, run.pk]))
        .content.decode()
    )
    assert "150,000 of about 200,000 rows checked." in html


def test_an_outsider_cannot_import_or_see_a_run(cast, client_as):
    place = Place(cast)
    run = ImportRun.objects.create(organisation=cast.tmo, kind="repairs", filename="a.csv")
    client = client_as(cast.people["outsider"])
    assert _post(client, cast, _good_file(place)).status_code == 404
    url = reverse("services:import-run", args=[cast.tmo.slug, run.pk])
    assert client.get(url).status_code == 404
    assert ImportRun.objects.count() == 1 and not Repair.objects.exists()


def test_another_organisations_run_is_not_found(cast, client_as):
    run = ImportRun.objects.create(organisation=cast.other_tmo, kind="repairs", filename="a.csv")
    url = reverse("services:import-run", args=[cast.tmo.slug, run.pk])
    assert client_as(cast.people["staff"]).get(url).status_code == 404


def test_a_committee_member_is_refused(cast, client_as):
    assert client_as(cast.people["committee"]).get(_upload_url(cast)).status_code == 403


def test_the_header_template_lists_our_columns(cast, client_as):
    url = reverse("services:import-template", args=[cast.tmo.slug, "voids"])
    response = client_as(cast.people["staff"]).get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response.getvalue().decode("utf-8-sig").startswith("reference,home,reason,tenancy_ended_on")
    )


def test_the_list_shows_recent_runs(cast, client_as, django_assert_max_num_queries):
    for n in range(3):
        ImportRun.objects.create(
            organisation=cast.tmo, kind="voids", filename=f"voids-{n}.csv", status="done"
        )
    client = client_as(cast.people["staff"])
    url = reverse("services:import-runs", args=[cast.tmo.slug])
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "voids-2.csv" in html and "voids-0.csv" in html


@pytest.mark.django_db(transaction=True)
def test_with_the_database_task_backend_a_worker_runs_the_import(cast, client_as, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    place = Place(cast)
    response = _post(client_as(cast.people["staff"]), cast, _good_file(place))
    run = ImportRun.objects.get()
    assert run.status == "queued"
    assert "Waiting to start." in client_as(cast.people["staff"]).get(response.url).content.decode()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    run.refresh_from_db()
    assert (run.status, run.created) == ("done", 2)
    assert Repair.objects.filter(organisation=cast.tmo).count() == 2


def test_a_saved_mapping_can_be_deleted_by_its_organisation_only(cast, client_as):
    ours = ImportMapping.objects.create(organisation=cast.tmo, kind="repairs", name="Orchard")
    theirs = ImportMapping.objects.create(organisation=cast.other_tmo, kind="repairs", name="X")
    client = client_as(cast.people["staff"])

    page = client.get(reverse("services:import-runs", args=[cast.tmo.slug])).content.decode()
    assert "Orchard" in page
    response = client.post(reverse("services:delete-import-mapping", args=[cast.tmo.slug, ours.pk]))
    assert response.status_code == 302
    assert not ImportMapping.objects.filter(pk=ours.pk).exists()

    response = client.post(
        reverse("services:delete-import-mapping", args=[cast.tmo.slug, theirs.pk])
    )
    assert response.status_code == 404
    assert ImportMapping.objects.filter(pk=theirs.pk).exists()
