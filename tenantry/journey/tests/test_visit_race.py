"""Two members of a group picking different dates for one visit at the same moment, on
PostgreSQL, each on its own connection: one wins, the other is told the day already chosen,
and the visit keeps one date."""

import threading

import pytest
from django.db import connection, connections

from tenantry.journey import services_directory as services
from tenantry.journey.models import Visit, VisitState

from .factories import GroupMembershipFactory, VisitDateFactory, VisitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

MEMBERS = 4


def test_members_picking_different_dates_at_once_confirm_one(cast):
    visit = VisitFactory(host=cast.tmo, state=VisitState.OFFERED)
    dates = [VisitDateFactory(visit=visit) for _ in range(2)]
    members = [GroupMembershipFactory(group=visit.group).user for _ in range(MEMBERS)]
    start = threading.Barrier(MEMBERS)
    outcomes: list[str] = []

    def choose(n: int) -> None:
        try:
            start.wait()
            services.choose_date(visit=visit, date=dates[n % 2].pk, by=members[n])
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=choose, args=(n,)) for n in range(MEMBERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ValidationError"] * (MEMBERS - 1) + ["ok"]
    visit = Visit.objects.get(pk=visit.pk)
    assert visit.state == VisitState.CONFIRMED
    assert visit.chosen_id in {date.pk for date in dates}
    assert visit.history.filter(state=VisitState.CONFIRMED).count() == 1
