"""An import whose worker died: found by its silent heartbeat, marked stopped, and started again.

On PostgreSQL the first test starts a real `tenantry import` in another process and kills it
with SIGKILL half-way, as a restart or the out-of-memory killer would.
"""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tenantry.records.imports.heartbeat import Heartbeat, is_stalled
from tenantry.records.imports.services import execute_run, start_import, stop_if_stalled
from tenantry.records.models import ImportRun, Repair

from .test_import_support import Place, csv_bytes

pytestmark = pytest.mark.django_db

STOPPED = (
    "This import stopped before it finished, probably because the server restarted. "
    "Nothing from it was saved. You can start it again."
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _repairs(place, count: int) -> bytes:
    return csv_bytes(
        [["reference", "home", "priority", "reported_at"]]
        + [[f"R{n}", place.home.reference, "EM", "02/11/2026 09:15"] for n in range(count)]
    )


def _run_url(cast, run):
    return reverse("services:import-run", args=[cast.tmo.slug, run.pk])


def _killed_run(cast, **fields) -> ImportRun:
    """A run as a killed worker leaves it: running, its last heartbeat long ago."""
    long_ago = timezone.now() - timedelta(minutes=10)
    values = {
        "organisation": cast.tmo,
        "kind": "repairs",
        "filename": "repairs.csv",
        "status": ImportRun.Status.RUNNING,
        "started_at": long_ago,
        "heartbeat_at": long_ago,
        "rows_done": 40_000,
        "rows_total": 100_000,
    }
    return ImportRun.objects.create(**{**values, **fields})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a server")
@pytest.mark.django_db(transaction=True)
def test_an_import_killed_half_way_saves_nothing_and_its_page_says_so(
    cast, client_as, settings, tmp_path
):
    place = Place(cast)
    path = tmp_path / "repairs.csv"
    path.write_bytes(_repairs(place, 300_000))
    db = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        "TENANTRY_DATA_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "tenantry", "import", "repairs", str(path), "--org",
         cast.tmo.slug, "--progress-every", "20000"],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        line = worker.stderr.readline()  # the first progress line: rows are going in
        assert "rows" in line, line
        run = ImportRun.objects.get()
        assert run.status == "running" and run.heartbeat_at is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    run.refresh_from_db()
    assert run.status == "running"  # as the killed process left it
    assert not Repair.objects.filter(organisation=cast.tmo).exists()  # rolled back
    assert not is_stalled(run, now=timezone.now())  # not yet: it might be slow
    assert is_stalled(run, now=run.heartbeat_at + timedelta(seconds=121))

    settings.IMPORT_STALLED_AFTER_SECONDS = 1
    time.sleep(1.2)
    client = client_as(cast.people["staff"])
    response = client.get(_run_url(cast, run))
    html = response.content.decode()
    assert STOPPED in html
    assert "Refresh" not in response and 'http-equiv="refresh"' not in html
    assert "Upload the file again" in html  # a file given on the command line is not kept
    run.refresh_from_db()
    assert run.status == "stopped"

    # Starting again: the same file goes in whole.
    again = start_import(
        organisation=cast.tmo,
        kind="repairs",
        upload=SimpleUploadedFile("repairs.csv", path.read_bytes()),
        by=cast.people["staff"],
    )
    again.refresh_from_db()
    assert again.status == "done" and again.created == 300_000
    assert Repair.objects.filter(organisation=cast.tmo).count() == 300_000


def test_a_run_whose_worker_died_is_marked_stopped_when_its_page_is_viewed(cast, client_as):
    run = _killed_run(cast)
    response = client_as(cast.people["staff"]).get(_run_url(cast, run))
    html = response.content.decode()
    assert STOPPED in html
    assert "Refresh" not in response
    assert 'http-equiv="refresh"' not in html and "<progress" not in html
    run.refresh_from_db()
    assert (run.status, run.get_status_display()) == (
        "stopped",
        "Failed: stopped before it finished",
    )
    assert run.finished_at is not None


