"""The demo's committee election at the AGM: contested, with votes online and on paper, counted
and declared into committee terms from the AGM's day; made once."""

from datetime import date

from tenantry.demo.elections import add_demo_elections
from tenantry.demo.meetings import add_demo_meetings_for
from tenantry.democracy.models import CommitteeTerm, Election, Mark, Meeting
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)

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
