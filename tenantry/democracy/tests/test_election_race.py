"""Elections on PostgreSQL, each thread on its own connection: the same candidate nominated
twice at once is nominated once; two declarations at once seat the elected once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.democracy import election_services as services
from tenantry.democracy.models import CommitteeTerm, Nomination
from tenantry.democracy.services import constitution_of

from .election_helpers import add_numbered_members, make_election, nominate

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

THREADS = 6


def _race(job) -> list[str]:
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            start.wait()
            job(n)
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_candidate_nominated_six_times_at_once_is_nominated_once(cast):
    constitution_of(cast.tmo)
    members = add_numbered_members(cast, 12)
    election = make_election(cast)
    outcomes = _race(lambda n: nominate(cast, election, members[0], members[1 + n], members[11]))
    assert outcomes.count("done") == 1
    assert all("already nominated" in o for o in outcomes if o != "done")
    assert Nomination.objects.filter(election=election).count() == 1


def test_six_declarations_at_once_seat_the_elected_once(cast):
    constitution_of(cast.tmo)
    members = add_numbered_members(cast, 12)
    election = make_election(cast, seats=2, past=True)
    nominate(cast, election, members[0], members[5], members[6])
    nominate(cast, election, members[1], members[5], members[6])
    services.close_nominations(election=election, by=None)
    outcomes = _race(lambda n: services.declare_result(election=election, by=None))
    assert outcomes.count("done") == 1
    assert CommitteeTerm.objects.filter(organisation=cast.tmo, kind="tenant").count() == 2
