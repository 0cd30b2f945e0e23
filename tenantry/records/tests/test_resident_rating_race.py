"""Two taps at once on PostgreSQL: the row lock lets exactly one rating through."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.records import services
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_two_ratings_at_once_store_one_and_refuse_the_other(cast):
    repair = RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        status=Repair.Status.COMPLETED,
        completed_at=datetime(2025, 12, 22, 14, 0, tzinfo=ZoneInfo("Europe/London")),
    )
    resident = cast.people["resident"]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def tap(score: int) -> None:
        try:
            start.wait()
            services.rate_repair_once(repair=repair, by=resident, satisfaction=score)
            outcomes.append(f"rated {score}")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap, args=(score,)) for score in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    repair.refresh_from_db()
    assert sorted(outcomes) == sorted([f"rated {repair.satisfaction}", "refused"])
