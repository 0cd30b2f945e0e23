"""The emails repairs and complaints send: to the resident who reported, and to the office."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.models import Household
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.records import services
from tenantry.records.models import Complaint, Repair
from tenantry.records.tests.factories import ComplaintFactory, RepairFactory, RepairPriorityFactory

LONDON = ZoneInfo("Europe/London")
REPORT = {
    "trade": "plumbing",
    "description": "The kitchen tap drips all the time.",
    "emergency": "no",
    "damp_or_mould": "no",
}
COMPLAINT = {
    "category": "repairs",
    "what_happened": "Nobody came to fix my boiler after three visits were booked.",
    "put_right": "Fix it and explain the delay.",
}


@pytest.fixture
def routine(cast):
    """The landlord's priorities: urgent 5 and routine 20 working days."""
    RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
        target_unit="working_days",
    )  # fmt: skip
    return RepairPriorityFactory(
        landlord=cast.landlord, code="R", name="Routine", target_amount=20,
        target_unit="working_days",
    )  # fmt: skip


@pytest.fixture
def office(cast):
    """The TMO's staff member, who asked to hear of new reports from residents."""
    staff = cast.people["staff"]
    staff.emails_about_new_reports = True
    staff.save()
    return staff


def _url(cast, name: str, *args) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, *args])


def _parts(message) -> tuple[str, str]:
    """The plain text and the HTML of an email; both must be there."""
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- acknowledgements ------------------------------------------------------------------------


