"""Each repair keeps its priority's target time, so RP02 compares two stored times."""

from datetime import UTC, datetime

import pytest

from tenantry.records.models import Repair
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


def test_changing_a_priority_target_re_times_its_repairs(cast):
    priority = RepairPriorityFactory(landlord=cast.landlord)
    repair = RepairFactory(organisation=cast.tmo, home=cast.home, priority=priority)
    priority.target_amount = 1
    priority.save()

    assert refresh_due_times(priority=priority) == 1

    repair.refresh_from_db()
    assert repair.due_at == datetime(2025, 12, 22, 23, 59, 59, tzinfo=UTC)
