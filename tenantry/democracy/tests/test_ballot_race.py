"""Votes cast at the same moment on PostgreSQL, each thread on its own connection: N voters at
once give exactly N marks and N papers; a voter racing themselves online and on paper, one."""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tenantry.democracy import ballots
from tenantry.democracy.models import Envelope, Mark, Paper, RefusedAttempt

from .ballot_helpers import add_members, after_close, make_ballot, open_with_codes, option_ids

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

VOTERS = 200
THREADS = 20


def test_two_hundred_voters_at_once_give_two_hundred_papers(cast, settings):
    settings.BALLOT_MIX_BATCH = 20
    add_members(cast, VOTERS)
    ballot = make_ballot(cast)
    codes = list(open_with_codes(cast, ballot).values())
    assert len(codes) == VOTERS
    yes, no = option_ids(ballot)
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def vote(mine: list[str]) -> None:
        try:
            start.wait()
            for n, code in enumerate(mine):
                ballots.cast_vote(
                    ballot=ballot, channel="online", code=code, choices=[yes if n % 3 else no]
                )
                outcomes.append("cast")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(codes[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["cast"] * VOTERS
    assert Mark.objects.count() == VOTERS
    # Batches were opened while voting went on; the close opens the rest.
    assert Paper.objects.count() + Envelope.objects.count() == VOTERS
    assert Paper.objects.count() >= settings.BALLOT_MIX_BATCH
    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))
    result = ballots.count_ballot(ballot=ballot, by=cast.people["committee"])
    assert result["papers"] == result["voted"] == VOTERS
    assert sum(o["votes"] for o in result["options"]) == VOTERS


def test_a_voter_racing_themselves_online_and_on_paper_gets_one_vote(cast):
    add_members(cast, 1)
    ballot = make_ballot(cast)
    code = next(iter(open_with_codes(cast, ballot).values()))
    yes, no = option_ids(ballot)
    for _round in range(5):
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def vote(channel: str, choice: int, by, start=start, outcomes=outcomes) -> None:
            try:
                start.wait()
                ballots.cast_vote(
                    ballot=ballot, channel=channel, code=code, choices=[choice], by=by
                )
                outcomes.append("cast")
            except ValidationError as error:
                outcomes.append(error.code)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=vote, args=("online", yes, None)),
            threading.Thread(target=vote, args=("paper", no, cast.people["staff"])),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if _round == 0:
            assert sorted(outcomes) == ["already_voted", "cast"]
        else:
            assert outcomes == ["already_voted", "already_voted"]
    assert Mark.objects.count() == 1
    assert Envelope.objects.count() + Paper.objects.count() == 1
    assert RefusedAttempt.objects.count() == 9


def test_closing_while_votes_and_batches_are_in_flight_loses_and_doubles_nothing(cast, settings):
    settings.BALLOT_MIX_BATCH = 3
    add_members(cast, 60)
    ballot = make_ballot(cast)
    codes = list(open_with_codes(cast, ballot).values())
    yes = option_ids(ballot)[0]
    start = threading.Barrier(11)

    def vote(mine: list[str]) -> None:
        try:
            start.wait()
            for code in mine:
                # Refused once the ballot has closed.
                with contextlib.suppress(ValidationError):
                    ballots.cast_vote(ballot=ballot, channel="online", code=code, choices=[yes])
        finally:
            connections.close_all()

    closed: list = []

    def close() -> None:
        try:
            start.wait()
            ballots.close_ballot(
                ballot=ballot, by=cast.people["committee"], now=after_close(ballot)
            )
            closed.append("closed")
        except Exception as error:  # noqa: BLE001 – reported by the assertion below
            closed.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(codes[i::10],)) for i in range(10)]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert closed == ["closed"]
    marks = Mark.objects.filter(ballot=ballot).count()
    assert Envelope.objects.filter(ballot=ballot).count() == 0
    assert Paper.objects.filter(ballot=ballot).count() == marks
    result = ballots.count_ballot(ballot=ballot, by=cast.people["committee"])
    assert result["options"][0]["votes"] == result["papers"] == marks
