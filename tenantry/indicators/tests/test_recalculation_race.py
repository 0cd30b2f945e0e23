"""Two recalculations at once on PostgreSQL: each stale figure is worked out once, and a change
made while a figure is being worked out is not lost."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator, Result, Scope
from tenantry.indicators.services.recalculation import recalculate_stale, records_changed
from tenantry.indicators.tests.performance_data import YEAR, computed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def _rp02(cast) -> Result:
    return Result.objects.get(
        indicator__code="RP02-2", organisation=cast.tmo, scope=Scope.ORGANISATION,
        stock_type="", period_start=YEAR.start, period_end=YEAR.end,
    )  # fmt: skip


def test_two_recalculations_at_once_work_out_each_figure_once(cast):
    sync_definitions(Indicator)  # a test that flushed the database took them with it
    computed(cast)
    stale = Result.objects.filter(organisation=cast.tmo)
    count = stale.update(stale_since=timezone.now(), value=Decimal(1))
    versions = _rp02(cast).history.count()
    start = threading.Barrier(2)
    done: list[int] = []

    def run() -> None:
        try:
            start.wait()
            done.append(recalculate_stale(organisation=cast.tmo))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(done) == count  # each figure once, whichever task took it
    assert not Result.objects.filter(stale_since__isnull=False).exists()
    assert _rp02(cast).value == Decimal("80.0000")
    assert _rp02(cast).history.count() == versions + 1


def test_a_change_while_a_figure_is_being_worked_out_marks_it_again(cast, settings):
    sync_definitions(Indicator)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued only
    made = computed(cast)
    Result.objects.filter(organisation=cast.tmo).update(stale_since=timezone.now())
    locked, release = threading.Event(), threading.Event()
    marked: list[int] = []

    def running_task() -> None:
        # A task that has locked the stale figures and read the records before the change.
        try:
            with transaction.atomic():
                list(Result.objects.select_for_update().filter(organisation=cast.tmo))
                locked.set()
                release.wait(10)
                Result.objects.filter(organisation=cast.tmo).update(stale_since=None)
        finally:
            connections.close_all()

    def change() -> None:
        try:
            locked.wait(10)
            with transaction.atomic():
                marked.append(
                    records_changed(organisation_ids=[cast.tmo.pk], kind="repairs", since=None)
                )
        finally:
            connections.close_all()

    task = threading.Thread(target=running_task)
    changer = threading.Thread(target=change)
    task.start()
    changer.start()
    locked.wait(10)
    # A second task meanwhile skips the figures the first holds rather than waiting for them.
    assert recalculate_stale(organisation=cast.tmo) == 0
    release.set()
    task.join()
    changer.join()

    # The change waited for the running task, then marked its figures stale again.
    assert marked and marked[0] > 0
    assert _rp02(cast).stale_since is not None
    late = made["REP-LATE"]
    type(late).objects.filter(pk=late.pk).update(completed_at=late.reported_at + timedelta(hours=1))
    assert recalculate_stale(organisation=cast.tmo) > 0
    assert _rp02(cast).value == Decimal("100.0000")
