"""Letters for the invited households are prepared in the background: the request only queues
them and sends the person to the file's page, which follows the work and offers the PDF."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tenantry.homes.tests.factories import HomeFactory, HouseholdFactory
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile
from tenantry.surveys import pdf, selectors, services
from tenantry.surveys.models import Survey
from tenantry.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory


@pytest.fixture
def survey(cast):
    survey = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN, title="Bins")
    QuestionFactory(survey=survey, kind="yes_no", text="Are they emptied every week?")
    for address in ("1 Ash Close", "2 Birch Close", "3 Cedar Close"):
        home = HomeFactory(estate=cast.estate, address=address)
        InvitationFactory(survey=survey, household=HouseholdFactory(home=home), estate=cast.estate)
    return survey


def _ask(client, cast, survey, **filters):
    url = reverse("surveys:letters", args=[cast.tmo.slug, survey.pk])
    return client.post(url, {"estate": "", "status": "", "search": "", **filters})


def _page(cast, prepared):
    return reverse("organisations:prepared-file", args=[cast.tmo.slug, prepared.pk])


def _download(cast, prepared):
    return reverse("organisations:download-prepared-file", args=[cast.tmo.slug, prepared.pk])


def _pdf_text(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_request_only_queues_and_a_worker_writes_the_letters(
    cast, client_as, survey, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_as(cast.people["staff"])

    response = _ask(client, cast, survey)

    prepared = PreparedFile.objects.get()
    assert response.status_code == 302 and response.url == _page(cast, prepared)
    assert (prepared.status, prepared.file.name) == ("queued", "")  # no PDF built in the request
    waiting = client.get(response.url)
    assert "Waiting to start." in waiting.content.decode() and waiting["Refresh"] == "3"

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    prepared.refresh_from_db()
    assert (prepared.status, prepared.done, prepared.total) == ("done", 3, 3)
    page = client.get(response.url)
    assert "Your file is ready" in page.content.decode() and "Refresh" not in page
    pages, text = _pdf_text(client.get(_download(cast, prepared)))
    assert pages == 3
    for invitation in survey.invitations.all():
        assert services.invitation_code(invitation) in text


def test_with_the_immediate_backend_the_letters_are_ready_on_the_files_page(
    cast, client_as, survey, django_capture_on_commit_callbacks
):
    client = client_as(cast.people["staff"])

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, cast, survey, search="Birch")

    prepared = PreparedFile.objects.get()
    assert response.url == _page(cast, prepared) and prepared.status == "done"
    download = client.get(_download(cast, prepared))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bins-letters.pdf"'
    pages, text = _pdf_text(download)
    assert pages == 1 and "2 Birch Close" in text and "Ash" not in text


def test_letters_written_in_parts_are_one_pdf_in_the_households_order(cast, survey):
    invitations = selectors.invitations_to_visit(survey=survey)
    seen = []
    out = io.BytesIO()

    written = pdf.write_letters(
        survey=survey,
        invitations=invitations,
        site="https://example.org",
        out=out,
        progress=lambda done, total: seen.append((done, total)),
        per_part=2,
    )

    assert written == 3 and seen == [(2, 3), (3, 3)]
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert [
        page.extract_text().count(str(i.household.home.address)) > 0
        for i, page in zip(invitations, reader.pages, strict=True)
    ] == [True, True, True]


def test_the_files_page_says_how_far_the_work_has_gone(cast, client_as, survey):
    prepared = PreparedFile.objects.create(
        organisation=cast.tmo,
        requested_by=cast.people["staff"],
        kind="survey-letters",
        title="Letters for Bins",
        filename="bins-letters.pdf",
        status="running",
        done=150,
        total=1000,
        heartbeat_at=timezone.now(),
    )
    response = client_as(cast.people["staff"]).get(_page(cast, prepared))

    html = response.content.decode()
    assert "150 of 1,000 letters written." in html and 'value="15"' in html
    assert response["Refresh"] == "3" and "Download" not in html


def test_no_letters_when_no_household_matches(cast, client_as, survey):
    response = _ask(client_as(cast.people["staff"]), cast, survey, search="Nowhere Lane")

    assert response.url == reverse("surveys:households", args=[cast.tmo.slug, survey.pk])
    assert not PreparedFile.objects.exists()


def test_the_letters_cannot_be_asked_for_with_a_get(cast, client_as, survey):
    url = reverse("surveys:letters", args=[cast.tmo.slug, survey.pk])
    assert client_as(cast.people["staff"]).get(url).status_code == 405
    assert not PreparedFile.objects.exists()


def test_only_the_person_who_asked_reaches_the_file(cast, client_as, survey):
    _ask(client_as(cast.people["staff"]), cast, survey)
    prepared = PreparedFile.objects.get()

    for someone in ("outsider", "committee", "site_admin"):
        client = client_as(cast.people[someone])
        assert client.get(_page(cast, prepared)).status_code == 404, someone
        assert client.get(_download(cast, prepared)).status_code == 404, someone
    # Nor through another organisation's address.
    client = client_as(cast.people["staff"])
    elsewhere = reverse("organisations:download-prepared-file", args=["elsewhere", prepared.pk])
    assert client.get(elsewhere).status_code == 404


def test_a_survey_deleted_meanwhile_fails_with_a_message_and_can_be_asked_for_again(
    cast, client_as, survey, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = client_as(cast.people["staff"])
    _ask(client, cast, survey)
    prepared = PreparedFile.objects.get()
    Survey.objects.filter(pk=survey.pk).delete()

    files.run(prepared=prepared)

    html = client.get(_page(cast, prepared)).content.decode()
    assert "The file could not be prepared" in html
    assert "The survey has been deleted, so there are no letters to print." in html
    again = client.post(reverse("organisations:prepare-again", args=[cast.tmo.slug, prepared.pk]))
    newer = PreparedFile.objects.exclude(pk=prepared.pk).get()
    assert again.url == _page(cast, newer) and newer.status == "queued"


def test_a_failure_on_our_side_says_so_plainly(
    cast, client_as, settings, django_capture_on_commit_callbacks
):
    def broken(prepared, out, progress):
        progress(1, 2)
        raise RuntimeError("disc full")

    files.register(files.Kind("broken", lambda roles: True, broken, "text/plain"))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            prepared = files.prepare(
                organisation=cast.tmo,
                kind="broken",
                title="Broken",
                filename="broken.txt",
                params={},
                by=cast.people["staff"],
            )
        prepared.refresh_from_db()
        html = client_as(cast.people["staff"]).get(_page(cast, prepared)).content.decode()
    finally:
        del files.KINDS["broken"]

    assert prepared.status == "failed" and "disc full" not in prepared.error
    assert "Something went wrong on our side while preparing the file." in html
    left = [path for path in (settings.MEDIA_ROOT / "prepared").rglob("*") if path.is_file()]
    assert left == []  # no half-written file


def test_a_file_whose_worker_died_is_marked_failed_and_one_still_beating_is_not(
    cast, client_as, settings
):
    settings.PREPARED_FILES_STALE_SECONDS = 300
    now = timezone.now()

    def running(beat_seconds_ago):
        return PreparedFile.objects.create(
            organisation=cast.tmo,
            requested_by=cast.people["staff"],
            kind="survey-letters",
            title="Letters",
            filename="letters.pdf",
            status="running",
            started_at=now - timedelta(hours=1),
            heartbeat_at=now - timedelta(seconds=beat_seconds_ago),
        )

    dead, alive = running(301), running(10)
    assert files.is_stale(dead) and not files.is_stale(alive)
    client = client_as(cast.people["staff"])

    html = client.get(_page(cast, dead)).content.decode()
    assert "The work stopped before the file was ready" in html and "Start again" in html
    assert PreparedFile.objects.get(pk=dead.pk).status == "failed"
    assert client.get(_page(cast, alive))["Refresh"] == "3"


def test_files_are_removed_after_the_days_they_are_kept(
    cast, client_as, survey, settings, django_capture_on_commit_callbacks
):
    settings.PREPARED_FILES_KEEP_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client_as(cast.people["staff"]), cast, survey)
    prepared = PreparedFile.objects.get()
    path = prepared.file.path
    assert (settings.MEDIA_ROOT / path).exists()

    assert files.remove_expired(now=timezone.now() + timedelta(days=6)) == 0
    assert files.remove_expired(now=timezone.now() + timedelta(days=8)) == 1

    assert not PreparedFile.objects.exists()
    assert not (settings.MEDIA_ROOT / path).exists()


def test_the_command_removes_expired_files(cast, settings, capsys):
    settings.PREPARED_FILES_KEEP_DAYS = 7
    old = PreparedFile.objects.create(
        organisation=cast.tmo,
        requested_by=cast.people["staff"],
        kind="survey-letters",
        title="Letters",
        filename="letters.pdf",
    )
    PreparedFile.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))

    call_command("remove_expired_files")

    assert capsys.readouterr().out == "1 prepared file removed\n"
    assert not PreparedFile.objects.exists()
