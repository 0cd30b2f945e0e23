"""Awaab's Law steps are met only by a recorded date; completing a hazard repair asks for the
dates or the reason they are missing, on screen, through the service and in an import.

Dates worked by hand: reported Mon 3 Nov 2025, the investigation is due Mon 17 Nov (10
working days). An investigation ending Fri 14 Nov makes the written summary due Wed 19 Nov (3
working days) and the safety work and further works Fri 21 Nov (5).
"""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.core.deadlines import LONDON
from tenantry.records import services
from tenantry.records.models import Repair
from tenantry.records.selectors.deadlines import hazard_targets
from tenantry.records.selectors.overdue import overdue_work
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

from .test_import_support import Place, csv_bytes, errors_of, run_import

pytestmark = pytest.mark.django_db


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def _damp(cast, **fields) -> Repair:
    urgent = RepairPriorityFactory(
        landlord=cast.landlord,
        code="U",
        name="Urgent",
        target_amount=20,
        target_unit="working_days",
    )
    fields = {
        "reported_at": london(2025, 11, 3, 10, 0),
        "trade": Repair.Trade.DAMP_MOULD,
        "hazard": Repair.Hazard.SIGNIFICANT,
    } | fields
    return RepairFactory(organisation=cast.tmo, home=cast.home, priority=urgent, **fields)


def _steps(repair, now) -> dict[str, tuple[str, str]]:
    return {t.label: (t.state, t.text) for t in hazard_targets(repair, now=now)}


def _completed_without_dates(cast, **fields) -> Repair:
    return _damp(
        cast,
        status=Repair.Status.COMPLETED,
        completed_at=london(2025, 11, 20, 12, 0),
        **fields,
    )


# --- what a step's state is -------------------------------------------------------------------


def test_a_completed_repair_with_no_investigation_date_has_its_investigation_not_recorded(cast):
    repair = _completed_without_dates(cast)
    steps = _steps(repair, now=london(2025, 12, 1, 9, 0))
    assert steps == {"Investigate": ("not_recorded", "Not recorded")}


def test_safety_work_without_a_date_is_not_recorded_never_met_by_the_completion_date(cast):
    repair = _completed_without_dates(
        cast, investigated_at=london(2025, 11, 14, 15, 0), summary_sent_on=date(2025, 11, 18)
    )
    steps = _steps(repair, now=london(2025, 12, 1, 9, 0))
    assert steps == {
        "Investigate": ("met", "Met"),
        "Send the resident a written summary": ("met", "Met"),
        "Do the safety work": ("not_recorded", "Not recorded"),
        "Begin further works": ("not_recorded", "Not recorded"),
    }
    [safety] = [
        t for t in hazard_targets(repair, now=london(2025, 12, 1, 9)) if "safety" in t.label
    ]
    assert safety.done is None
    assert safety.colour == "orange"
    assert safety.note == "No date was recorded, and no reason was given."


def test_the_reason_given_is_shown_on_each_step_not_recorded(cast):
    repair = _completed_without_dates(cast, hazard_dates_reason="Resident refused access")
    [investigate] = hazard_targets(repair, now=london(2025, 12, 1, 9, 0))
    assert investigate.text == "Not recorded"
    assert investigate.note == "No date was recorded. Reason given: Resident refused access"


def test_a_step_still_within_its_deadline_is_due_after_completion(cast):
    # The investigation ended Wed 19 Nov: the summary is due Mon 24 Nov (Thu 20 = 1, Fri 21 =
    # 2, Mon 24 = 3). Completed Thu 20 Nov; on Fri 21 a working day is left.
    repair = _completed_without_dates(cast, investigated_at=london(2025, 11, 19, 15, 0))
    steps = _steps(repair, now=london(2025, 11, 21, 9, 0))
    assert steps["Send the resident a written summary"] == ("due", "Due in 1 working day")


def test_an_open_repair_past_a_step_is_overdue_not_recorded(cast):
    steps = _steps(_damp(cast), now=london(2025, 11, 18, 9, 0))
    assert steps == {"Investigate": ("overdue", "Overdue by 1 working day")}


def test_an_emergency_hazard_completed_without_a_made_safe_time_is_not_recorded(cast):
    repair = _damp(
        cast,
        hazard=Repair.Hazard.EMERGENCY,
        status=Repair.Status.COMPLETED,
        completed_at=london(2025, 11, 3, 16, 0),
    )
    assert _steps(repair, now=london(2025, 11, 5, 9, 0)) == {
        "Investigate and make safe": ("not_recorded", "Not recorded")
    }


# --- overdue work ------------------------------------------------------------------------------


def test_a_completed_hazard_with_an_unexplained_missing_step_stays_on_the_overdue_list(cast):
    missing = _completed_without_dates(cast)
    _completed_without_dates(cast, hazard_dates_reason="No hazard found on investigation")
    work = overdue_work(organisation=cast.tmo, now=london(2025, 12, 1, 9, 0))
    [item] = work.hazards.items
    assert item.record == missing
    assert [(t.label, t.text) for t in item.targets] == [("Investigate", "Not recorded")]


# --- completing a hazard repair -----------------------------------------------------------------