def test_a_slow_run_that_is_alive_keeps_running(cast, client_as):
    run = _killed_run(cast, heartbeat_at=timezone.now() - timedelta(seconds=30))
    response = client_as(cast.people["staff"]).get(_run_url(cast, run))
    assert response["Refresh"] == "2"
    assert "40,000 of about 100,000 rows checked." in response.content.decode()
    run.refresh_from_db()
    assert run.status == "running"


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_keeps_a_long_import_fresh_and_goes_quiet_when_it_ends(cast):
    # Started an hour ago, its row never touched since: only the heartbeat says it is alive.
    hour_ago = timezone.now() - timedelta(hours=1)
    run = _killed_run(cast, started_at=hour_ago, heartbeat_at=None)
    assert is_stalled(run, now=timezone.now())
    with Heartbeat(run, every=0.05):
        time.sleep(0.3)
        run.refresh_from_db()
        assert not is_stalled(run, now=timezone.now())
        assert not stop_if_stalled(run=run)
    run.refresh_from_db()
    assert run.status == "running"
    assert is_stalled(run, now=timezone.now() + timedelta(minutes=3))


def test_the_list_marks_a_dead_run_and_leaves_a_live_one(cast, client_as):
    dead = _killed_run(cast, filename="dead.csv")
    alive = _killed_run(cast, filename="alive.csv", heartbeat_at=timezone.now())
    html = (
        client_as(cast.people["staff"])
        .get(reverse("services:import-runs", args=[cast.tmo.slug]))
        .content.decode()
    )
    assert "Failed: stopped before it finished" in html
    assert "Importing" in html
    dead.refresh_from_db(), alive.refresh_from_db()
    assert (dead.status, alive.status) == ("stopped", "running")


def test_the_sweep_stops_only_runs_that_went_quiet(cast):
    dead = _killed_run(cast)
    alive = _killed_run(cast, heartbeat_at=timezone.now())
    queued = ImportRun.objects.create(organisation=cast.tmo, kind="repairs", filename="q.csv")
    out = io.StringIO()
    call_command("stop_stalled_imports", stdout=out)
    assert f"Stopped import {dead.pk}" in out.getvalue()
    assert "1 stalled imports stopped." in out.getvalue()
    statuses = dict(ImportRun.objects.values_list("pk", "status"))
    assert statuses == {dead.pk: "stopped", alive.pk: "running", queued.pk: "queued"}


def test_a_stopped_upload_starts_again_from_its_kept_file(
    cast, client_as, django_capture_on_commit_callbacks
):
    place = Place(cast)
    run = _killed_run(cast)
    run.file.save("repairs.csv", io.BytesIO(_repairs(place, 3)), save=True)
    client = client_as(cast.people["staff"])
    html = client.get(_run_url(cast, run)).content.decode()
    assert STOPPED in html and "Start it again" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("services:restart-import", args=[cast.tmo.slug, run.pk]))

    again = ImportRun.objects.exclude(pk=run.pk).get()
    assert response.url == _run_url(cast, again)
    assert (again.status, again.created, again.by) == ("done", 3, cast.people["staff"])
    assert Repair.objects.filter(organisation=cast.tmo).count() == 3
    run.refresh_from_db()
    assert run.status == "stopped" and not run.file
    # Only once: the first run has handed its file over.
    response = client.post(reverse("services:restart-import", args=[cast.tmo.slug, run.pk]))
    assert ImportRun.objects.count() == 2


def test_an_outsider_cannot_start_a_run_again(cast, client_as):
    run = _killed_run(cast)
    url = reverse("services:restart-import", args=[cast.tmo.slug, run.pk])
    assert client_as(cast.people["outsider"]).post(url).status_code == 404
    assert client_as(cast.people["committee"]).post(url).status_code == 403
    assert ImportRun.objects.count() == 1


def test_an_import_taken_for_stopped_while_it_ran_is_rolled_back(cast):
    # The worker was only slow: by the time it would commit, the run had been marked
    # stopped. It must not save anything, or the page's "nothing was saved" would be false.
    place = Place(cast)
    run = ImportRun.objects.create(organisation=cast.tmo, kind="repairs", filename="r.csv")

    def marked_stopped_meanwhile(done, total):
        # Called once, when every row has been read and before the commit.
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.STOPPED)

    outcome = execute_run(
        run=run,
        stream=io.BytesIO(_repairs(place, 5)),
        progress=marked_stopped_meanwhile,
        progress_every=1000,
    )
    assert outcome.stopped
    assert not Repair.objects.exists()
    run.refresh_from_db()
    assert run.status == "stopped"
