"""The demo's committee election at the AGM: contested, with votes online and on paper, counted
and declared into committee terms from the AGM's day; made once."""

from datetime import date, timedelta

import pytest

from tenantry.demo.democracy import GROWING_WEAK, add_demo_democracy
from tenantry.demo.elections import add_demo_elections
from tenantry.demo.generate import generate
from tenantry.demo.meetings import add_demo_meetings, add_demo_meetings_for
from tenantry.democracy.models import CommitteeTerm, Election, Mark, Meeting, Membership
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.organisations.models import Organisation

AS_OF = date(2026, 12, 5)


def test_an_election_at_the_agm(cast):
    for _ in range(70):
        home = HomeFactory(estate=cast.estate)
        CoverageFactory(agreement=cast.agreement, home=home)
        ResidentFactory(household=HouseholdFactory(home=home), is_lead_tenant=True)
    assert add_demo_meetings_for(organisation=cast.tmo, as_of=AS_OF)
    assert add_demo_elections(as_of=AS_OF) >= 1
    agm = Meeting.objects.get(organisation=cast.tmo, kind="agm")
    election = Election.objects.get(organisation=cast.tmo, kind="tenant")
    assert election.meeting == agm and election.status == "declared"
    assert election.declared_on == agm.day
    assert election.ballot.status == "counted"
    assert election.nominations.count() > election.seats
    channels = set(Mark.objects.filter(ballot=election.ballot).values_list("channel", flat=True))
    assert {"online", "paper"} <= channels
    elected = election.nominations.filter(elected=True)
    assert elected.count() == election.seats
    terms = CommitteeTerm.objects.filter(pk__in=elected.values("term"))
    assert {t.starts_on for t in terms} == {agm.day} and {t.how for t in terms} == {"elected"}
    assert add_demo_elections(as_of=AS_OF) == 0


@pytest.mark.django_db
def test_the_weak_committee_s_resignations_leave_the_agm_s_elections_to_be_declared():
    """Made on 7 December 2026 at 2,000 homes, Marsh Lane (the committee growing weak) had a
    member retiring by rotation at September's AGM resign after it, and another elected there
    who had left the estate between nominations closing and the AGM: neither result could be
    declared, and `tenantry demo --homes 2000` stopped."""
    day = date(2026, 12, 7)
    generate(homes=2000, years=1, seed=1, as_of=day, records=True)
    add_demo_democracy(today=day)
    add_demo_meetings(as_of=day)
    assert add_demo_elections(as_of=day) >= 5  # two at each of the three, less a lone one
    marsh = Organisation.objects.get(slug=GROWING_WEAK)
    agm = Meeting.objects.filter(organisation=marsh, kind="agm").latest("day").day
    resigned = CommitteeTerm.objects.filter(organisation=marsh, end_reason="Resigned")
    assert resigned.count() == 2
    for term in resigned:
        # Elected at the AGM before, the September a year earlier.
        assert (term.starts_on.year, term.starts_on.month) == (agm.year - 1, agm.month)
        assert agm < term.ends_on < day - timedelta(days=39)  # since the AGM: still vacant
    for election in Election.objects.filter(organisation=marsh):
        assert election.status == "declared"
        for won in election.nominations.filter(elected=True).select_related("term"):
            assert won.term.starts_on == agm
            assert Membership.objects.current(agm).filter(pk=won.term.membership_id).exists()