def test_the_service_refuses_to_complete_a_hazard_repair_without_dates_or_a_reason(cast):
    repair = _damp(cast, investigated_at=london(2025, 11, 14, 15, 0))
    repair.status, repair.completed_at = Repair.Status.COMPLETED, london(2025, 11, 20, 12, 0)
    with pytest.raises(ValidationError) as refused:
        services.change_record(record=repair, by=cast.people["staff"])
    assert set(refused.value.message_dict) == {
        "summary_sent_on",
        "safety_work_done_on",
        "further_works_started_on",
    }
    repair.hazard_dates_reason = "No further works needed"
    repair.summary_sent_on, repair.safety_work_done_on = date(2025, 11, 18), date(2025, 11, 20)
    services.change_record(record=repair, by=cast.people["staff"])
    repair.refresh_from_db()
    assert repair.status == Repair.Status.COMPLETED


def test_a_repair_with_no_hazard_or_from_before_awaabs_law_needs_no_dates(cast):
    for repair in (
        _damp(cast, hazard=""),
        _damp(cast, reported_at=london(2025, 10, 20, 10, 0)),
    ):
        repair.status, repair.completed_at = Repair.Status.COMPLETED, london(2025, 11, 20, 12)
        services.change_record(record=repair, by=cast.people["staff"])


def _form(repair, **changes) -> dict:
    return {
        "reference": repair.reference,
        "home_reference": repair.home.reference,
        "kind": "responsive",
        "priority": repair.priority_id,
        "trade": "damp_mould",
        "description": "Black mould in the bathroom",
        "status": "completed",
        "reported_at": "2025-11-03T10:00",
        "completed_at": "2025-11-20T12:00",
        "appointment_kept": "",
        "right_first_time": "",
        "hazard": "significant",
    } | changes


def test_staff_completing_a_damp_repair_are_asked_for_each_date_or_a_reason(cast, client_as):
    repair = _damp(cast)
    client = client_as(cast.people["staff"])
    url = reverse(
        "services:edit-record", kwargs={"slug": cast.tmo.slug, "kind": "repairs", "pk": repair.pk}
    )
    response = client.post(url, _form(repair, investigated_at="2025-11-14T15:00"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter when the written summary was sent, or give the reason it was not recorded" in page
    assert "Enter when the safety work was done, or give the reason it was not recorded" in page
    assert 'href="#id_safety_work_done_on"' in page
    assert 'value="2025-11-14T15:00"' in page  # what was typed is kept
    repair.refresh_from_db()
    assert repair.status == Repair.Status.OPEN

    reason = "Resident refused access for the safety work"
    response = client.post(url, _form(repair, hazard_dates_reason=reason))
    assert response.status_code == 302
    repair.refresh_from_db()
    assert (repair.status, repair.hazard_dates_reason) == (Repair.Status.COMPLETED, reason)


# --- the import ------------------------------------------------------------------------------


HEADER = [
    "reference", "home", "priority", "reported_at", "status", "completed_at", "trade", "hazard",
    "investigated_at", "summary_sent_on", "safety_work_done_on", "further_works_started_on",
    "hazard_dates_reason",
]  # fmt: skip


def test_an_import_refuses_a_completed_hazard_without_dates_or_a_reason(cast):
    place = Place(cast)
    home = place.home.reference
    done = ["EM", "03/11/2025 10:00", "completed", "20/11/2025 12:00", "damp_mould"]
    data = csv_bytes([
        HEADER,
        ["R1", home, *done, "significant", "14/11/2025 15:00", "18/11/2025", "", "", ""],
        ["R2", home, *done, "significant", "", "", "", "", "Resident refused access"],
        ["R3", home, *done, "", "", "", "", "", ""],
        ["R4", home, *done, "significant", "14/11/2025 15:00", "18/11/2025", "20/11/2025",
         "20/11/2025", ""],
    ])  # fmt: skip
    outcome = run_import(cast.tmo, "repairs", data)
    reason = "is empty: a completed hazard repair needs it, or a hazard_dates_reason"
    assert errors_of(outcome) == [
        (2, "safety_work_done_on", reason),
        (2, "further_works_started_on", reason),
    ]
    fixed = data.replace(b"18/11/2025,,,\r\n", b"18/11/2025,,,No further works needed\r\n", 1)
    fixed = fixed.replace(b"18/11/2025,,,No further", b"18/11/2025,20/11/2025,,No further")
    assert errors_of(run_import(cast.tmo, "repairs", fixed)) == []
    assert Repair.objects.filter(organisation=cast.tmo).count() == 4


def test_the_repair_page_says_not_recorded_and_why(cast, client_as):
    repair = _completed_without_dates(cast, hazard_dates_reason="Resident refused access")
    url = reverse(
        "services:record", kwargs={"slug": cast.tmo.slug, "kind": "repairs", "pk": repair.pk}
    )
    page = client_as(cast.people["staff"]).get(url).content.decode()
    assert "Not recorded" in page
    assert "Reason given: Resident refused access" in page
    assert ">Met<" not in page.split("Awaab")[-1]


def test_a_resident_rates_a_completed_hazard_repair_whatever_dates_staff_left_out(cast):
    repair = _completed_without_dates(cast)  # recorded before the rule: no dates, no reason
    services.rate_repair_once(repair=repair, by=cast.people["resident"], satisfaction=4)
    services.comment_on_rating(repair=repair, by=cast.people["resident"], comment="Mould gone.")
    repair.refresh_from_db()
    assert (repair.satisfaction, repair.satisfaction_comment) == (4, "Mould gone.")