def test_a_reported_repair_is_acknowledged_with_the_date_its_page_gives(
    cast, routine, client_as, django_capture_on_commit_callbacks
):
    resident = cast.people["resident"]
    client = client_as(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast, "report-my-repair"), REPORT, follow=True)
    repair = Repair.objects.get()

    page = _text_of(response.content.decode())
    (promise,) = re.findall(r"We will look at your report by \w+ \d+ \w+ \d{4}", page)
    (message,) = _to(resident.email)
    text, html = _parts(message)
    assert message.subject == f"Kingsmead TMO: We have your repair report {repair.reference}"
    for part in (text, _text_of(html)):
        assert promise in part  # the same date, from the one rule, as the page
        assert "Kingsmead TMO" in part
        assert "1 Mill Road" in part  # their own home, to them alone
        assert "updates on the repairs and complaints you report" in part
    assert _url(cast, "my-repair", repair.pk) in text
    assert reverse("email-settings") in text and reverse("email-settings") in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_complaint_is_acknowledged_with_the_code_dates_its_page_gives(
    cast, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    # Friday 19 December 2025: acknowledged by 30 December, answered by 14 January 2026
    # (5 then 10 working days, skipping Christmas, Boxing Day and New Year's Day).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2025, 12, 19))
    resident = cast.people["resident"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(resident).post(_url(cast, "make-my-complaint"), COMPLAINT, follow=True)

    promise = (
        "We will acknowledge your complaint by Tuesday 30 December 2025 and answer it by "
        "Wednesday 14 January 2026."
    )
    assert promise in _text_of(response.content.decode())
    (message,) = _to(resident.email)
    text, html = _parts(message)
    assert message.subject.startswith("Kingsmead TMO: We have your complaint WEB-C")
    assert promise in text and promise in _text_of(html)
    assert "Complaint Handling Code" in text


def test_the_office_hears_of_a_new_report_without_the_residents_details(
    cast, routine, office, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(cast.people["resident"]).post(_url(cast, "report-my-repair"), REPORT)
    repair = Repair.objects.get()

    (message,) = _to(office.email)
    text, html = _parts(message)
    assert message.subject == f"Kingsmead TMO: New repair reported: {repair.reference}"
    assert "Plumbing" in text and "It waits for staff to give it a priority" in text
    assert _url(cast, "record", "repairs", repair.pk) in text
    for part in (text, html):
        assert "Kingsmead TMO" in part
        assert "kitchen tap" not in part  # what they wrote stays behind sign-in
        assert "Mill Road" not in part
        assert cast.people["resident"].name not in part
        assert "asked to hear about new reports" in part


def test_staff_who_have_not_opted_in_hear_nothing(
    cast, routine, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(cast.people["resident"]).post(_url(cast, "report-my-repair"), REPORT)
    assert _to(cast.people["staff"].email) == []
    assert len(_to(cast.people["resident"].email)) == 1


def test_a_resident_who_turned_updates_off_gets_no_acknowledgement(
    cast, routine, office, client_as, django_capture_on_commit_callbacks
):
    resident = cast.people["resident"]
    resident.emails_about_my_cases = False
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_as(resident).post(_url(cast, "report-my-repair"), REPORT)
        client_as(resident).post(_url(cast, "make-my-complaint"), COMPLAINT)
    assert _to(resident.email) == []
    assert len(_to(office.email)) == 2  # the office still hears of both


def test_a_welsh_speaker_is_written_to_in_welsh(
    cast, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2025, 12, 19))
    resident = cast.people["resident"]
    resident.language = "cy"
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        # They use the site in English today; their email comes in the language they chose.
        client_as(resident).post(_url(cast, "make-my-complaint"), COMPLAINT)

    (message,) = _to(resident.email)
    text, html = _parts(message)
    assert message.subject.startswith("Kingsmead TMO: Mae eich cwyn")
    for part in (text, _text_of(html)):
        assert "Kingsmead TMO" in part
        assert "Dydd Mawrth 30 Rhagfyr 2025" in part
        assert "Helo" in part
    assert 'lang="cy"' in html


def test_nothing_is_sent_for_a_report_that_is_rolled_back(
    cast, routine, office, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.report_repair_as_resident(
            organisation=cast.tmo, home=cast.home, by=cast.people["resident"],
            trade="plumbing", description="Tap", emergency=False, damp_or_mould=False,
        )  # fmt: skip
        raise RuntimeError("the request failed after the report was saved")
    assert callbacks == []
    assert mail.outbox == []
    assert not Repair.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_a_queue_the_email_waits_for_a_worker(cast, routine, client_as, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client_as(cast.people["resident"]).post(_url(cast, "report-my-repair"), REPORT)
    assert mail.outbox == []

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert len(_to(cast.people["resident"].email)) == 1


# --- updates ---------------------------------------------------------------------------------


def _repair_form(repair: Repair, **changes) -> dict:
    local = timezone.localtime(repair.reported_at, LONDON).strftime("%Y-%m-%dT%H:%M")
    data = {
        "reference": repair.reference,
        "home_reference": repair.home.reference,
        "kind": "responsive",
        "priority": repair.priority_id,
        "trade": repair.trade,
        "description": repair.description,
        "status": "open",
        "reported_at": local,
        "appointment_kept": "",
        "right_first_time": "",
        "hazard": "",
    }
    return data | changes


@pytest.fixture
def reported(cast, routine):
    """A repair the resident reported on Friday 19 December 2025 at 10am."""
    return RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=routine, reference="WEB-R000001",
        reported_at=datetime(2025, 12, 19, 10, 0, tzinfo=LONDON),
        reported_by=cast.people["resident"], description="The kitchen tap drips.",
    )  # fmt: skip


def _staff_edit(cast, client_as, record, data, kind="repairs"):
    return client_as(cast.people["staff"]).post(_url(cast, "edit-record", kind, record.pk), data)


def test_the_resident_hears_when_their_repair_is_completed(
    cast, reported, client_as, django_capture_on_commit_callbacks
):
    data = _repair_form(reported, status="completed", completed_at="2025-12-22T14:00")
    with django_capture_on_commit_callbacks(execute=True):
        response = _staff_edit(cast, client_as, reported, data)
    assert response.status_code == 302

    (message,) = _to(cast.people["resident"].email)
    text, html = _parts(message)
    assert message.subject == "Kingsmead TMO: Your repair WEB-R000001 is done"
    assert "We have recorded it as completed." in text and "completed" in html
    assert "1 Mill Road" in text


def test_the_resident_hears_of_an_appointment_and_a_new_priority_with_the_pages_date(
    cast, reported, client_as, django_capture_on_commit_callbacks
):
    urgent = reported.priority.__class__.objects.get(code="U")
    data = _repair_form(reported, priority=urgent.pk, appointment_at="2025-12-23T09:30")
    with django_capture_on_commit_callbacks(execute=True):
        _staff_edit(cast, client_as, reported, data)

    (message,) = _to(cast.people["resident"].email)
    text, _html = _parts(message)
    assert "We will visit at 9:30 a.m. on Tuesday 23 December 2025." in text
    assert "set how urgent it is: Urgent." in text
    page = _text_of(client_as(cast.people["resident"]).get(
        _url(cast, "my-repair", reported.pk)).content.decode()
    )  # fmt: skip
    (promise,) = re.findall(r"(?:We aim to fix it|It should have been fixed) by [^.]+\.", page)
    assert promise in " ".join(text.split())


def test_a_change_the_resident_does_not_need_to_know_sends_nothing(
    cast, reported, client_as, django_capture_on_commit_callbacks
):
    data = _repair_form(reported, contractor="Acme Plumbing")
    with django_capture_on_commit_callbacks(execute=True):
        _staff_edit(cast, client_as, reported, data)
    assert mail.outbox == []


def test_a_refused_change_sends_nothing(cast, reported, django_capture_on_commit_callbacks):
    reported.status = Repair.Status.COMPLETED
    reported.completed_at = datetime(2025, 12, 18, 9, 0, tzinfo=LONDON)  # before it was reported
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        services.change_record(record=reported, by=cast.people["staff"])
    assert callbacks == [] and mail.outbox == []


def test_someone_who_has_moved_out_hears_nothing_about_the_homes_repair(
    cast, reported, client_as, django_capture_on_commit_callbacks
):
    Household.objects.filter(home=cast.home).update(ended_on=date(2025, 12, 20))
    data = _repair_form(reported, status="completed", completed_at="2025-12-22T14:00")
    with django_capture_on_commit_callbacks(execute=True):
        _staff_edit(cast, client_as, reported, data)
    assert mail.outbox == []


def _complaint_form(complaint: Complaint, **changes) -> dict:
    data = {
        "reference": complaint.reference,
        "home_reference": cast_home_reference(complaint),
        "category": complaint.category,
        "description": complaint.description,
        "received_on": complaint.received_on.isoformat(),
        "stage1_acknowledged_on": "",
        "stage1_responded_on": "",
        "stage1_extension_days": "0",
        "escalated_on": "",
        "stage2_acknowledged_on": "",
        "stage2_responded_on": "",
        "stage2_extension_days": "0",
        "outcome": "",
        "referred_to_ombudsman_on": "",
    }
    return data | changes


def cast_home_reference(complaint: Complaint) -> str:
    return complaint.home.reference if complaint.home else ""


def test_the_resident_hears_when_their_complaint_is_answered_and_escalated(
    cast, client_as, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=cast.people["resident"],
        received_on=date(2025, 12, 1), reference="WEB-C000001", category="repairs",
    )  # fmt: skip
    answered = _complaint_form(
        complaint, stage1_acknowledged_on="2025-12-02", stage1_responded_on="2025-12-10"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _staff_edit(cast, client_as, complaint, answered, kind="complaints")
    assert response.status_code == 302, response.content.decode()[:2000]
    (message,) = _to(cast.people["resident"].email)
    assert message.subject == "Kingsmead TMO: News about your complaint WEB-C000001"
    assert "We have sent you our answer at stage 1." in message.body

    # Escalated on Thursday 11 December 2025: acknowledged within 5 working days (Thursday 18
    # December), answered within 20 working days of that: 19, 22, 23, 24, 29, 30, 31 December,
    # then 2, 5–9, 12–16, 19 and 20 January 2026 (skipping 25 and 26 December and 1 January).
    mail.outbox.clear()
    escalated = answered | {"escalated_on": "2025-12-11"}
    with django_capture_on_commit_callbacks(execute=True):
        _staff_edit(cast, client_as, complaint, escalated, kind="complaints")
    (message,) = _to(cast.people["resident"].email)
    text, html = _parts(message)
    expected = (
        "We will acknowledge it by Thursday 18 December 2025 and answer it by "
        "Tuesday 20 January 2026."
    )
    assert "moved to stage 2" in text
    assert expected in " ".join(text.split()) and expected in _text_of(html)


def test_an_email_is_only_ever_sent_to_the_person_it_is_about(
    cast, reported, client_as, django_capture_on_commit_callbacks
):
    neighbour = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=UserFactory()).user
    data = _repair_form(reported, status="completed", completed_at="2025-12-22T14:00")
    with django_capture_on_commit_callbacks(execute=True):
        _staff_edit(cast, client_as, reported, data)
    assert [m.to for m in mail.outbox] == [[cast.people["resident"].email]]
    assert _to(neighbour.email) == []


def test_the_resident_hears_the_real_target_once_staff_triage_their_report(
    cast, routine, django_capture_on_commit_callbacks
):
    waiting = RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=None, reference="WEB-R000002",
        reported_at=datetime(2025, 12, 19, 10, 0, tzinfo=LONDON),
        reported_by=cast.people["resident"], description="The radiator is cold.",
    )  # fmt: skip
    assert waiting.due_at is None
    with django_capture_on_commit_callbacks(execute=True):
        services.set_repair_priority(repair=waiting, priority=routine, by=cast.people["staff"])
    (message,) = _to(cast.people["resident"].email)
    text, _html = _parts(message)
    assert "set how urgent it is: Routine." in text
    # 20 working days from Friday 19 December 2025, skipping 25 and 26 December and 1 January:
    # 22, 23, 24, 29, 30, 31 December, then 2, 5–9, 12–16, 19–21 January 2026.
    assert "fixed by Wednesday 21 January 2026" in " ".join(text.split())


def test_the_resident_gets_the_stage_two_dates_when_they_ask_for_stage_two(
    cast, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=cast.people["resident"],
        received_on=timezone.localdate(), stage1_acknowledged_on=timezone.localdate(),
        stage1_responded_on=timezone.localdate(), reference="WEB-C000002", category="repairs",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate_complaint_as_resident(
            complaint=complaint, by=cast.people["resident"], reason="The boiler is still broken."
        )
    (message,) = _to(cast.people["resident"].email)
    assert "moved to stage 2" in message.body
