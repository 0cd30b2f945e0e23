"""Ten people booking the last three places of a session at the same moment on PostgreSQL, each
on their own connection: exactly three get a place and the other seven go on the waiting list,
in the order their bookings were written (the session's row lock in services_training.py)."""

import threading

import pytest
from django.db import connection, connections

from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_training as services
from tenantry.journey.models import Booking, BookingStatus

from .factories import BookingFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

PEOPLE = 10


def test_ten_people_booking_the_last_three_places_at_once_three_get_them(db):
    session = SessionFactory(capacity=5)
    BookingFactory.create_batch(2, session=session)  # three places left
    people = [UserFactory() for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []

    def book(n: int) -> None:
        try:
            start.wait()
            outcomes.append(services.book(session=session, by=people[n]).status)
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [BookingStatus.BOOKED] * 3 + [BookingStatus.WAITING] * 7
    mine = Booking.objects.filter(session=session, user__in=people)
    assert mine.filter(status=BookingStatus.BOOKED).count() == 3
    assert Booking.objects.filter(session=session, status=BookingStatus.BOOKED).count() == 5
    # The places went to the first three written: no one waits who booked before someone placed.
    ordered = list(mine.order_by("booked_at", "pk").values_list("status", flat=True))
    assert ordered == [BookingStatus.BOOKED] * 3 + [BookingStatus.WAITING] * 7
