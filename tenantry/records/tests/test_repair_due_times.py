"""Each repair keeps its priority's target time, so RP02 compares two stored times."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from tenantry.core.deadlines import LONDON
from tenantry.records.models import Repair, RepairPriority
from tenantry.records.selectors.deadlines import repair_target
from tenantry.records.selectors.overdue import overdue_repairs_q, overdue_work
from tenantry.records.selectors.resident import repair_due
from tenantry.records.services import refresh_due_times

from .factories import RepairFactory, RepairPriorityFactory
from .test_import_support import Place, csv_bytes, rows_for, run_import

pytestmark = pytest.mark.django_db


def test_imported_repairs_get_their_target_times(cast):
    place = Place(cast)
    run_import(cast.tmo, "repairs", csv_bytes(rows_for("repairs", place)))

    due = dict(Repair.objects.values_list("reference", "due_at"))

    # Emergency, 24 hours from 09:15 on Monday 2 November 2026 (GMT): 09:15 the next day.
    assert due["R1"] == datetime(2026, 11, 3, 9, 15, tzinfo=UTC)
    # Routine, 20 working days from Thursday 1 October 2026: Thursday 29 October, end of day
    # (the clocks went back on 25 October, so UK midnight is UTC midnight).
    assert due["R2"] == datetime(2026, 10, 29, 23, 59, 59, tzinfo=UTC)


def test_a_repair_saved_on_screen_gets_its_target_time(cast):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)  # Fri 19 Dec 2025, 10:00

    repair.refresh_from_db()

    # Urgent, 5 working days: 22, 23, 24 December, then 29 and 30 (25, 26 are bank holidays).
    assert repair.due_at == datetime(2025, 12, 30, 23, 59, 59, tzinfo=UTC)


def test_a_repair_keeps_its_target_when_the_priority_target_changes_later(cast):
    priority = RepairPriorityFactory(landlord=cast.landlord)
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, priority=priority)
    priority.target_amount = 1
    priority.save()
    repair.description = "Corrected description"
    repair.save()

    repair.refresh_from_db()
    assert repair.due_at == datetime(2025, 12, 30, 23, 59, 59, tzinfo=UTC)


def test_correcting_a_repairs_priority_re_times_it(cast):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    repair.priority = RepairPriorityFactory(landlord=cast.landlord, code="E1", target_amount=1)
    repair.save()

    repair.refresh_from_db()
    assert repair.due_at == datetime(2025, 12, 22, 23, 59, 59, tzinfo=UTC)


def test_a_target_entered_wrongly_can_be_put_right_for_its_repairs(cast):
    priority = RepairPriorityFactory(landlord=cast.landlord)
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, priority=priority)
    priority.target_amount = 1
    priority.save()

    assert refresh_due_times(priority=priority) == 1

    repair.refresh_from_db()
    assert repair.due_at == datetime(2025, 12, 22, 23, 59, 59, tzinfo=UTC)


# --- every page reads the stored target time ------------------------------------------------


def _repair_with_old_target(cast):
    """Urgent, 5 working days from Fri 19 Dec 2025 10:00: due Tue 30 Dec (25, 26 are bank
    holidays). Then the priority becomes 1 working day without its repairs being re-timed:
    today's target would be Mon 22 Dec."""
    priority = RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
        target_unit="working_days",
    )  # fmt: skip
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, priority=priority)
    RepairPriority.objects.filter(pk=priority.pk).update(target_amount=1)
    return Repair.objects.select_related("priority").get(pk=repair.pk)


def _at(*args):
    return datetime(*args, tzinfo=LONDON)


def test_the_target_is_the_stored_time_and_says_when_the_priority_changed(cast):
    repair = _repair_with_old_target(cast)
    target = repair_target(repair, _at(2025, 12, 23, 12))

    assert target.due == date(2025, 12, 30)
    assert target.state == "due"  # by today's priority it would be overdue since 22 Dec
    assert "target has changed since this repair was raised" in target.note
    assert repair_due(repair=repair, now=_at(2025, 12, 23, 12)).at == date(2025, 12, 30)


def test_a_repair_on_todays_target_says_nothing_about_a_change(cast):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    assert repair_target(repair, _at(2025, 12, 23, 12)).note == ""


def test_the_record_page_and_the_overdue_work_use_the_stored_time(cast, client_as):
    repair = _repair_with_old_target(cast)
    url = reverse("services:record", args=[cast.tmo.slug, "repairs", repair.pk])
    page = client_as(cast.people["staff"]).get(url).content.decode()

    assert 'Due by <time datetime="2025-12-30">' in page
    assert "The priority&#x27;s target has changed since this repair was raised" in page
    # Late from the day after the stored due day, not from the day after 22 December.
    assert overdue_work(organisation=cast.tmo, now=_at(2025, 12, 30, 23, 59)).repairs.total == 0
    assert overdue_work(organisation=cast.tmo, now=_at(2025, 12, 31, 0, 1)).repairs.total == 1
    open_repairs = Repair.objects.filter(organisation=cast.tmo)
    assert not open_repairs.filter(overdue_repairs_q(now=_at(2025, 12, 30, 23, 59))).exists()
    assert open_repairs.filter(overdue_repairs_q(now=_at(2025, 12, 31, 0, 1))).exists()


def test_the_residents_page_uses_the_stored_time(cast, client_as):
    repair = _repair_with_old_target(cast)
    repair.reported_by = cast.people["resident"]
    repair.save(update_fields=["reported_by"])
    page = client_as(cast.people["resident"]).get(
        reverse("services:my-repair", args=[cast.tmo.slug, repair.pk])
    )
    assert "Tuesday 30 December 2025" in page.content.decode()
    assert "Monday 22 December 2025" not in page.content.decode()
