"""An administrator reading every table (and on PostgreSQL the system columns xmin and ctid)
cannot tell how anyone voted: voters vote online, on paper and in person, the ballot closes,
and no row, key, time or transaction joins a ballot paper to a voter."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantry.core.tests.hostile_administrator import Person, Secret, scan, shared_transactions
from tenantry.democracy import ballots
from tenantry.democracy.models import Mark, Paper, PaperChoice, Voter
from tenantry.homes.models import Home, Household, Resident

from .ballot_helpers import add_members, after_close, make_ballot, open_with_codes, option_ids

pytestmark = pytest.mark.django_db(transaction=True)


def _people(ballot) -> list[Person]:
    people = []
    for voter in Voter.objects.filter(ballot=ballot).select_related("household__home", "resident"):
        rows = {
            Voter._meta.db_table: frozenset({voter.pk}),
            Resident._meta.db_table: frozenset({voter.resident_id}),
            Household._meta.db_table: frozenset({voter.household_id}),
            Home._meta.db_table: frozenset({voter.household.home_id}),
        }
        if mark := Mark.objects.filter(voter=voter).first():
            rows[Mark._meta.db_table] = frozenset({mark.pk})
        texts = {voter.code_hash, voter.salt, voter.household.home.address, voter.resident.name}
        people.append(Person(f"voter {voter.pk}", rows, frozenset(texts)))
    return people


def _secrets(ballot) -> list[Secret]:
    return [
        Secret(
            Paper._meta.db_table,
            frozenset(Paper.objects.filter(ballot=ballot).values_list("pk", flat=True)),
        ),
        Secret(
            PaperChoice._meta.db_table,
            frozenset(PaperChoice.objects.filter(ballot=ballot).values_list("pk", flat=True)),
        ),
    ]


def test_nothing_joins_a_ballot_paper_to_a_voter_after_the_close(cast, settings):
    settings.BALLOT_MIX_BATCH = 4
    add_members(cast, 9)
    ballot = make_ballot(cast)
    codes = open_with_codes(cast, ballot)
    yes, no = option_ids(ballot)
    voters = list(Voter.objects.filter(ballot=ballot).order_by("pk"))
    moments = []
    for n, voter in enumerate(voters[:8]):
        before = timezone.now()
        if n % 3 == 0:
            ballots.cast_vote(
                ballot=ballot, channel="paper", code=codes[voter.pk], choices=[no],
                by=cast.people["staff"],
            )  # fmt: skip
        elif n % 3 == 1:
            ballots.cast_vote(ballot=ballot, channel="online", code=codes[voter.pk], choices=[yes])
        else:
            ballots.cast_vote(
                ballot=ballot, channel="in_person", voter=voter, choices=[yes],
                by=cast.people["committee"],
            )  # fmt: skip
        moments.append((before, timezone.now()))
    # One more votes through the real voting page, signed out.
    page = Client()
    before = timezone.now()
    sent = page.post(
        reverse("ballot:enter-code"),
        {"step": "cast", "code": codes[voters[8].pk], "choices": yes},
    )
    assert sent.status_code == 302
    moments.append((before, timezone.now()))
    # A second vote, refused, is logged for the scrutineer without its choice.
    with pytest.raises(Exception):  # noqa: B017, PT011
        ballots.cast_vote(ballot=ballot, channel="online", code=codes[voters[0].pk], choices=[yes])

    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))
    ballots.count_ballot(ballot=ballot, by=cast.people["committee"])

    people = _people(ballot)
    secrets = _secrets(ballot)
    assert Paper.objects.filter(ballot=ballot).count() == 9
    findings = scan(secrets=secrets, people=people, moments=moments)
    assert findings == [], "\n".join(map(str, findings))
    findings = shared_transactions(secrets=secrets, people=people)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin and ctid are PostgreSQL's")
def test_after_the_close_every_paper_shares_one_transaction_and_no_mark_is_in_it(cast, settings):
    settings.BALLOT_MIX_BATCH = 3
    add_members(cast, 7)
    ballot = make_ballot(cast)
    codes = open_with_codes(cast, ballot)
    for code in codes.values():
        ballots.cast_vote(
            ballot=ballot, channel="online", code=code, choices=option_ids(ballot)[:1]
        )

    def xmins(table: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table} WHERE ballot_id = %s", [ballot.pk])  # noqa: S608
            return [row[0] for row in cursor.fetchall()]

    # While voting goes on, the opened papers were written by batch openings, never with a mark.
    marks = set(xmins(Mark._meta.db_table))
    assert len(marks) == 7
    assert not marks & set(xmins(Paper._meta.db_table))
    assert len(set(xmins(Paper._meta.db_table))) == 2  # two batches of 3; one envelope waits

    ballots.close_ballot(ballot=ballot, by=cast.people["committee"], now=after_close(ballot))

    papers = xmins(Paper._meta.db_table)
    assert len(papers) == 7 and len(set(papers)) == 1
    assert set(xmins(PaperChoice._meta.db_table)) == set(papers)
    assert not marks & set(papers)
    # The dead versions of the envelopes and papers before the close are gone.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'democracy_envelope'"
        )
        (dead,) = cursor.fetchone()
    assert dead == 0
