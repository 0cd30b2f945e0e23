"""The roll: who may vote, frozen at the ballot's date in one statement; one code each."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenantry.democracy import ballots
from tenantry.democracy.ballots.codes import hash_code
from tenantry.democracy.models import BallotKind, BallotStatus, Electorate, Membership, Voter
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)

from .ballot_helpers import add_members, make_ballot

pytestmark = pytest.mark.django_db


def test_the_roll_is_the_members_current_on_its_date(cast):
    current = add_members(cast, 3)
    left = add_members(cast, 1, start=10)[0]
    left.ended_on = date(2025, 1, 31)
    left.save()
    later = add_members(cast, 1, start=20)[0]
    Membership.objects.filter(pk=later.pk).update(joined_on=date(2025, 6, 1))
    ballot = make_ballot(cast, roll_date=date(2025, 3, 1))

    with CaptureQueriesContext(connection) as queries:
        count = ballots.freeze_roll(ballot=ballot, by=cast.people["committee"])

    assert count == 3
    inserts = [
        q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")
    ]
    # One INSERT … SELECT for the roll (the other is the audit entry), whatever its size.
    assert len([q for q in inserts if "democracy_voter" in q["sql"]]) == 1
    roll = Voter.objects.filter(ballot=ballot)
    assert set(roll.values_list("membership_id", flat=True)) == {m.pk for m in current}
    assert set(roll.values_list("resident_id", flat=True)) == {m.resident_id for m in current}
    assert set(roll.values_list("estate_id", flat=True)) == {cast.estate.pk}
    assert len(set(roll.values_list("salt", flat=True))) == 3
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.OPEN


def test_a_final_right_to_manage_ballot_is_of_tenants_with_secure_tenants_flagged(cast):
    home = HomeFactory(estate=cast.estate, tenure="secure")
    CoverageFactory(agreement=cast.agreement, home=home)
    joint = HouseholdFactory(home=home)
    a, b = ResidentFactory(household=joint), ResidentFactory(household=joint)
    ResidentFactory(household=joint, is_lead_tenant=False)  # a grown-up child: not a tenant
    leasehold = HomeFactory(estate=cast.estate, tenure="leasehold")
    CoverageFactory(agreement=cast.agreement, home=leasehold)
    leaseholder = ResidentFactory(household=HouseholdFactory(home=leasehold))
    moved_out = HomeFactory(estate=cast.estate)
    CoverageFactory(agreement=cast.agreement, home=moved_out)
    ResidentFactory(
        household=HouseholdFactory(home=moved_out, ended_on=timezone.localdate() - timedelta(1))
    )
    ResidentFactory(household=HouseholdFactory(home=HomeFactory()))  # not the TMO's home
    ballot = make_ballot(
        cast, kind=BallotKind.RTM_FINAL, options=["Yes", "No"], electorate=Electorate.MEMBERS
    )
    assert ballot.electorate == Electorate.TENANTS  # the statute decides, not the form

    ballots.freeze_roll(ballot=ballot, by=cast.people["committee"])

    roll = dict(Voter.objects.filter(ballot=ballot).values_list("resident_id", "secure_tenant"))
    # The cast's own resident lives in a secure home the TMO manages, too.
    resident = cast.home.households.get().residents.get()
    assert roll == {a.pk: True, b.pk: True, leaseholder.pk: False, resident.pk: True}


def test_the_roll_is_frozen_once_and_not_at_a_day_to_come(cast):
    add_members(cast, 1)
    later = make_ballot(cast, roll_date=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError):
        ballots.freeze_roll(ballot=later, by=cast.people["committee"])
    ballot = make_ballot(cast, question="Another?")
    ballots.freeze_roll(ballot=ballot, by=cast.people["committee"])
    with pytest.raises(ValidationError):
        ballots.freeze_roll(ballot=ballot, by=cast.people["committee"])
    assert Voter.objects.filter(ballot=ballot).count() == 1


def test_only_those_who_run_ballots_freeze_a_roll(cast):
    ballot = make_ballot(cast)
    for role in ("resident", "inspector", "landlord_officer"):
        with pytest.raises(PermissionDenied):
            ballots.freeze_roll(ballot=ballot, by=cast.people[role])


def test_each_voter_gets_a_code_and_only_its_hash_is_stored(cast):
    add_members(cast, 3)
    ballot = make_ballot(cast)
    ballots.freeze_roll(ballot=ballot, by=cast.people["staff"])
    assert ballots.issue_codes(ballot=ballot, by=cast.people["staff"]) == 3
    assert ballots.issue_codes(ballot=ballot, by=cast.people["staff"]) == 0
    codes = set()
    for voter in Voter.objects.filter(ballot=ballot):
        code = ballots.voter_code(ballot.pk, voter.salt)
        assert len(code) == 14 and code.count("-") == 2
        assert voter.code_hash == hash_code(code)
        codes.add(code)
    assert len(codes) == 3
    # The code itself is in no column of the roll.
    for row in Voter.objects.filter(ballot=ballot).values():
        assert not any(
            code.replace("-", "") in str(value) for value in row.values() for code in codes
        )
