"""Eight people press "Send now" on one newsletter at the same moment, on PostgreSQL, each on
its own connection: it is sent once, to each member once."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from tenantry.reports import services_newsletters as services
from tenantry.reports.newsletters import Delivery, Newsletter

from .newsletter_helpers import member, newsletter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 8


def test_people_sending_at_once_send_it_once(cast, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail.outbox = []
    for n in range(5):
        member(cast.tmo, email=f"m{n}@example.org")
    member(cast.tmo)  # by letter
    letter = newsletter(cast.tmo)
    committee = cast.people["committee"]
    start = threading.Barrier(THREADS)
    outcomes: list[object] = []

    def press(_n: int) -> None:
        try:
            start.wait()
            outcomes.append(services.send_newsletter(newsletter=letter, by=committee))
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes, key=str) == [False] * (THREADS - 1) + [True]
    letter.refresh_from_db()
    assert letter.status == Newsletter.Status.SENT
    assert Delivery.objects.filter(newsletter=letter).count() == 6
    assert sorted(m.to[0] for m in mail.outbox) == [f"m{n}@example.org" for n in range(5)]


def test_workers_running_one_send_at_once_email_each_member_once(cast, settings):
    """A retried task, or two workers given the same send: each batch is claimed by one."""
    from tenantry.reports import sending_newsletters as sending

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    mail.outbox = []
    for n in range(30):
        member(cast.tmo, email=f"m{n:02d}@example.org")
    letter = newsletter(cast.tmo)
    services.send_newsletter(newsletter=letter, by=cast.people["committee"])
    start = threading.Barrier(4)
    errors: list[str] = []

    def work(_n: int) -> None:
        try:
            start.wait()
            sending.run(letter.pk, prepare=False, size=3)
        except Exception as error:  # noqa: BLE001 - the test reports what went wrong
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == [f"m{n:02d}@example.org" for n in range(30)]
    assert Delivery.objects.filter(newsletter=letter, state="sent").count() == 30
